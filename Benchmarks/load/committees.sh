#!/usr/bin/env bash
# The committees' public pages under load: an open meeting's page (the meeting, its station and the seats left, read
# at each request), a published annual report (two years of the demo's meetings, minutes, concerns and actions
# counted and suppressed at each request, with the other programmes' figures), a committee's iCalendar feed, then
# the bare /health route as the reference measured in the same run — 64 connections, 2 wrk threads, 20 s each after
# a 5 s warm-up at the same load. Release build, demo data, SQLite by default or PostgreSQL (DATABASE_URL=postgres://…).
#   Benchmarks/load/committees.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-64}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
source Benchmarks/load/serve.sh
url="http://127.0.0.1:$port"
meeting=$(curl -fs "$url/comites/rencontres" | grep -o '/comites/rencontres/[0-9A-Fa-f-]\{36\}' | head -n 1)
year=$(( $(date +%Y) - 1 ))
echo "engine: $engine, $connections connections, $duration after a $warmup warm-up at the same load"
for path in "$meeting" "/comites/rapport/$year" /comites/calendriers/aines.ics /health; do
    RELAIS_PATH=$path wrk -t2 -c"$connections" -d"$warmup" --timeout 5s -s Benchmarks/load/reso.lua "$url" >/dev/null
    printf '%-52s ' "$path"
    RELAIS_PATH=$path wrk -t2 -c"$connections" -d"$duration" --timeout 5s -s Benchmarks/load/reso.lua "$url" | tail -n 1
done
