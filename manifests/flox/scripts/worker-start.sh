#!/usr/bin/env bash
# Starts the worker in the background, records its pid and returns (a Flox is-daemon service).
set -euo pipefail
mkdir -p .envy
nohup bash -c 'while true; do echo "$WORKER_NAME: polling ${QUEUE_DIR:-.envy/queue}"; sleep 2; done' \
    >> .envy/worker.out 2>&1 &
echo $! > .envy/worker.pid
echo "worker: started as pid $(cat .envy/worker.pid)"
