import type { AppContext } from '../app/context.ts';
import { purgeSentMinorNotices } from '../accounts/minor-notices.ts';

/** A small named unit of background work. */
export type Job = { name: string; everyMs: number; perform(ctx: AppContext): Promise<void> };

const JOBS: Job[] = [
  { name: 'deliver-mail', everyMs: 5_000, perform: (ctx) => ctx.mailer.flush() },
  // C38: a minor's parental-consent notice is kept only until it has been sent.
  { name: 'purge-minor-notices', everyMs: 60_000, perform: async (ctx) => void (await purgeSentMinorNotices(ctx.db)) },
  {
    name: 'expire-sessions',
    everyMs: 60 * 60_000,
    perform: async (ctx) => {
      await ctx.db.query('DELETE FROM sessions WHERE expires_at < now()');
    },
  },
];

/** Runs each job on its interval; a failure is logged by name and retried next tick. */
export function startJobs(ctx: AppContext, jobs: Job[] = JOBS): { stop(): void } {
  const timers = jobs.map((job) =>
    setInterval(() => {
      job.perform(ctx).catch((err: { code?: string }) => ctx.log.warn({ job: job.name, code: err.code }, 'job failed'));
    }, job.everyMs).unref(),
  );
  return { stop: () => timers.forEach(clearInterval) };
}
