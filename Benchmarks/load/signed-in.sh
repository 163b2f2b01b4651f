#!/usr/bin/env bash
# A signed-in request's own cost: 32 concurrent clients GET /api/v1/me with a dispatcher's session cookie (cookie →
# session → account and memberships, one query → JSON) for 20 s after a 5 s warm-up, then the bare /health route
# under the same load as the reference measured in the same run. Release build, demo data, SQLite by default or
# PostgreSQL (DATABASE_URL=postgres://…).
#   Benchmarks/load/signed-in.sh
#   RELAIS_BIN=/path/to/other/relais Benchmarks/load/signed-in.sh    # the same load against another build
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-32}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
source Benchmarks/load/serve.sh
password=$(grep -oE 'dispatcher@demo\.relais\.example +[^ ]+' "$data/server.log" | awk '{print $2}')
export RELAIS_COOKIE=$(python3 Benchmarks/load/session-cookie.py "http://127.0.0.1:$port" dispatcher@demo.relais.example "$password")
echo "engine: $engine, $connections connections, $duration after a ${warmup} warm-up at the same load"
for path in /api/v1/me /health; do
    cookie=$([ "$path" = /health ] && echo "" || echo "$RELAIS_COOKIE")
    RELAIS_PATH=$path RELAIS_COOKIE=$cookie wrk -t2 -c"$connections" -d"$warmup" --timeout 5s \
        -s Benchmarks/load/signed-in.lua "http://127.0.0.1:$port" >/dev/null
    RELAIS_PATH=$path RELAIS_COOKIE=$cookie wrk -t2 -c"$connections" -d"$duration" --timeout 5s \
        -s Benchmarks/load/signed-in.lua "http://127.0.0.1:$port" | tail -n 1
done
