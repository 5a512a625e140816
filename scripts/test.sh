#!/usr/bin/env bash
# The one test command (npm test): installs what the suite needs when missing (PostgreSQL,
# Chromium), starts a throwaway PostgreSQL cluster on 127.0.0.1, runs type-check, lint and the
# whole suite on both stores, prints the clause report, and stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh
PLEDGE_PG_OPTIONS="-c fsync=off" source scripts/pg-cluster.sh

npx tsc --noEmit
npx eslint .
# The totals line is printed whether or not the suite passed; the script still fails with it.
status=0
npx vitest run || status=$?
node scripts/summary.js || true
[ "$status" = 0 ] || exit "$status"
node bin/pledge.js clauses
