#!/usr/bin/env bash
# Runs inside a systemd-nspawn container, as the one unit a fresh systemd boots (ExportSystemdTest): starts the
# exported targets, checks what a demanding user would check, stops them, and exits 0 only if every check passed.
# Each check prints "ok: WHAT" or "FAIL: WHAT (what was seen)". Every wait has a deadline.
# Needs: $RECORD (the fixture's record file), $FX, $WEBAPP and $FLOX (the three projects' directories).
set -u
failures=0
ok() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
now_ms() { date +%s%3N; }
# until_true SECONDS COMMAND…: polls every 0.1 s until COMMAND succeeds or the deadline passes
until_true() {
    local end=$(($(now_ms) + $1 * 1000)); shift
    until "$@"; do (($(now_ms) < end)) || return 1; sleep 0.1; done
}
prop() { systemctl show -p "$2" --value "$1"; }
fx_units=(envy-fx--hook envy-fx-store envy-fx-schema envy-fx-api envy-fx-flaky envy-fx-tree)
web_units=(envy-webapp--hook envy-webapp-db envy-webapp-cache envy-webapp-migrate envy-webapp-web)
flox_units=(envy-flox--hook envy-flox-api envy-flox-worker)
# stopped UNIT…: every unit is inactive or failed (is-active -q is true while one of them is active, but a unit
# that is still stopping is "deactivating", which is not active either)
stopped() {
    local u
    for u in "$@"; do
        case $(systemctl is-active "$u") in inactive | failed) ;; *) return 1 ;; esac
    done
}
all_stopped() { stopped "${fx_units[@]}" "${web_units[@]}" "${flox_units[@]}" envy-fx-tool; }
http_get() { # http_get PORT PATH: prints the response
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&3
    timeout 5 cat <&3
    exec 3<&-
}

targets=(envy-fx.target envy-webapp.target envy-flox.target)
echo "check: starting ${targets[*]}"
started=$(now_ms)
if systemctl start "${targets[@]}"; then ok "systemctl start of the three targets succeeded"
else fail "systemctl start of the three targets failed"; fi
echo "check: started in $(($(now_ms) - started)) ms"
echo "check: started" >> "$RECORD"

for u in "${fx_units[@]}" "${web_units[@]}" "${flox_units[@]}" "${targets[@]}"; do
    check "$u is active" [ "$(systemctl is-active "$u")" = active ]
done
check "envy-fx-tool (autostart = false) was not started" [ "$(systemctl is-active envy-fx-tool)" = inactive ]
check "envy-fx-schema completed and stays active (oneshot, RemainAfterExit)" \
    [ "$(prop envy-fx-schema SubState)/$(prop envy-fx-schema Result)" = exited/success ]
check "envy-webapp-migrate completed and stays active" \
    [ "$(prop envy-webapp-migrate SubState)/$(prop envy-webapp-migrate Result)" = exited/success ]
check "envy-fx-flaky was restarted once after its failure and runs" \
    until_true 15 eval '[ "$(prop envy-fx-flaky NRestarts)/$(prop envy-fx-flaky SubState)" = 1/running ]'
check "the journal has envy-fx-store's output (--journal)" \
    until_true 10 eval 'journalctl -q --no-pager -o cat -u envy-fx-store | grep -qx "store: up"'

page=$(http_get 18080 /)
check "webapp's web serves its index page" grep -q '<h1>It works</h1>' <<<"$page"
check "webapp's web answers 200" grep -q '^HTTP/1.[01] 200' <<<"$page"
check "webapp's migrate applied its migrations" [ "$(cat "$WEBAPP/.envy/data/schema-version" 2>/dev/null)" = 3 ]
check "flox's api serves" grep -q '^HTTP/1.[01] 200' <<<"$(http_get 18280 /)"
worker=$(cat "$FLOX/.envy/worker.pid" 2>/dev/null)
check "flox's worker (is-daemon) runs in the background as pid '$worker', which systemd follows" \
    eval '[[ $worker =~ ^[0-9]+$ && $worker -gt 1 ]] && kill -0 "$worker" && [ "$(prop envy-flox-worker MainPID)" = "$worker" ]'

systemctl start envy-fx-tool
check "envy-fx-tool runs when asked" until_true 5 grep -qx "tool ran" "$RECORD"

child=$(cat "$FX/.envy/tree.child" 2>/dev/null)
grandchild=$(cat "$FX/.envy/tree.grandchild" 2>/dev/null)
check "envy-fx-tree's child and grandchild run (pids '$child' and '$grandchild')" \
    eval '[[ $child =~ ^[0-9]+$ && $grandchild =~ ^[0-9]+$ && $child -gt 1 && $grandchild -gt 1 ]] && kill -0 "$child" "$grandchild"'

echo "check: stopping" >> "$RECORD"
echo "check: stopping ${targets[*]}"
stop_started=$(now_ms)
systemctl stop "${targets[@]}"
# systemctl stop of a target returns before its PartOf= units have stopped: wait for them
tree_stopped=
end=$(($(now_ms) + 30000))
while ! all_stopped && (($(now_ms) < end)); do
    if [ -z "$tree_stopped" ] && stopped envy-fx-tree; then tree_stopped=$(now_ms); fi
    sleep 0.05
done
[ -n "$tree_stopped" ] || tree_stopped=$(now_ms)
check "every unit stopped within 30 s" all_stopped
echo "check: stopped in $(($(now_ms) - stop_started)) ms"
tree_ms=$((tree_stopped - stop_started))
check "envy-fx-tree, which ignores SIGTERM, was killed after its stop-timeout of 2s (took $tree_ms ms)" \
    eval '((tree_ms >= 1900 && tree_ms < 8000))'
check "envy-fx-tree's stop ended by timeout (SIGKILL)" [ "$(prop envy-fx-tree Result)" = timeout ]
if [[ $child =~ ^[0-9]+$ && $child -gt 1 ]]; then
    check "envy-fx-tree's child is gone" eval '! kill -0 "$child" 2>/dev/null'
fi
if [[ $grandchild =~ ^[0-9]+$ && $grandchild -gt 1 ]]; then
    check "envy-fx-tree's grandchild in its own session is gone" eval '! kill -0 "$grandchild" 2>/dev/null'
fi
check "nothing listens on the services' ports any more" \
    eval '! (exec 3<>/dev/tcp/127.0.0.1/18080) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/15432) 2>/dev/null \
        && ! (exec 3<>/dev/tcp/127.0.0.1/18280) 2>/dev/null'
if [[ $worker =~ ^[0-9]+$ && $worker -gt 1 ]]; then
    check "flox's worker is gone, stopped by its shutdown.command" \
        eval '! kill -0 "$worker" 2>/dev/null && grep -qx "worker: stopped" "$FLOX/.envy/logs/worker.log"'
fi
for u in envy-fx-store envy-fx-api envy-webapp-db envy-webapp-cache envy-webapp-web envy-flox-api envy-flox-worker; do
    check "$u stopped cleanly (Result=success)" [ "$(prop "$u" Result)" = success ]
done

echo "check: $failures failed"
((failures == 0))
