#!/usr/bin/env bash
# ÉSUP's queue under load: 50 team screens wait on the queue (long polls); 30 consult requests are sent one after
# another through the API by a frontline officer, and each screen's delay from the POST to showing the request is
# recorded (1,500 deliveries), with a bare route's latency in the same run. Release build; SQLite by default,
# PostgreSQL with DATABASE_URL (every change then also goes through NOTIFY/LISTEN, as between instances).
#   Benchmarks/load/esup-queue.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench Benchmarks/load/esup-queue.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/load/serve.sh
token=$("$bin" tokens create --email police-officer@demo.relais.example --name load | tail -n 1)
password=$(awk '/police-social-worker@demo.relais.example/ {print $3; exit}' "$data/server.log")
[ -n "$password" ] || { echo "no demo password in $data/server.log" >&2; exit 1; }
echo "engine: $engine"
python3 Benchmarks/load/esup-queue.py "http://127.0.0.1:$port" "$token" police-social-worker@demo.relais.example \
    "$password" "${SCREENS:-50}" "${REQUESTS:-30}"
