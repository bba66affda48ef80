#!/usr/bin/env bash
# A stand-in cache: warms up, says it is ready, then keeps a heartbeat.
set -euo pipefail
echo "cache: warming up"
sleep 0.2
echo "cache: ready to accept connections"
trap 'echo "cache: bye"; exit 0' TERM INT
while true; do
    sleep 5 &
    wait $!
done
