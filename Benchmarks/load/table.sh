#!/usr/bin/env bash
# The situation table's two screens under load (issue 15 targets): the trends page over ten years of a busy table
# (50,000 discussions, 10 risk factors each, Benchmarks/load/generate-table.py) — p95 ≤ 150 ms, nothing cached
# between requests — and the chair's meeting screen with 30 situations on the agenda — p95 ≤ 50 ms. One client
# (the latency one chair sees) for 20 s after a 5 s warm-up, then the bare /health route as the reference measured
# in the same run. Release build, demo data, SQLite by default or PostgreSQL (DATABASE_URL=postgres://…).
#   Benchmarks/load/table.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench Benchmarks/load/table.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-1}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
discussions=${DISCUSSIONS:-50000}
source Benchmarks/load/serve.sh
url="http://127.0.0.1:$port"
password() { grep -oE "$1@demo\.relais\.example +[^ ]+" "$data/server.log" | awk '{print $2}'; }
chair=$(python3 Benchmarks/load/session-cookie.py "$url" table-chair@demo.relais.example "$(password table-chair)")
representative=$(python3 Benchmarks/load/session-cookie.py "$url" agency-representative@demo.relais.example \
    "$(password agency-representative)")
meeting=$(python3 Benchmarks/load/table-agenda.py "$url" "$representative" "$chair")
start=$(date +%s.%N)
RELAIS_BIN="$bin" python3 Benchmarks/load/generate-table.py \
    "$([ "$engine" = SQLite ] && echo sqlite || echo postgres)" \
    "$([ "$engine" = SQLite ] && echo "$data/relais.sqlite" || echo "$DATABASE_URL")" "$discussions"
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s"
echo "engine: $engine, $connections connection(s), $duration after a ${warmup} warm-up at the same load"
for path in /table/tendances "$meeting" /health; do
    cookie=$([ "$path" = /health ] && echo "" || echo "$chair")
    RELAIS_PATH=$path RELAIS_COOKIE=$cookie wrk -t1 -c"$connections" -d"$warmup" --timeout 5s \
        -s Benchmarks/load/signed-in.lua "$url" >/dev/null
    RELAIS_PATH=$path RELAIS_COOKIE=$cookie wrk -t1 -c"$connections" -d"$duration" --timeout 5s \
        -s Benchmarks/load/signed-in.lua "$url" | tail -n 1
done
