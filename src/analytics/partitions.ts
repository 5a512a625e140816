/**
 * Monthly partitions of analytics_events: created ahead of the events that need them, and
 * dropped whole by the retention job once every row in them is past the longest retention.
 */
import type { Db, Sql } from '../db/index.ts';

const DUPLICATE_TABLE = '42P07';
// Two concurrent CREATE TABLE IF NOT EXISTS may also collide on the catalog's unique index.
const UNIQUE_VIOLATION = '23505';
// Partitions known to exist, per database (tests and benches open many).
const known = new WeakMap<Db, Set<string>>();
const madeIn = (db: Db): Set<string> => {
  let s = known.get(db);
  if (!s) { s = new Set(); known.set(db, s); }
  return s;
};

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
/** The partition's table name for the month of `d`: analytics_events_p202612. */
export const partitionName = (d: Date): string => `analytics_events_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

// Creations in flight, per database: the writer's concurrent commits of a new month share one.
const making = new WeakMap<Db, Map<string, Promise<void>>>();

/** Creates the partition holding `at` unless it exists (a concurrent creator's win is fine). */
export function ensurePartition(db: Db, at: Date): Promise<void> {
  const made = madeIn(db);
  const name = partitionName(at);
  if (made.has(name)) return Promise.resolve();
  let inFlight = making.get(db);
  if (!inFlight) making.set(db, (inFlight = new Map()));
  const pending = inFlight.get(name);
  if (pending) return pending;
  const from = monthStart(at).toISOString().slice(0, 10);
  const to = nextMonth(at).toISOString().slice(0, 10);
  const flights = inFlight;
  const p = db.exec(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF analytics_events FOR VALUES FROM ('${from}') TO ('${to}')`)
    .catch((err: { code?: string }) => {
      // Another process creating it at the same moment: it exists either way.
      if (err.code !== DUPLICATE_TABLE && err.code !== UNIQUE_VIOLATION) throw err;
    })
    .then(() => void made.add(name))
    .finally(() => flights.delete(name));
  flights.set(name, p);
  return p;
}

/** The partitions of analytics_events with the month they start. */
export async function listPartitions(tx: Sql): Promise<{ name: string; month: Date }[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'analytics_events' ORDER BY 1`,
  );
  return rows.flatMap((r) => {
    const m = /^analytics_events_p(\d{4})(\d{2})$/.exec(r.name);
    return m ? [{ name: r.name, month: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) }] : [];
  });
}

/**
 * Drops every partition whose whole month ended more than `months` months before `now`; returns
 * their names. Sites with a shorter retention have their older rows deleted in `pruneShorter`.
 */
export async function dropExpiredPartitions(db: Db, tx: Sql, months: number, now = new Date()): Promise<string[]> {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const dropped: string[] = [];
  for (const p of await listPartitions(tx)) {
    if (nextMonth(p.month) <= cutoff) {
      await tx.exec(`DROP TABLE ${p.name}`);
      madeIn(db).delete(p.name);
      dropped.push(p.name);
    }
  }
  return dropped;
}
