import type { AppContext } from '../app/context.ts';
import { purgeSentMinorNotices } from '../accounts/minor-notices.ts';
import { findFeature, type FeatureName } from '../domain/features.ts';
import type { Admission } from '../http/processing.ts';
import { runProcessing } from '../http/processing.ts';

/**
 * A small named unit of background work. Like a route, it declares the feature it runs and how
 * its subjects are admitted, and runs inside that processing context, so every tenant
 * transaction it opens carries the purpose to the database.
 */
export type Job = {
  name: string;
  everyMs: number;
  feature: FeatureName;
  /** `per_subject`: the job asks the gate for each subject; `many`: housekeeping over rows, no use of anyone's data. */
  admit: Extract<Admission, 'per_subject' | 'many'>;
  why: string;
  perform(ctx: AppContext): Promise<void>;
};

export const JOBS: readonly Job[] = [
  {
    name: 'deliver-mail', everyMs: 5_000, feature: 'outbox.deliver', admit: 'per_subject',
    why: 'Each mail passes the processor agreement and the gate for its recipient (src/mail/delivery.ts)',
    perform: (ctx) => ctx.mailer.flush(),
  },
  {
    // C38: a minor's parental-consent notice is kept only until it has been sent.
    name: 'purge-minor-notices', everyMs: 60_000, feature: 'minor_notices.purge', admit: 'many', why: 'Deletes sent notices; reads no one\'s data',
    perform: async (ctx) => void (await purgeSentMinorNotices(ctx.db)),
  },
  {
    name: 'expire-sessions', everyMs: 60 * 60_000, feature: 'sessions.expire', admit: 'many', why: 'Deletes expired sessions; reads no one\'s data',
    perform: async (ctx) => {
      await ctx.db.query('DELETE FROM sessions WHERE expires_at < now()');
    },
  },
];

/** The problems of a job's declaration; empty when complete. */
export function checkJob(job: Job): string[] {
  const f = findFeature(job.feature);
  if (!f) return [`${job.name}: unknown feature ${job.feature}`];
  const out: string[] = [];
  if (f.feature.kind !== 'job') out.push(`${job.name}: ${job.feature} is not a job feature`);
  if (!job.why.trim()) out.push(`${job.name}: says nothing of how its subjects are admitted`);
  return out;
}

/** Runs each job on its interval, in its processing context; a failure is logged by name and retried next tick. */
export function startJobs(ctx: AppContext, jobs: readonly Job[] = JOBS): { stop(): void } {
  const problems = jobs.flatMap(checkJob);
  if (problems.length > 0) throw new Error(`undeclared job: ${problems.join('; ')}`);
  const timers = jobs.map((job) => {
    const processing = { feature: job.feature, purpose: findFeature(job.feature)!.feature.purposes[0]!, admission: job.admit, subject: null, decision: null, pending: null };
    return setInterval(() => {
      runProcessing(processing, () => job.perform(ctx)).catch((err: { code?: string }) => ctx.log.warn({ job: job.name, code: err.code }, 'job failed'));
    }, job.everyMs).unref();
  });
  return { stop: () => timers.forEach(clearInterval) };
}
