# Written by `envy activate`: zsh reads this because ZDOTDIR points here; the user's own
# .zshenv is read from their real ZDOTDIR (or $HOME) so nothing they rely on is skipped.
__envy_session_dir="$ZDOTDIR"
if [[ -n "${__ENVY_ZDOTDIR+x}" ]]; then
  ZDOTDIR="$__ENVY_ZDOTDIR"; __envy_had_zdotdir=1
else
  ZDOTDIR="$HOME"; __envy_had_zdotdir=
fi
unset __ENVY_ZDOTDIR
[[ -f "$ZDOTDIR/.zshenv" ]] && source "$ZDOTDIR/.zshenv"
__envy_user_zdotdir="$ZDOTDIR"
ZDOTDIR="$__envy_session_dir"
