#!/usr/bin/env bash
# Stops the background worker started by worker-start.sh.
set -euo pipefail
if [ -f .envy/worker.pid ]; then
    kill "$(cat .envy/worker.pid)" 2>/dev/null || true
    rm -f .envy/worker.pid
fi
echo "worker: stopped"
