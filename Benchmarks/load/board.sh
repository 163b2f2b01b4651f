#!/usr/bin/env bash
# Board updates under load: 200 live boards (WebSockets) of the dispatcher's organisation; 30 calls are taken one
# after another through the API, and each board's delay from the POST to the snapshot showing the new request is
# recorded (6,000 deliveries). Release build; SQLite by default, PostgreSQL with DATABASE_URL (then every update
# goes through NOTIFY/LISTEN, as between instances).
#   Benchmarks/load/board.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench Benchmarks/load/board.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/load/serve.sh
token=$("$bin" tokens create --email dispatcher@demo.relais.example --name load | tail -n 1)
password=$(awk '/dispatcher@demo.relais.example/ {print $3; exit}' "$data/server.log")
[ -n "$password" ] || { echo "no demo password in $data/server.log" >&2; exit 1; }
echo "engine: $engine"
python3 Benchmarks/load/board.py "http://127.0.0.1:$port" "$token" dispatcher@demo.relais.example "$password" \
    "${BOARDS:-200}" "${CALLS:-30}"
