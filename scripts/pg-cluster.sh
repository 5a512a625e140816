#!/usr/bin/env bash
# Source this file: starts a throwaway PostgreSQL cluster on 127.0.0.1, exports
# PLEDGE_TEST_PG_URL, and stops and removes the cluster when the sourcing shell exits.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DIR=$(mktemp -d /tmp/pledge-pg.XXXXXX)
PG_PORT=${PLEDGE_PG_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_pg EXIT
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# fsync stays on unless the caller turns it off (the test suite does: durability is not what it measures).
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${PLEDGE_PG_OPTIONS:-}" start >/dev/null
export PLEDGE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
