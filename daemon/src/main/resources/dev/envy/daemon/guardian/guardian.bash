# envy's guardian (CS-12): run by bash, in its own session, with stdin the read end of a pipe only the daemon
# writes. The daemon sends the live service process groups whenever they change, as
#   begin
#   PGID START_TIME SIGNAL_NUMBER STOP_TIMEOUT_MS NAME
#   end
# End of file means the daemon is gone, however it went. A daemon that stopped its services sent an empty set;
# otherwise every recorded group still alive is stopped as the daemon would: its stop signal, then SIGKILL once its
# stop-timeout has passed. What it does goes to daemon.log ($1), and then it exits.
log=$1
export TZ=UTC
trap '' HUP INT TERM PIPE

live=
buffer=
while IFS= read -r line; do
    case $line in
        begin) buffer= ;;
        end) live=$buffer ;;
        *) buffer+=$line$'\n' ;;
    esac
done

[ -n "$live" ] || exit 0

say() {
    printf '%(%Y-%m-%dT%H:%M:%S)TZ WARN guardian: %s\n' -1 "$1" >>"$log"
}

# Whether process $1 is the one that started at $2 (field 22 of /proc/PID/stat), or gone (a reused pid is not ours).
same_process() {
    local stat rest
    read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
    rest=${stat##*) }
    set -- "$2" $rest
    [ "${21}" = "$1" ]
}

now_ms() {
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s' "${t%???}"
}

say "the daemon is gone; stopping the services it left running"
declare -A deadline=() names=()
start=$(now_ms)
while read -r pgid started signal timeout name; do
    [ -n "$pgid" ] || continue
    if [ -e "/proc/$pgid" ] && ! same_process "$pgid" "$started"; then
        continue # the leader's pid now names another process
    fi
    if kill -s "$signal" -- "-$pgid" 2>/dev/null; then
        say "$name: signal $signal to process group $pgid"
        deadline[$pgid]=$((start + timeout))
        names[$pgid]=$name
    fi
done <<<"$live"

while [ ${#deadline[@]} -gt 0 ]; do
    t=$(now_ms)
    for pgid in "${!deadline[@]}"; do
        if ! kill -0 -- "-$pgid" 2>/dev/null; then
            say "${names[$pgid]} (process group $pgid) is gone"
            unset "deadline[$pgid]"
        elif [ "$t" -ge "${deadline[$pgid]}" ]; then
            kill -s KILL -- "-$pgid" 2>/dev/null
            say "${names[$pgid]} did not stop within its stop-timeout; SIGKILL to process group $pgid"
            unset "deadline[$pgid]"
        fi
    done
    [ ${#deadline[@]} -gt 0 ] && sleep 0.02
done
say "every service the daemon left is stopped; the guardian exits"
