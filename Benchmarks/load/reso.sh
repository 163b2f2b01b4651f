#!/usr/bin/env bash
# RÉSO's public answer under load (issue 18 target: ≥ 5,000 req/s, p99 ≤ 20 ms at 64 connections): "who is my
# officer?" for a point (GET /reso/agent.json, the sectors and cards in memory), then a sector's card page, then the
# bare /health route as the reference measured in the same run — 64 connections, 2 wrk threads, 20 s each after a
# 5 s warm-up at the same load. Then the card page's weight with its photo: the page, the stylesheet and script it
# loads, and the officer's photo at twice the card's size (a generated 640×480 photo, uploaded as the supervisor).
# Release build, demo data, SQLite by default or PostgreSQL (DATABASE_URL=postgres://…).
#   Benchmarks/load/reso.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-64}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
source Benchmarks/load/serve.sh
url="http://127.0.0.1:$port"
echo "engine: $engine, $connections connections, $duration after a $warmup warm-up at the same load"
for path in "" /reso/secteurs/BRO-1 /health; do
    RELAIS_PATH=$path wrk -t2 -c"$connections" -d"$warmup" --timeout 5s -s Benchmarks/load/reso.lua "$url" >/dev/null
    printf '%-22s ' "${path:-/reso/agent.json?lat&lon}"
    RELAIS_PATH=$path wrk -t2 -c"$connections" -d"$duration" --timeout 5s -s Benchmarks/load/reso.lua "$url" | tail -n 1
done
python3 Benchmarks/load/reso-card-weight.py "$url" "$data/server.log"
