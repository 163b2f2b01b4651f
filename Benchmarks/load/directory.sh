#!/usr/bin/env bash
# Directory search under load: 60,000 generated services (Benchmarks/load/generate-directory.py) imported into a
# release build of relais, then the worker's search with words + need + open now + nearest first, for 20 s after a
# 5 s warm-up, from 1 client (the latency one worker sees) and from 8. Also times the import itself.
#   Benchmarks/load/directory.sh            # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench Benchmarks/load/directory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
services=${SERVICES:-60000}
file=${DIRECTORY_FILE:-/tmp/relais-directory-$services.json}
[ -f "$file" ] || python3 Benchmarks/load/generate-directory.py "$services" "$file"
source Benchmarks/load/serve.sh
echo "engine: $engine, $services services"
start=$(date +%s.%N)
"$bin" resources import "$file" | tail -n 1
echo "import: $(echo "$(date +%s.%N) - $start" | bc) s"
export RELAIS_TOKEN=$("$bin" tokens create --email mobile-worker@demo.relais.example --name load | tail -n 1)
for connections in 1 8; do
    echo "search, $connections client(s):"
    wrk -t1 -c"$connections" -d5s --timeout 5s -s Benchmarks/load/directory.lua "http://127.0.0.1:$port" >/dev/null
    wrk -t1 -c"$connections" -d20s --timeout 5s -s Benchmarks/load/directory.lua "http://127.0.0.1:$port" | tail -n 5
done
