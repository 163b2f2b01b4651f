#!/usr/bin/env bash
# Runs schemathesis against a real `relais serve --demo` (fresh SQLite data folder, free loopback port): every
# operation of /api/openapi.json with an administrator's token, then the mobile team's with its dispatcher's; all
# checks (no 5xx, schema, status codes, content types, undeclared methods); then the intervention, referral and
# situation table operations as a mobile worker and an agency representative; finally the public HSDS API (/hsds) with Open Referral's
# own HSDS 3.0 OpenAPI document, as an independent client would read it (no 5xx; answers valid against its schemas).
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
# The worker's intervention as a mobile worker; referral answers and the situation table's agenda as the shelter's
# agency representative (a table agency in the demo).
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token mobile-worker)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/(my-intervention|my-assignment)'
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token agency-representative)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/(referrals|resources|table)'
# ÉSUP: a frontline officer's requests and their progress; the team's queue as the demo social worker (on the team).
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token police-officer)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/esup/consults'
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token police-social-worker)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/esup/queue'
# RÉSO: the residents' messages a sector officer answers (Brossard 1's, in the demo).
schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $(token sector-officer)" --checks all --max-examples 50 --seed 20261123 \
    --include-path-regex '^/api/v1/reso/'
# The public directory as an independent client sees it: Open Referral's HSDS 3.0 OpenAPI document (from
# Tests/Browser/hsds-3.0, its remote schema references pointed at the local copies; `compiled/service.json` and
# `compiled/organization.json` are not in the 3.0 branch, so their plain schemas stand in).
python3 - "$data/hsds-openapi.json" <<'PYTHON'
import json, pathlib, sys
root = pathlib.Path("Tests/Browser/hsds-3.0/schema").resolve()
remote = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
text = (root / "openapi.json").read_text()
for name in ("service", "organization"):
    text = text.replace(f"{remote}compiled/{name}.json", (root / f"{name}.json").as_uri())
document = json.loads(text.replace(remote, root.as_uri() + "/"))
document["servers"] = [{"url": "/hsds"}]
pathlib.Path(sys.argv[1]).write_text(json.dumps(document))
PYTHON
schemathesis run "$data/hsds-openapi.json" --url "http://127.0.0.1:$port/hsds" \
    --checks not_a_server_error,response_schema_conformance --max-examples 50 --seed 20261123
