#!/usr/bin/env bash
# Prints a few steps, then the line its readiness check waits for.
set -euo pipefail
for i in 1 2 3; do
    echo "fourth: step $i"
    sleep 0.1
done
echo "fourth: ready after 3 steps"
trap 'exit 0' TERM INT
while true; do sleep 5 & wait $!; done
