# Sourced by the load scripts: starts a release build of relais with demo data on a free loopback port, on
# SQLite (default) or PostgreSQL (DATABASE_URL), and stops it on exit. Sets $port, $data, $bin and $engine.
bin=${RELAIS_BIN:-.build/release/relais}
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
engine=SQLite
if [ -n "${DATABASE_URL:-}" ]; then engine=PostgreSQL; fi
export RELAIS_DATA_DIR="$data" RELAIS_ENCRYPTION_KEY=${RELAIS_ENCRYPTION_KEY:-$(head -c 32 /dev/urandom | base64)}
export RELAIS_REQUIRE_TOTP=false LOG_LEVEL=${LOG_LEVEL:-warning}
"$bin" serve --demo --hostname 127.0.0.1 --port "$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.2; done
