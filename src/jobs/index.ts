import type { Job } from './runner.ts';
import { purgeSentMinorNotices } from '../accounts/minor-notices.ts';
import { purge, PURGES, type PurgeKind } from './housekeeping.ts';
import { PROCESS_EVENT_JOB } from '../channels/intake.ts';
import { processEvents } from '../channels/process.ts';
import { DELIVER_MESSAGE_JOB } from '../channels/outbound.ts';
import { deliverMessage } from '../channels/deliver.ts';

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
  {
    // Enqueued with each stored webhook event, in the intake's transaction (issue 13).
    name: PROCESS_EVENT_JOB, feature: 'channels.intake', admit: 'per_subject', batch: 20, workers: 2,
    why: 'Each event admits its own Subscriber: created on their opt-in, their message stored only when the gate allows (src/channels/process.ts)',
    perform: processEvents,
  },
  {
    name: DELIVER_MESSAGE_JOB, feature: 'messaging.broadcast', admit: 'per_subject', batch: 20, retries: 6,
    why: 'Each message passes the send gate again for its Subscriber before the platform adapter sends it (src/channels/deliver.ts)',
    perform: deliverMessage,
  },
  housekeeping('expire-sessions', [PURGES.userSessions, PURGES.subjectSessions], 'Deletes expired sessions by their expiry; reads no one\'s data'),
  housekeeping('purge-tokens', [PURGES.emailTokens, PURGES.privacyCenterLinks], 'Deletes expired e-mail and privacy-center link tokens; reads no one\'s data'),
  housekeeping('purge-idempotency-keys', [PURGES.idempotencyKeys], 'Deletes stored answers past their 24 hours; reads no one\'s data'),
  housekeeping('purge-delivered-mail', [PURGES.deliveredMail], 'Deletes mail sent longer ago than MAIL_RETENTION_DAYS; reads no one\'s data'),
];
