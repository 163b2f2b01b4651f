#!/usr/bin/env bash
# Intake under load: 32 concurrent clients POST resident calls for 20 s over loopback (wrk), after 5 s of the same
# load to warm up (connections opened, territories loaded), against a release
# build of relais on SQLite (default) or PostgreSQL (DATABASE_URL=postgres://…). Each call is validated, screened,
# located, triaged, written and audited in one transaction, as in production.
#   Benchmarks/load/intake.sh            # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench Benchmarks/load/intake.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-32}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
source Benchmarks/load/serve.sh
export RELAIS_TOKEN=$("$bin" tokens create --email dispatcher@demo.relais.example --name load | tail -n 1)
echo "engine: $engine, $connections connections, $duration after a ${warmup} warm-up at the same load"
wrk -t2 -c"$connections" -d"$warmup" --timeout 5s -s Benchmarks/load/intake.lua "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c"$connections" -d"$duration" --timeout 5s -s Benchmarks/load/intake.lua "http://127.0.0.1:$port"
