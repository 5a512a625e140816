// Issue 9 benchmark, the job queue on PostgreSQL (BENCH_DATABASE_URL; a fresh database on it):
//  (a) trivial jobs/s: BENCH_JOBS no-op jobs already queued, then run by one process's workers
//      (batches of 100), timed from the first start to the last completion;
//  (b) enqueue → start p99 when idle: one job at a time, each enqueued in its own committed
//      transaction, timed until its `perform` begins (the commit's NOTIFY wakes the worker).
// Targets: (a) ≥ 2,000 jobs/s; (b) p99 < 100 ms.
import { freshDatabase } from './servers/boot.ts';
import type { AppContext } from '../src/app/context.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import { createLogger } from '../src/log.ts';
import { openJobs, type Job } from '../src/jobs/runner.ts';

const JOBS_N = Number(process.env.BENCH_JOBS ?? 20_000);
const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) throw new Error('BENCH_DATABASE_URL is not set: run through bench/run.sh');

const db = await openPostgres(await freshDatabase(adminUrl), 10);
await migrate(db);
const log = createLogger('warn');
let done = 0;
let firstAt = 0;
let lastAt = 0;
const started = new Map<number, number>();
const noop: Job = {
  name: 'bench-noop', feature: 'housekeeping.purge', admit: 'many', why: 'A benchmark job; reads no one\'s data', batch: 100, workers: 4,
  perform: async () => {
    if (done === 0) firstAt = performance.now();
    done++;
    lastAt = performance.now();
  },
};
const probe: Job = {
  name: 'bench-probe', feature: 'housekeeping.purge', admit: 'many', why: 'A benchmark job; reads no one\'s data',
  perform: async (_ctx, data) => void started.set(Number(data.i), performance.now()),
};
const jobs = await openJobs(db, { leaseSeconds: 60, scheduleCheckSeconds: 30 }, log, [noop, probe]);
const ctx = { db, log, jobs } as unknown as AppContext;

// (a) Queue first (500 per transaction), then let the workers drain it.
for (let i = 0; i < JOBS_N; i += 500) {
  await db.transaction(async (tx) => {
    for (let k = i; k < Math.min(JOBS_N, i + 500); k++) await jobs.enqueue(tx, 'bench-noop', { k });
  });
}
await jobs.startWorkers(ctx, [noop, probe]);
while (done < JOBS_N) await new Promise((r) => setTimeout(r, 20));
const perSec = JOBS_N / ((lastAt - firstAt) / 1000);

// (b) Idle: one at a time, after the queue has gone quiet.
await new Promise((r) => setTimeout(r, 1000));
const latencies: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = performance.now();
  await db.transaction((tx) => jobs.enqueue(tx, 'bench-probe', { i }));
  while (!started.has(i)) await new Promise((r) => setTimeout(r, 1));
  latencies.push(started.get(i)! - t0);
  await new Promise((r) => setTimeout(r, 20));
}
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;

console.log('\n**Jobs** (bench/jobs.ts; PostgreSQL, one worker process, 4 fetch loops):\n');
console.log('| figure | result | target | |');
console.log('|---|---:|---|---|');
console.log(`| trivial jobs through the queue (${JOBS_N.toLocaleString('en')}, batches of 100) | ${Math.round(perSec).toLocaleString('en')} jobs/s | ≥ 2,000 | ${perSec >= 2000 ? 'met' : 'NOT met'} |`);
console.log(`| enqueue (committed) → start, idle, p50 / p99 of ${SAMPLES} | ${p(0.5).toFixed(1)} / ${p(0.99).toFixed(1)} ms | p99 < 100 ms | ${p(0.99) < 100 ? 'met' : 'NOT met'} |`);
await jobs.stop(1);
await db.close();
