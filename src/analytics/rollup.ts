/**
 * The rollup job: each site's closed UTC days become rows of `analytics_daily` (daily.ts), one
 * day per transaction with the watermark moved in the same transaction, so a crash resumes at
 * the first day not stored. A day is recomputed on each run until it is final — the ingest takes
 * events up to 24 hours late (plus 5 minutes of clock skew) — and never after.
 * @clause C12 the dashboard reads counts; no visitor hash or account reaches a rollup row.
 */
import type { Db, Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { DAILY_COLUMNS, dailyRowsSql } from './daily.ts';
import { addDays, dayOf, startOf } from './ranges.ts';

const LATE_MS = 24 * 3600_000 + 5 * 60_000;

const INSERT_DAY = `INSERT INTO analytics_daily (site_id, ${DAILY_COLUMNS}) SELECT $1, ${DAILY_COLUMNS} FROM (${dailyRowsSql('$1', '$2', '$3')}) r`;
const MOVE_WATERMARK = `
INSERT INTO analytics_rollup_state (site_id, rolled_through, final_through) VALUES ($1, $2::date, CASE WHEN $3 THEN $2::date ELSE $2::date - 1 END)
ON CONFLICT (site_id) DO UPDATE SET rolled_through = greatest(analytics_rollup_state.rolled_through, excluded.rolled_through),
  final_through = CASE WHEN $3 THEN $2::date ELSE analytics_rollup_state.final_through END, updated_at = now()`;

/** Stores one day's rows of one site in `tx`, replacing what a previous run stored. */
export async function rollUpDay(tx: Sql, siteId: string, day: string, final: boolean): Promise<void> {
  await tx.query('DELETE FROM analytics_daily WHERE site_id = $1 AND day = $2::date', [siteId, day]);
  await tx.query(INSERT_DAY, [siteId, startOf(day).toISOString(), startOf(addDays(day, 1)).toISOString()]);
  await tx.query(MOVE_WATERMARK, [siteId, day, final]);
}

/** The days of `siteId` still to roll up at `now`: after its final watermark (or its first event) up to yesterday. */
async function pendingDays(tx: Sql, siteId: string, now: Date): Promise<string[]> {
  const [state] = await tx.query<{ f: string }>("SELECT to_char(final_through, 'YYYY-MM-DD') AS f FROM analytics_rollup_state WHERE site_id = $1", [siteId]);
  let first = state ? addDays(state.f, 1) : null;
  if (!first) {
    const [e] = await tx.query<{ at: string | Date | null }>('SELECT min(at) AS at FROM analytics_events WHERE site_id = $1', [siteId]);
    if (!e?.at) return [];
    first = dayOf(new Date(e.at));
  }
  const out: string[] = [];
  for (let d = first, last = addDays(dayOf(now), -1); d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Rolls up every site's pending days; returns how many site-days were stored. */
export async function rollUpAll(db: Db, now = new Date()): Promise<number> {
  const sites = await inPlatform(db, (tx) => tx.query<{ id: string }>('SELECT id FROM analytics_sites ORDER BY created_at'));
  let stored = 0;
  for (const { id } of sites) {
    const days = await inPlatform(db, (tx) => pendingDays(tx, id, now));
    for (const day of days) {
      const final = startOf(addDays(day, 1)).getTime() + LATE_MS <= now.getTime();
      await inPlatform(db, (tx) => rollUpDay(tx, id, day, final));
      stored += 1;
    }
  }
  return stored;
}
