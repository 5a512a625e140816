#!/usr/bin/env bash
# The one test command (npm test): installs what the suite needs when missing (PostgreSQL,
# Chromium), starts a throwaway PostgreSQL cluster on 127.0.0.1, runs type-check, lint and the
# whole suite on both stores, prints the clause report, and stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DIR=$(mktemp -d /tmp/pledge-pg.XXXXXX)
PG_PORT=${PLEDGE_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: this cluster lives for one run; durability is not what these tests measure.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export PLEDGE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"

npx tsc --noEmit
npx eslint .
npx vitest run
node bin/pledge.js clauses
