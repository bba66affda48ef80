#!/usr/bin/env bash
# Becomes ready by creating a file after a short set-up, then idles.
set -euo pipefail
mkdir -p .envy
rm -f .envy/first.ready
sleep 0.3
touch .envy/first.ready
echo "first: set up"
trap 'rm -f .envy/first.ready; exit 0' TERM INT
while true; do sleep 5 & wait $!; done
