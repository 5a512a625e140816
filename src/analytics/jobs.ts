/**
 * The analytics housekeeping jobs: salts destroyed after 48 hours (hourly), and Log Data past
 * its site's retention removed (daily): whole monthly partitions beyond the longest retention
 * are dropped; a site with a shorter retention has its older rows deleted; the daily rollups
 * (hourly) and their retention, the same as the events they count.
 * @clause C12 @clause C13 @clause C36
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import type { Job } from '../jobs/runner.ts';
import { inPlatform } from '../db/scope.ts';
import { dropExpiredPartitions, ensurePartition } from './partitions.ts';
import { rollUpAll } from './rollup.ts';
import { destroyOldSalts } from './salts.ts';

const DEFAULT_RETENTION_MONTHS = 14;

/** Destroys salts older than 48 hours; audited with a count. */
export async function rotateSalts(ctx: Pick<AppContext, 'db' | 'keys'>): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const n = await destroyOldSalts(ctx.db, tx);
    if (n > 0) await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'housekeeping.purged', details: { kind: 'analytics_salts', rows: n } });
    return n;
  });
}

/** Drops partitions past every site's retention and prunes shorter ones; returns the partitions dropped. */
export async function enforceRetention(ctx: Pick<AppContext, 'db' | 'keys'>, now = new Date()): Promise<string[]> {
  await ensurePartition(ctx.db, now);
  return inPlatform(ctx.db, async (tx) => {
    const [m] = await tx.query<{ months: number | null }>('SELECT max(retention_months) AS months FROM analytics_sites');
    const dropped = await dropExpiredPartitions(ctx.db, tx, Math.max(m?.months ?? DEFAULT_RETENTION_MONTHS, 1), now);
    await tx.query(
      `DELETE FROM analytics_events e USING analytics_sites s WHERE e.site_id = s.id AND e.at < $1::timestamptz - make_interval(months => s.retention_months)`,
      [now.toISOString()],
    );
    // The daily figures go with the events they count: a day that began before the site's cutoff.
    await tx.query(
      `DELETE FROM analytics_daily d USING analytics_sites s WHERE d.site_id = s.id AND (d.day::timestamp AT TIME ZONE 'UTC') < $1::timestamptz - make_interval(months => s.retention_months)`,
      [now.toISOString()],
    );
    if (dropped.length > 0) await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'housekeeping.purged', details: { kind: 'analytics_partitions', rows: dropped.length } });
    return dropped;
  });
}

export const ANALYTICS_JOBS: readonly Job[] = [
  { name: 'analytics-salts', schedule: '5 * * * *', feature: 'housekeeping.purge', admit: 'many', concurrency: 'one', why: 'Destroys visitor-hash salts older than 48 hours; reads no one\'s data', perform: async (ctx) => void (await rotateSalts(ctx)) },
  { name: 'analytics-rollup', schedule: '7 * * * *', feature: 'analytics.rollup', admit: 'many', concurrency: 'one', why: 'Counts closed days of Log Data into daily figures; no one\'s data is used as theirs, no hash or account is kept', perform: async (ctx) => void (await rollUpAll(ctx.db)) },
  { name: 'analytics-retention', schedule: '15 3 * * *', feature: 'housekeeping.purge', admit: 'many', concurrency: 'one', why: 'Drops Log Data partitions past the sites\' retention; reads no one\'s data', perform: async (ctx) => void (await enforceRetention(ctx)) },
];
