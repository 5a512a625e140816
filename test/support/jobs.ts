import type { AppContext } from '../../src/app/context.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { performJob } from '../../src/jobs/runner.ts';

/** Runs one job now, in this process, exactly as a worker runs it once fetched from the queue. */
export function runJob(h: { ctx: AppContext }, name: string, data: Record<string, unknown> = {}): Promise<void> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return performJob(h.ctx, job, data);
}
