#!/usr/bin/env bash
# The activation budgets now live in bench/run (with min/median/max, CPU time and a pid-exact teardown timing);
# this name is kept for whoever remembers it. Usage: bench/activation/bench.sh [-n RUNS] [-o FILE]
exec "$(cd "$(dirname "$0")/.." && pwd)/run" "$@" activate
