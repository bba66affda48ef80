# envy for direnv: `use envy` (or `use envy -s`, to start the services too) in a project's .envrc.
# Written by `envy hook direnv`; put it in ~/.config/direnv/direnvrc, or source it from there:
#   source <(envy hook direnv)   is not possible in direnvrc, so: envy hook direnv >> ~/.config/direnv/direnvrc
#
# direnv evaluates .envrc in a short-lived bash of its own and applies the variables it exported to your shell,
# and takes them back when you leave the directory. So that the activation is your interactive shell, not that bash,
# use_envy registers direnv's parent: the shell whose prompt hook runs `direnv export`.
use_envy() {
    watch_file envy.toml
    local __envy_stat __envy_rest __envy_shell
    if ! read -r __envy_stat 2>/dev/null <"/proc/$PPID/stat"; then
        log_error "envy: cannot read /proc/$PPID/stat to find your shell; use envy needs Linux's /proc"
        return 1
    fi
    __envy_rest=${__envy_stat##*) }
    set -- ${__envy_rest} -- "$@"
    __envy_shell=$2
    while [ "$1" != "--" ]; do shift; done
    shift
    local __envy_script
    __envy_script=$(@@ENVY@@ activate --shell bash --print-script --pid "$__envy_shell" "$@") || return $?
    eval "$__envy_script"
}
