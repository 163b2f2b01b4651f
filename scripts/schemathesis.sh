#!/usr/bin/env bash
# Runs schemathesis against a real `relais serve --demo` (fresh SQLite data folder, free loopback port): every
# operation of /api/openapi.json with an administrator's token, then the mobile team's with its dispatcher's; all
# checks (no 5xx, schema, status codes, content types, undeclared methods); then the intervention and referral
# operations as a mobile worker and an agency representative.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${RELAIS_BIN:-.build/debug/relais}
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env -u DATABASE_URL RELAIS_DATA_DIR="$data" "$bin" serve --demo --hostname 127.0.0.1 --port "$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    sleep 0.3
done
token() {
    env -u DATABASE_URL RELAIS_DATA_DIR="$data" "$bin" tokens create --email "$1@demo.relais.example" --name schemathesis \
        | tail -n 1
}
# Every operation as an administrator, then the mobile team's operations as its dispatcher (an administrator
# may not read or take requests).
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token admin)" --checks all --max-examples 50 --seed 20261123
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token dispatcher)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/(service-requests|board|teams|my-assignment|statistics)'
# The worker's intervention as a mobile worker, and referral answers as the shelter's agency representative.
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token mobile-worker)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/(my-intervention|my-assignment)'
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token agency-representative)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/(referrals|resources)'
