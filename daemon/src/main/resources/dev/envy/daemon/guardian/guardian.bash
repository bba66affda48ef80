# envy's guardian (CS-12): run by bash, in its own session, with stdin the read end of a pipe only the daemon holds.
# Nothing is written to it: end of file means the daemon is gone, however it went. Then the guardian reads what the
# daemon last recorded in $2 (Guardian.java: NUL-separated fields per process group, in stop-level order) and stops
# those groups as the daemon would: dependents first, level by level, each level's groups at once (the stop signal,
# or the shutdown command with the service's environment in its working directory), SIGKILL to a group still there
# after its stop-timeout, and the next level once this one is gone; last, what is left in the services' cgroups
# (HD-12), the cgroup $3 the daemon made for them (empty when it made none). A daemon that stopped its services removed
# $2 first. What it does goes to daemon.log ($1), and then it exits.
log=$1
stops=$2
export TZ=UTC
trap '' HUP INT TERM PIPE

cgroups=$3

while read -r _; do :; done

say() {
    local t=${EPOCHREALTIME/[.,]/}
    printf '%(%Y-%m-%dT%H:%M:%S)T.%sZ WARN guardian: %s\n' "${t:0:-6}" "${t: -6:3}" "$1" >>"$log"
}

# HD-12: the cgroups the daemon made, $cgroups (envy-DAEMONPID-NONCE, as ServiceCgroups.java named it) and a svc-N in
# it per service. With "kill": what is left in each service's cgroup — a process that escaped its process group — is
# killed, as the daemon kills it when a service ends. Then the empty cgroups are removed. Nothing when the daemon made
# none, or removed them itself.
end_cgroups() {
    local mode=$1 line g w
    [ -n "$cgroups" ] && [ -d "$cgroups" ] || return 0
    if [ "$mode" = kill ]; then
        for g in "$cgroups"/svc-*; do
            [ -d "$g" ] || continue
            while IFS= read -r line; do
                if [ "$line" = "populated 1" ]; then
                    echo 1 >"$g/cgroup.kill" 2>/dev/null &&
                        say "killed what was left in the cgroup ${g##*/} (a process that left its service's group)"
                fi
            done <"$g/cgroup.events" 2>/dev/null
        done
    fi
    for ((w = 0; w < 34; w++)); do # the kernel empties a killed cgroup at once; allow 1 s
        for g in "$cgroups"/svc-*; do
            [ -d "$g" ] && rmdir -- "$g" 2>/dev/null
        done
        rmdir -- "$cgroups" 2>/dev/null && break
        sleep 0.03
    done
}

if [ ! -s "$stops" ]; then
    end_cgroups # a daemon that stopped everything removes them itself; one killed with nothing running could not
    exit 0
fi
mapfile -d '' -t f <"$stops"
rm -f -- "$stops"

# Each line stamped as the daemon stamps a service's log lines (a shutdown command's output goes there).
stamp() {
    local line t
    while IFS= read -r line || [ -n "$line" ]; do
        t=${EPOCHREALTIME/[.,]/}
        printf '%(%Y-%m-%dT%H:%M:%S)T.%sZ %s\n' "${t:0:-6}" "${t: -6:3}" "$line"
    done
}

# Whether process $1 is the one that started at $2 (field 22 of /proc/PID/stat).
same_process() {
    local stat rest
    read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
    rest=${stat##*) }
    set -- "$2" $rest
    [ "${21}" = "$1" ]
}

# Whether process group $1 has a member that is not a zombie. With the daemon gone, its services' processes are reaped
# by init, which may take its time: a group of zombies is a stopped group. kill -0 answers most cases; the rest take
# one look at /proc per round (look), shared by every group.
declare -A live=()
looked=
look() {
    local f stat rest
    live=()
    for f in /proc/[0-9]*/stat; do
        read -r stat 2>/dev/null <"$f" || continue
        rest=${stat##*) } # state ppid pgrp ...
        [ "${rest:0:1}" = Z ] && continue
        rest=${rest#* }
        rest=${rest#* }
        live[${rest%% *}]=1
    done
    looked=yes
}
group_alive() {
    kill -0 -- "-$1" 2>/dev/null || return 1
    [ -n "$looked" ] || look
    [ -n "${live[$1]:-}" ]
}

now_ms() {
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s' "${t%???}"
}

pgid=() started=() signal=() timeout=() level=() name=() out=() dir=() command=() env_at=() env_count=()
n=0 i=0 deepest=0
while [ $((i + 10)) -le ${#f[@]} ]; do
    pgid[n]=${f[i]} started[n]=${f[i + 1]} signal[n]=${f[i + 2]} timeout[n]=${f[i + 3]} level[n]=${f[i + 4]}
    name[n]=${f[i + 5]} out[n]=${f[i + 6]} dir[n]=${f[i + 7]} command[n]=${f[i + 8]}
    env_at[n]=$((i + 10)) env_count[n]=${f[i + 9]}
    [ "${level[n]}" -gt "$deepest" ] && deepest=${level[n]}
    i=$((i + 10 + env_count[n]))
    n=$((n + 1))
done
if [ "$n" -eq 0 ]; then
    end_cgroups
    exit 0
fi

say "the daemon is gone; stopping the services it left running"
for ((l = 0; l <= deepest; l++)); do
    declare -A deadline=() helper=() reported=()
    start=$(now_ms)
    for ((k = 0; k < n; k++)); do
        [ "${level[k]}" -eq "$l" ] || continue
        p=${pgid[k]}
        if [ -e "/proc/$p" ] && ! same_process "$p" "${started[k]}"; then
            continue # the leader's pid now names another process: not ours
        fi
        kill -0 -- "-$p" 2>/dev/null || continue
        if [ -n "${command[k]}" ]; then
            (cd -- "${dir[k]}" && exec setsid env -i "${f[@]:env_at[k]:env_count[k]}" bash -c "${command[k]}") \
                </dev/null > >(stamp >>"${out[k]}") 2>&1 &
            helper[$k]=$!
            say "${name[k]}: shutdown command (pid $!) for process group $p"
        else
            kill -s "${signal[k]}" -- "-$p" 2>/dev/null
            say "${name[k]}: signal ${signal[k]} to process group $p"
        fi
        deadline[$k]=$((start + timeout[k]))
    done
    # a group is done once it is gone and its shutdown command (if any) has exited; at its deadline, SIGKILL
    while [ ${#deadline[@]} -gt 0 ]; do
        t=$(now_ms)
        looked=
        for k in "${!deadline[@]}"; do
            p=${pgid[k]}
            group=gone
            group_alive "$p" && group=alive
            command_running=
            [ -n "${helper[$k]:-}" ] && group_alive "${helper[$k]}" && command_running=yes
            if [ $group = gone ] && [ -z "${reported[$k]:-}" ]; then
                say "${name[k]} (process group $p) is gone"
                reported[$k]=yes
            fi
            if [ $group = gone ] && [ -z "$command_running" ]; then
                unset "deadline[$k]"
            elif [ "$t" -ge "${deadline[$k]}" ]; then
                if [ $group = alive ]; then
                    kill -s KILL -- "-$p" 2>/dev/null
                    say "${name[k]} did not stop within its stop-timeout; SIGKILL to process group $p"
                fi
                if [ -n "$command_running" ]; then
                    kill -s KILL -- "-${helper[$k]}" 2>/dev/null
                    say "${name[k]}: its shutdown command (pid ${helper[$k]}) ran past the stop-timeout; SIGKILL"
                fi
                unset "deadline[$k]"
            fi
        done
        [ ${#deadline[@]} -gt 0 ] && sleep 0.03
    done
    unset deadline helper reported
done
end_cgroups kill
say "every service the daemon left is stopped; the guardian exits"
