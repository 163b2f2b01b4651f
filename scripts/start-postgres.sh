#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster on 127.0.0.1 (default port 5433) and prints its URL.
# Idempotent: installs Debian's PostgreSQL if missing, reuses a running cluster.
set -euo pipefail
dir=${RELAIS_PG_DIR:-/tmp/relais-pg}
port=${RELAIS_PG_PORT:-5433}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
    runuser -u postgres -- "$bin/initdb" -A trust -U postgres -D "$dir/data" >/dev/null
fi
if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    runuser -u postgres -- "$bin/pg_ctl" -w -D "$dir/data" -l "$dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=500" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
