#!/usr/bin/env bash
# Activation budgets (issue "Activation"), median of N runs (default 5):
#   1. `envy activate -- true`, no services                              budget ≤ 300 ms
#   2. `envy activate -s -- true`, 10 trivial services, no daemon running budget ≤ 1.5 s
#   3. last activation exits → every process of 50 services gone         budget ≤ 500 ms
# Usage: bench/activation/bench.sh   (ENVY=path/to/envy, N=runs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ENVY=${ENVY:-$here/../../bin/envy}
N=${N:-5}
work=$(mktemp -d /tmp/envy-bench.XXXXXX)
export ENVY_RUNTIME_DIR=$work/run
mkdir -m 700 "$ENVY_RUNTIME_DIR"
mark="ENVY_BENCH_MARK=$work"

# Every process started for this benchmark carries $mark in its environment.
marked() { grep -ls --null -- "$mark" /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' | grep -c . || true; }
cleanup() {
    for dir in "$work"/p*; do [ -f "$dir/envy.toml" ] && (cd "$dir" && "$ENVY" down >/dev/null 2>&1 || true); done
    rm -rf "$work"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
await_none() {
    local deadline=$(( $(now_ms) + 60000 ))
    while [ "$(marked)" -gt 0 ]; do
        [ "$(now_ms)" -lt "$deadline" ] || { echo "processes of the benchmark still alive after 60 s" >&2; exit 1; }
        sleep 0.01
    done
}
project() { # NAME SERVICES → a project dir with that many trivial services
    local dir=$work/$1; mkdir -p "$dir"; echo "version = 1" > "$dir/envy.toml"
    for i in $(seq 1 "$2"); do printf '[services.s%02d]\ncommand = "exec sleep 100000"\nstop-timeout = "2s"\n\n' "$i" >> "$dir/envy.toml"; done
    echo "$dir"
}

p0=$(project p0 0); p10=$(project p10 10); p50=$(project p50 50)
(cd "$p0" && env "$mark" "$ENVY" activate -- true)   # warm-up: class-data archive, page cache

one=(); for _ in $(seq "$N"); do
    t=$(now_ms); (cd "$p0" && env "$mark" "$ENVY" activate -- true); one+=($(( $(now_ms) - t )))
done
ten=(); for _ in $(seq "$N"); do
    await_none
    t=$(now_ms); (cd "$p10" && env "$mark" "$ENVY" activate -s -- true) 2>/dev/null; ten+=($(( $(now_ms) - t )))
done
await_none
gone=(); for _ in $(seq "$N"); do
    (cd "$p50" && env "$mark" "$ENVY" activate -s -- sh -c "date +%s%3N > '$work/t0'") 2>/dev/null
    await_none
    gone+=($(( $(now_ms) - $(cat "$work/t0") )))
done

printf 'activate -- true, no services:           median %5d ms  (runs: %s)  budget 300 ms\n' "$(printf '%s\n' "${one[@]}" | median)" "${one[*]}"
printf 'activate -s -- true, 10 services, cold:  median %5d ms  (runs: %s)  budget 1500 ms\n' "$(printf '%s\n' "${ten[@]}" | median)" "${ten[*]}"
printf 'last exit -> 50 services all gone:       median %5d ms  (runs: %s)  budget 500 ms\n' "$(printf '%s\n' "${gone[@]}" | median)" "${gone[*]}"
