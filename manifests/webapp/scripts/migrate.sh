#!/usr/bin/env bash
# A one-shot migration: talks to db once, records what it applied, exits 0.
set -euo pipefail
mkdir -p .envy/data
answer=$(python3 - <<'PY'
import os, socket
with socket.create_connection(("127.0.0.1", int(os.environ.get("DB_PORT", "15432"))), timeout=5) as s:
    s.sendall(b"MIGRATE 3\n")
    print(s.recv(100).decode().strip())
PY
)
echo "migrate: db answered '$answer'"
echo "3" > .envy/data/schema-version
echo "migrate: applied 3 migrations"
