import type { Job } from './runner.ts';
import { purgeOf } from '../retention/rules.ts';
import { remindDeadlines } from '../incidents/register.ts';
import { remindInquiries } from '../inquiries/register.ts';
import { purge } from './housekeeping.ts';
import { purgeExpiredHolds } from '../retention/holds.ts';
import { PROCESS_EVENT_JOB } from '../channels/intake.ts';
import { processEvents } from '../channels/process.ts';
import { DELIVER_MESSAGE_JOB } from '../channels/outbound.ts';
import { deliverMessage } from '../channels/deliver.ts';
import { DSR_JOBS } from '../dsr/jobs.ts';
import { IMPORT_JOB, runImport } from '../imports/import-job.ts';
import { exportTransfer, TRANSFER_JOB } from '../transfers/transfers.ts';
import { ANALYTICS_JOBS } from '../analytics/jobs.ts';

export type { Job, Jobs } from './runner.ts';

// Purges run every ten minutes: each run is small, and nothing waits long past its expiry. Each
// runs rules of the retention table (src/retention/rules.ts) by id.
export const housekeeping = (name: string, rules: readonly string[], why: string): Job & { rules: readonly string[] } => ({
  name, schedule: '*/10 * * * *', feature: 'housekeeping.purge', admit: 'many', concurrency: 'one', why, rules,
  perform: async (ctx) => {
    for (const id of rules) {
      const { purge: p, params } = purgeOf(id, ctx.config);
      await purge(ctx, p, params);
    }
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
    name: 'incident-deadlines', schedule: '*/10 * * * *', feature: 'incidents.remind', admit: 'per_subject', concurrency: 'one',
    why: 'Mails the privacy officers (staff) of an authority report coming due; each mail passes the gate for its recipient',
    perform: async (ctx) => void (await remindDeadlines(ctx)),
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
  {
    // Enqueued with a large CSV import, in the transaction that staged its checked rows (issue 13).
    name: IMPORT_JOB, feature: 'subscribers.import', admit: 'per_subject', retries: 6,
    why: 'Every row stands on the legal basis the shop recorded for the file, which the import route asked the gate about before staging it (C10)',
    perform: runImport,
  },
  // C38: a minor's notice goes within a minute of leaving.
  { ...housekeeping('purge-minor-notices', ['minor-notices'], 'Deletes sent notices; reads no one\'s data'), schedule: '* * * * *', feature: 'minor_notices.purge' },
  housekeeping('expire-sessions', ['user-sessions', 'subject-sessions'], 'Deletes expired sessions by their expiry; reads no one\'s data'),
  housekeeping('purge-tokens', ['email-tokens', 'privacy-center-links'], 'Deletes expired e-mail and privacy-center link tokens; reads no one\'s data'),
  housekeeping('purge-idempotency-keys', ['idempotency-answers'], 'Deletes stored answers past their 24 hours; reads no one\'s data'),
  {
    name: 'inquiry-deadlines', schedule: '*/10 * * * *', feature: 'inquiries.remind', admit: 'per_subject', concurrency: 'one',
    why: 'Mails the staff who answer an inquiry (security or privacy) that its answer is due; each mail passes the gate for its recipient',
    perform: async (ctx) => void (await remindInquiries(ctx)),
  },
  {
    name: 'purge-retention-holds', schedule: '*/10 * * * *', feature: 'housekeeping.purge', admit: 'many', concurrency: 'one',
    why: 'Deletes rows kept after an erasure once their retention period has ended; reads keys and dates, no one\'s data',
    perform: async (ctx) => void (await purgeExpiredHolds(ctx)),
  },
  housekeeping('purge-delivered-mail', ['delivered-mail'], 'Deletes mail sent longer ago than MAIL_RETENTION_DAYS; reads no one\'s data'),
  {
    name: TRANSFER_JOB, feature: 'transfers.export', admit: 'many', concurrency: 'one', retries: 3,
    why: 'Started only after every user was e-mailed and the notice period ended, which the database checks again (migration 032)',
    perform: (ctx, data) => exportTransfer(ctx, String(data.transferId)),
  },
  ...DSR_JOBS,
  ...ANALYTICS_JOBS,
];
