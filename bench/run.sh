#!/usr/bin/env bash
# Runs every benchmark and prints its figures. PostgreSQL figures use a throwaway cluster
# (with fsync on: acknowledged writes are durable).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source scripts/pg-cluster.sh
BENCH_DATABASE_URL="$PLEDGE_TEST_PG_URL" npx tsx bench/http.ts
for b in bench/read-cpu.ts bench/sign-in.ts bench/detector.ts bench/gate.ts bench/consent.ts bench/jobs.ts; do
  [ -f "$b" ] && BENCH_DATABASE_URL="$PLEDGE_TEST_PG_URL" npx tsx "$b"
done
exit 0
