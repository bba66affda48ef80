if [[ -o interactive ]]; then
  eval @@PROFILE@@
  __envy_prompt_marker=@@MARKER@@
  __envy_prompt() {
    [[ "$PROMPT" == "$__envy_prompt_marker"* ]] || PROMPT="$__envy_prompt_marker$PROMPT"
  }
  __envy_prompt
  typeset -ga precmd_functions
  precmd_functions+=(__envy_prompt)
fi
