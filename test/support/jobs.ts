import type { AppContext } from '../../src/app/context.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { performJob } from '../../src/jobs/runner.ts';

/** Runs one job now, in this process, exactly as a worker runs it once fetched from the queue. */
export function runJob(h: { ctx: AppContext }, name: string, data: Record<string, unknown> = {}): Promise<void> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return performJob(h.ctx, job, data);
}

/** Polls `fn` until it returns something truthy; the queue works in the background. */
export async function until<T>(fn: () => Promise<T> | T, what: string, ms = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
