import type { Job } from './runner.ts';
import { purgeSentMinorNotices } from '../accounts/minor-notices.ts';
import { purge, PURGES, type PurgeKind } from './housekeeping.ts';
import { DSR_JOBS } from '../dsr/jobs.ts';

export type { Job, Jobs } from './runner.ts';

// Purges run every ten minutes: each run is small, and nothing waits long past its expiry.
const housekeeping = (name: string, kinds: readonly PurgeKind[], why: string): Job => ({
  name, schedule: '*/10 * * * *', feature: 'housekeeping.purge', admit: 'many', concurrency: 'one', why,
  perform: async (ctx) => {
    for (const k of kinds) await purge(ctx, k, k === PURGES.deliveredMail ? [ctx.config.mailRetentionDays] : []);
  },
});

/** Every job Pledge runs. A job added here without its declaration stops the server at start. */
export const JOBS: readonly Job[] = [
  {
    // Enqueued with every mail, in the mail's own transaction; the schedule sweeps up mail refused a while ago.
    name: 'deliver-mail', schedule: '* * * * *', feature: 'outbox.deliver', admit: 'per_subject', concurrency: 'one',
    why: 'Each mail passes the processor agreement and the gate for its recipient (src/mail/delivery.ts)',
    perform: async (ctx) => {
      const { more } = await ctx.mailer.deliver(ctx.config.jobLeaseSeconds * 500);
      if (more) await ctx.db.transaction((tx) => ctx.jobs.enqueue(tx, 'deliver-mail'));
    },
  },
  {
    name: 'purge-minor-notices', schedule: '* * * * *', feature: 'minor_notices.purge', admit: 'many', concurrency: 'one',
    why: 'Deletes sent notices; reads no one\'s data',
    perform: async (ctx) => void (await purgeSentMinorNotices(ctx)),
  },
  housekeeping('expire-sessions', [PURGES.userSessions, PURGES.subjectSessions], 'Deletes expired sessions by their expiry; reads no one\'s data'),
  housekeeping('purge-tokens', [PURGES.emailTokens, PURGES.privacyCenterLinks], 'Deletes expired e-mail and privacy-center link tokens; reads no one\'s data'),
  housekeeping('purge-idempotency-keys', [PURGES.idempotencyKeys], 'Deletes stored answers past their 24 hours; reads no one\'s data'),
  housekeeping('purge-delivered-mail', [PURGES.deliveredMail], 'Deletes mail sent longer ago than MAIL_RETENTION_DAYS; reads no one\'s data'),
  ...DSR_JOBS,
];
