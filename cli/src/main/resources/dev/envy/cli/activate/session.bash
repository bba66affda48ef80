case $- in
*i*)
  eval @@PROFILE@@
  __envy_prompt_marker=@@MARKER@@
  __envy_prompt() {
    case "$PS1" in "$__envy_prompt_marker"*) ;; *) PS1="$__envy_prompt_marker$PS1" ;; esac
  }
  __envy_prompt
  PROMPT_COMMAND="${PROMPT_COMMAND:+${PROMPT_COMMAND%;};}__envy_prompt"
  ;;
esac
