# Written by `envy activate` for one zsh session; removed as soon as it has been read.
# ZDOTDIR is put back before the user's .zshrc runs, so their history and plugins live where they always do.
if [[ -z "$__envy_had_zdotdir" && "$__envy_user_zdotdir" == "$HOME" ]]; then
  unset ZDOTDIR
else
  export ZDOTDIR="$__envy_user_zdotdir"
fi
if [[ "${HISTFILE-}" == "$__envy_session_dir"/* ]]; then HISTFILE="${ZDOTDIR:-$HOME}/${HISTFILE:t}"; fi
[[ -f "${ZDOTDIR:-$HOME}/.zshrc" ]] && source "${ZDOTDIR:-$HOME}/.zshrc"
@@SESSION@@
command rm -rf -- "$__envy_session_dir"
unset __envy_session_dir __envy_had_zdotdir __envy_user_zdotdir
