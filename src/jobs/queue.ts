/**
 * The durable job queue: pg-boss on the project's own store, PostgreSQL or PGlite alike, through
 * one adapter over `Db` (pg-boss speaks plain SQL; it needs nothing PGlite lacks). Jobs live in
 * the `pgboss` schema, so a job is written in the same transaction as the change that causes it
 * and exists only if that transaction commits (the transactional outbox).
 */
import PgBoss from 'pg-boss';
import type { Db, Sql } from '../db/index.ts';

export const JOB_SCHEMA = 'pgboss';
// Wakes the workers of every process when a transaction that enqueued a job commits (NOTIFY is
// delivered only on commit), so enqueue → start does not wait for the next poll.
export const WAKE_CHANNEL = 'pledge_jobs';

type Rows = { rows: Array<Record<string, unknown>> };

/** pg-boss's connection, over the store: statements with values go as one prepared query, the rest as one batch. */
function adapter(sql: Sql & Partial<Pick<Db, 'batch'>>): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<Rows> {
      if (values && values.length > 0) return { rows: await sql.query(text, values) };
      if (sql.batch) {
        const all = await sql.batch(text);
        return { rows: all[all.length - 1] ?? [] };
      }
      await sql.exec(text);
      return { rows: [] };
    },
  };
}

/** How long a started job may run before it counts as failed and is retried (also how soon a dead worker's jobs return). */
export type QueueTiming = { leaseSeconds: number; scheduleCheckSeconds: number };

/** pg-boss options shared by the producer and the worker instances. */
const common = (db: Db, t: QueueTiming) => ({
  db: adapter(db),
  schema: JOB_SCHEMA,
  expireInSeconds: t.leaseSeconds,
  // Completed jobs are kept a day for the console, failed ones a week (then archived by pg-boss).
  archiveCompletedAfterSeconds: 24 * 3600,
  archiveFailedAfterSeconds: 7 * 24 * 3600,
  deleteAfterDays: 7,
});

/** A producer: installs the schema, creates the queues, sends. Runs no work and no schedules. */
export async function openProducer(db: Db, t: QueueTiming, queues: readonly PgBoss.Queue[]): Promise<PgBoss> {
  const boss = new PgBoss({ ...common(db, t), supervise: false, schedule: false, migrate: true });
  await boss.start();
  // Creating a queue is a no-op once it exists, but takes locks: skip those already there.
  const have = new Set((await boss.getQueues()).map((q) => q.name));
  // The lease is the queue's: a job sent by a web process expires as the workers expect.
  for (const q of queues.map((q) => ({ ...q, expireInSeconds: t.leaseSeconds }))) {
    if (have.has(q.name)) await boss.updateQueue(q.name, q);
    else await boss.createQueue(q.name, q);
  }
  // A tenant transaction (role pledge_app) may enqueue a job beside its own rows.
  await db.exec(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO pledge_app;
    GRANT SELECT ON ${JOB_SCHEMA}.queue TO pledge_app;
    GRANT SELECT, INSERT ON ${JOB_SCHEMA}.job TO pledge_app`);
  return boss;
}

/** A worker instance: expires jobs of dead workers, fires schedules once across processes. */
export async function openWorker(db: Db, t: QueueTiming): Promise<PgBoss> {
  const boss = new PgBoss({
    ...common(db, t),
    supervise: true,
    schedule: true,
    migrate: false,
    // Expiry runs in maintenance: a dead worker's job is back within lease + this interval.
    maintenanceIntervalSeconds: Math.max(1, Math.ceil(t.leaseSeconds / 2)),
    cronMonitorIntervalSeconds: t.scheduleCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(5, t.scheduleCheckSeconds),
  });
  await boss.start();
  return boss;
}

/** The connection a send inside the caller's transaction goes through. */
export const inTransaction = (tx: Sql): PgBoss.ConnectionOptions => ({ db: adapter(tx) });
