#!/usr/bin/env bash
# A PostgreSQL cluster for bench/dsr.ts that outlives the shell, so the 20,000,000-row dataset is
# generated once and reused. Prints BENCH_DATABASE_URL. `bench/dsr-cluster.sh stop` stops it.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=${DSR_PG_DIR:-/tmp/pledge-dsr-bench/pg}
PORT=${DSR_PG_PORT:-25432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = stop ]; then as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast stop; exit; fi
mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
[ -d "$DIR/data" ] || as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
if ! as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  # fsync off and a larger cache: generation speed and a working set in memory, not durability, matter here.
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=100 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=3GB -c work_mem=64MB -c maintenance_work_mem=512MB \
    -c max_wal_size=8GB -c checkpoint_timeout=30min" start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
