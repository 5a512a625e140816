import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.ts';
import type { Db, Sql } from '../db/index.ts';
import { findFeature, type FeatureName } from '../domain/features.ts';
import type { Admission, Processing } from '../http/processing.ts';
import { runProcessing } from '../http/processing.ts';
import type { Logger } from '../log.ts';
import { inTransaction, JOB_SCHEMA, openProducer, openWorker, WAKE_CHANNEL, type QueueTiming } from './queue.ts';

/**
 * A small named unit of background work. Like a route, it declares the feature it runs and how
 * its subjects are admitted, and runs inside that processing context, so every tenant
 * transaction it opens carries the purpose to the database. Delivery is at least once: a job
 * whose worker dies is run again, so `perform` must be idempotent.
 */
export type Job = {
  name: string;
  /** A cron line (UTC): run once per slot across every process. Without it, the job runs when enqueued. */
  schedule?: string;
  feature: FeatureName;
  /** `per_subject`: the job asks the gate for each subject; `many`: housekeeping over rows, no use of anyone's data. */
  admit: Extract<Admission, 'per_subject' | 'many'>;
  why: string;
  /** Tries after the first before the job lands in the dead-letter list (default 4), each later by backoff. */
  retries?: number;
  /** `one`: at most one queued and one running at a time (drains and purges, where a second copy adds nothing). */
  concurrency?: 'one';
  /** Jobs fetched per poll (default 1): many small jobs cost one fetch and one completion per batch. */
  batch?: number;
  /** Fetch loops per process (default 1); more overlap one batch's completion with the next fetch. */
  workers?: number;
  /** `data` holds ids and codes only, never a personal value: the queue's tables are outside the sealed columns. */
  perform(ctx: AppContext, data: Record<string, unknown>): Promise<void>;
};

/** The problems of a job's declaration; empty when complete. */
export function checkJob(job: Job): string[] {
  const f = findFeature(job.feature);
  if (!f) return [`${job.name}: unknown feature ${job.feature}`];
  const out: string[] = [];
  if (f.feature.kind !== 'job') out.push(`${job.name}: ${job.feature} is not a job feature`);
  if (!job.why.trim()) out.push(`${job.name}: says nothing of how its subjects are admitted`);
  if (!/^[a-z][a-z0-9-]*$/.test(job.name)) out.push(`${job.name}: a job name is lower-case words joined by hyphens`);
  return out;
}

const processingOf = (job: Job): Processing => ({
  feature: job.feature, purpose: findFeature(job.feature)!.feature.purposes[0]!, admission: job.admit, subject: null, decision: null, pending: null,
});

/** Runs one job's `perform` in its processing context: what a worker does with a fetched job. */
export const performJob = (ctx: AppContext, job: Job, data: Record<string, unknown> = {}): Promise<void> =>
  runProcessing(processingOf(job), () => job.perform(ctx, data));

/** A failure as stored in the dead-letter list: a code, never a message (messages can quote values). */
export function failureCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'job_failed';
}

/** A job that failed every try, as the staff console lists it. */
export type DeadJob = { id: string; name: string; tries: number; code: string; createdAt: Date; failedAt: Date };

export type Jobs = {
  /** Enqueues `name` inside `tx`: it exists, and runs, only if that transaction commits. */
  enqueue(tx: Sql, name: string, data?: Record<string, unknown>): Promise<void>;
  /** Many jobs of one name in one statement, inside the caller's transaction (a broadcast's deliveries). */
  enqueueMany(tx: Sql, name: string, data: readonly Record<string, unknown>[]): Promise<void>;
  /** Jobs waiting to start, as last counted (at most a couple of seconds old); the intake refuses work above the limit. */
  backlog(): number;
  deadLetters(limit?: number): Promise<DeadJob[]>;
  /** Puts a dead job back in the queue for one more try; false when `id` is no dead job. */
  retry(id: string): Promise<boolean>;
  /** Starts workers and schedules in this process (roles `worker` and `all`). */
  startWorkers(ctx: AppContext, jobs?: readonly Job[]): Promise<void>;
  /** Stops taking jobs, lets running ones finish for up to `graceSeconds`, then releases the rest for another worker. */
  stop(graceSeconds?: number): Promise<void>;
};

const queueOf = (job: Job): PgBoss.Queue => ({
  name: job.name,
  policy: job.concurrency === 'one' ? 'stately' : 'standard',
  retryLimit: job.retries ?? 4,
  retryDelay: 2,
  retryBackoff: true,
});

const BACKLOG_REFRESH_MS = 2_000;

/** Opens the queue on the store (installing its schema and queues); runs no job until `startWorkers`. */
export async function openJobs(db: Db, timing: QueueTiming, log: Logger, jobs: readonly Job[]): Promise<Jobs> {
  const problems = jobs.flatMap(checkJob);
  if (problems.length > 0) throw new Error(`undeclared job: ${problems.join('; ')}`);
  const producer = await openProducer(db, timing, jobs.map(queueOf));
  producer.on('error', (err) => log.warn({ code: failureCode(err) }, 'job queue error'));
  let worker: PgBoss | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let backlog = 0;
  let countedAt = 0;
  let counting = false;

  const countBacklog = async () => {
    counting = true;
    try {
      const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry')`);
      backlog = r?.n ?? 0;
    } catch (err) {
      log.warn({ code: failureCode(err) }, 'job backlog not counted');
    } finally {
      countedAt = Date.now();
      counting = false;
    }
  };

  return {
    async enqueue(tx, name, data = {}) {
      await producer.send(name, data, inTransaction(tx));
      await tx.query('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, name]);
    },
    async enqueueMany(tx, name, data) {
      if (data.length === 0) return;
      await producer.insert(data.map((d) => ({ name, data: d })), inTransaction(tx));
      await tx.query('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, name]);
    },
    backlog() {
      // Counted in the background: a request never waits on the count.
      if (!counting && Date.now() - countedAt > BACKLOG_REFRESH_MS) void countBacklog();
      return backlog;
    },
    async deadLetters(limit = 100) {
      const rows = await db.query<{ id: string; name: string; retry_count: number; output: { code?: unknown } | null; created_on: Date; completed_on: Date }>(
        `SELECT id, name, retry_count, output, created_on, completed_on FROM ${JOB_SCHEMA}.job
          WHERE state = 'failed' AND name NOT LIKE '\\_\\_pgboss%' ORDER BY completed_on DESC LIMIT $1`, [limit]);
      return rows.map((r) => ({ id: r.id, name: r.name, tries: r.retry_count + 1, code: failureCode(r.output), createdAt: r.created_on, failedAt: r.completed_on }));
    },
    async retry(id) {
      const [row] = await db.query<{ name: string }>(`SELECT name FROM ${JOB_SCHEMA}.job WHERE id = $1 AND state = 'failed'`, [id]);
      if (!row) return false;
      await producer.retry(row.name, id);
      return true;
    },
    async startWorkers(ctx, list = jobs) {
      worker = await openWorker(db, timing);
      worker.on('error', (err) => log.warn({ code: failureCode(err) }, 'job worker error'));
      const ids = new Map<string, string[]>();
      for (const job of list) {
        const batch = job.batch ?? 1;
        const loops: string[] = [];
        ids.set(job.name, loops);
        for (let n = 0; n < (job.workers ?? 1); n++) {
          const id: string = await worker.work<Record<string, unknown>>(job.name, { pollingIntervalSeconds: 0.5, batchSize: batch }, async (fetched) => {
            for (const j of fetched) {
              try {
                await withTimeout(performJob(ctx, job, j.data ?? {}), timing.leaseSeconds * 900);
              } catch (err) {
                const code = failureCode(err);
                log.warn({ job: job.name, jobId: j.id, code }, 'job failed');
                // Failed here with its code only; pg-boss's own completion of the batch then skips it.
                await worker!.fail(job.name, j.id, { code });
              }
            }
            // A full batch means more may wait: fetch again at once instead of after the poll interval.
            if (fetched.length === batch) worker!.notifyWorker(id);
          });
          loops.push(id);
        }
        if (job.schedule) await worker.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
      }
      unlisten = await db.listen?.(WAKE_CHANNEL, (name) => {
        for (const id of ids.get(name) ?? []) worker?.notifyWorker(id);
      });
    },
    async stop(graceSeconds = 10) {
      await unlisten?.();
      await worker?.stop({ graceful: true, wait: true, close: false, timeout: graceSeconds * 1000 });
      await producer.stop({ graceful: false, wait: true, close: false });
    },
  };
}

/** Rejects with `job_timeout` when `p` has not settled in `ms`; the work itself cannot be cancelled and is left to finish. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('job timed out'), { code: 'job_timeout' })), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
