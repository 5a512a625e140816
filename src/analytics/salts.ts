/**
 * Plausible's salt design: one random salt per UTC day, used only to key the visitor hash, and
 * destroyed after 48 hours. Yesterday's salt stays for visits that cross midnight; older ones
 * are gone, so a visitor hash of an older day cannot be recomputed, by anyone.
 * @clause C12 @clause C13
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';

export const SALT_LIFETIME_HOURS = 48;

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
// Only today's salt of each database lives in memory: a destroyed salt must not survive in a cache.
const cache = new WeakMap<Db, { day: string; salt: Buffer }>();

// The read in flight per database: concurrent first requests of a day share one, so they do not
// race each other's INSERT (a loser's snapshot would not yet see the winner's row).
const loading = new WeakMap<Db, { day: string; salt: Promise<Buffer> }>();

async function loadSalt(db: Db, day: string): Promise<Buffer> {
  const read = () => inPlatform(db, (tx) => tx.query<{ salt: Buffer | Uint8Array }>(
    `WITH ins AS (INSERT INTO analytics_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING RETURNING salt)
     SELECT salt FROM ins UNION ALL SELECT salt FROM analytics_salts WHERE day = $1 LIMIT 1`,
    [day, randomBytes(32)],
  ));
  // Another server's INSERT may have won after this statement's snapshot: its row is visible to the next one.
  let [row] = await read();
  if (!row) [row] = await read();
  return Buffer.from(row!.salt);
}

/** The salt of `at`'s UTC day: created on first use (a race keeps the first row), cached in memory until the day ends. */
export async function saltFor(db: Db, at: Date): Promise<Buffer> {
  const day = dayOf(at);
  const hit = cache.get(db);
  if (hit?.day === day) return hit.salt;
  let flight = loading.get(db);
  if (flight?.day !== day) {
    flight = { day, salt: loadSalt(db, day) };
    loading.set(db, flight);
    flight.salt.then((salt) => { if (loading.get(db) === flight) { cache.set(db, { day, salt }); loading.delete(db); } }, () => { if (loading.get(db) === flight) loading.delete(db); });
  }
  return flight.salt;
}

/** Deletes every salt older than 48 hours and forgets cached ones; returns how many went. */
export async function destroyOldSalts(db: Db, tx: Sql): Promise<number> {
  cache.delete(db);
  loading.delete(db);
  const rows = await tx.query(`DELETE FROM analytics_salts WHERE created_at < now() - make_interval(hours => $1) OR day < (now() AT TIME ZONE 'UTC')::date - 1 RETURNING day`, [SALT_LIFETIME_HOURS]);
  return rows.length;
}

/** The visitor hash: HMAC-SHA256 keyed by the day's salt over site, truncated IP and user agent, cut to 16 bytes. */
export const visitorHash = (salt: Buffer, site: string, truncatedIp: string, ua: string): Buffer =>
  createHmac('sha256', salt).update(`${site}\n${truncatedIp}\n${ua}`).digest().subarray(0, 16);
