import nodemailer, { type Transporter } from 'nodemailer';
import { blindIndex } from '../crypto/blind-index.ts';
import type { Keys } from '../crypto/keys.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { Db, Sql } from '../db/index.ts';
import type { Jobs } from '../jobs/runner.ts';
import type { Logger } from '../log.ts';
import { admitMail, recordMailDisclosure, type MailAdmission, type QueuedMail } from './delivery.ts';

/** Who ECOMKEY's own mail may be to (C29: never a tenant's Subscriber or Buyer, unless they asked for their link). */
export type MailRecipientType = 'customer' | 'staff' | 'minor' | 'subscriber' | 'buyer' | 'visitor';
export type MailRecipient = { type: MailRecipientType; id?: string | null; tenantId?: string | null };
export type Mail = { kind: string; to: string; subject: string; text: string; recipient?: MailRecipient };

/** Whom each kind of platform mail is to, when the caller does not say (the database checks it again). */
const RECIPIENT_OF_KIND: Readonly<Record<string, MailRecipientType>> = {
  verify_email: 'customer', policy_changed: 'customer', parental_consent_notice: 'minor', privacy_center_link: 'subscriber',
};

/** The keys the outbox needs: `mail` seals what waits in it, `index` keys the address's blind index. */
export type MailKeys = Pick<Keys, 'mail' | 'index'>;

// Queued mail names people (the address, a name in the greeting, a shop): it waits sealed and
// is opened only to be handed to SMTP or shown by the dev mailbox (C07).
const context = (column: string) => `outbox.${column}`;
/** Seals one column of a queued mail. */
export const sealMailText = (keys: Pick<Keys, 'mail'>, column: string, v: string) => seal(keys.mail, Buffer.from(v, 'utf8'), context(column));

/** The blind index of a recipient's address: finds one person's queued mail without opening any. */
export const outboxAddressIndex = (keys: Pick<Keys, 'index'>, address: string): string => blindIndex(keys.index, 'outbox.to_address', 'email', address)!;

/** What queuing a mail needs: the outbox keys, and the queue its `deliver-mail` job goes to. */
export type MailQueue = { keys: MailKeys; jobs: Pick<Jobs, 'enqueue'> };

const INSERT_MAIL = `INSERT INTO outbox (kind, to_address, to_bidx, subject, body_text, recipient_type, recipient_id, recipient_tenant_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** Queues mail inside the caller's transaction, with the job that sends it: nothing leaves unless that transaction commits. */
export async function enqueueMail(tx: Sql, queue: MailQueue, mail: Mail): Promise<void> {
  await queueMail(tx, queue, mail, '');
}

/** The same, returning the outbox row's id so a caller can follow it to sent. Platform rights only: a tenant's role may not read the outbox. */
export async function enqueueTrackedMail(tx: Sql, queue: MailQueue, mail: Mail): Promise<number> {
  const [row] = await queueMail(tx, queue, mail, ' RETURNING id');
  return row!.id;
}

async function queueMail(tx: Sql, { keys, jobs }: MailQueue, mail: Mail, returning: string): Promise<Array<{ id: number }>> {
  const r = mail.recipient ?? { type: RECIPIENT_OF_KIND[mail.kind] ?? 'customer' };
  const rows = await tx.query<{ id: number }>(INSERT_MAIL + returning,
    [mail.kind, sealMailText(keys, 'to_address', mail.to), outboxAddressIndex(keys, mail.to), sealMailText(keys, 'subject', mail.subject),
      sealMailText(keys, 'body_text', mail.text), r.type, r.id ?? null, r.tenantId ?? null]);
  await jobs.enqueue(tx, 'deliver-mail');
  return rows;
}

export type OutboxRow = { to_address: string; subject: string; body_text: string };

/** Opens a queued mail: just before sending, or for the dev mailbox. Mail queued before 006 is still clear. */
export function openMail(keys: Pick<Keys, 'mail'>, row: OutboxRow): { to: string; subject: string; text: string } {
  const open = (column: string, v: string) => (v.startsWith('v1.') ? unseal(keys.mail, v, context(column)).toString('utf8') : v);
  return { to: open('to_address', row.to_address), subject: open('subject', row.subject), text: open('body_text', row.body_text) };
}

export type Mailer = {
  /**
   * Sends what is queued (no-op without SMTP: the outbox is the dev mailbox); only the
   * `deliver-mail` job calls it. A mail that fails is counted on its row and tried again by a later run.
   */
  deliver(budgetMs: number): Promise<{ more: boolean }>;
  readonly smtp: boolean;
};

type Row = QueuedMail & { to_address: string; subject: string; body_text: string };

/** Tries before a mail stops being sent and is listed with the dead jobs. */
export const MAIL_TRIES = 5;

// Unsent, not being sent by another server, not refused in the last few minutes.
const CLAIM = `
  SELECT id, kind, to_address, subject, body_text, recipient_type, recipient_id, recipient_tenant_id FROM outbox
   WHERE sent_at IS NULL AND attempts < ${MAIL_TRIES} AND (lease_until IS NULL OR lease_until < now())
     AND (refused_at IS NULL OR refused_at < now() - interval '5 minutes')
   ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED`;

/** `leaseSeconds`: how long a claimed mail is kept from other senders; after a crash it is sent again (at least once). */
export function createMailer(db: Db, keys: Pick<Keys, 'mail'>, smtpUrl: string | undefined, from: string, log: Logger, leaseSeconds: number): Mailer {
  // A provider that stops answering fails the send well inside the job's lease, so the mail is counted and the run ends.
  const timeout = Math.max(1000, leaseSeconds * 400);
  const transport: Transporter | undefined = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout })
    : undefined;
  let running: Promise<{ more: boolean }> | undefined;

  /** Claims a batch: each mail is admitted (agreement, gate) or marked refused, in one short transaction. */
  const claim = () => db.transaction(async (tx) => {
    const out: Array<{ m: Row; a: Extract<MailAdmission, { ok: true }> }> = [];
    for (const m of await tx.query<Row>(CLAIM)) {
      const a = await admitMail(tx, m);
      if (a.ok) {
        await tx.query(`UPDATE outbox SET lease_until = now() + make_interval(secs => $2), refused_code = NULL, refused_at = NULL WHERE id = $1`, [m.id, leaseSeconds]);
        out.push({ m, a });
      } else {
        await tx.query('UPDATE outbox SET refused_code = $2, refused_at = now() WHERE id = $1', [m.id, a.code]);
        // Codes only: never the address.
        log.warn({ outboxId: m.id, kind: m.kind, code: a.code }, 'mail not handed to the provider');
      }
    }
    return out;
  });

  // Stops after `budgetMs` so a run ends well inside its job's lease; `more` asks for another run.
  async function drain(t: Transporter, budgetMs: number): Promise<{ more: boolean }> {
    const until = Date.now() + budgetMs;
    for (;;) {
      if (Date.now() > until) return { more: true };
      const batch = await claim();
      if (batch.length === 0) return { more: false };
      for (const { m, a } of batch) {
        try {
          // Sealed at rest (C07): opened only now, to hand to the provider.
          const mail = openMail(keys, m);
          await t.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
          await db.transaction(async (tx) => {
            await tx.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1, lease_until = NULL WHERE id = $1', [m.id]);
            await recordMailDisclosure(tx, m, a);
          });
        } catch (err) {
          const code = (err as { code?: string }).code ?? 'send_failed';
          await db.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2, failed_at = now(), lease_until = NULL WHERE id = $1', [m.id, code]);
          log.warn({ outboxId: m.id, code }, 'mail delivery failed');
        }
      }
    }
  }
  return {
    smtp: Boolean(transport),
    deliver(budgetMs) {
      if (!transport) return Promise.resolve({ more: false });
      // One drain per process at a time; the job's failure (the store is down) is retried by the queue.
      running ??= drain(transport, budgetMs).finally(() => (running = undefined));
      return running;
    },
  };
}

/** A mail that failed every try, as the dead-letter list shows it: kind and code, never the address or text. */
export type UndeliverableMail = { id: string; kind: string; tries: number; code: string; createdAt: Date; failedAt: Date };

export async function undeliverableMail(db: Sql, limit = 100): Promise<UndeliverableMail[]> {
  const rows = await db.query<{ id: number; kind: string; attempts: number; last_error: string | null; created_at: Date; failed_at: Date | null }>(
    `SELECT id, kind, attempts, last_error, created_at, failed_at FROM outbox
      WHERE sent_at IS NULL AND attempts >= ${MAIL_TRIES} ORDER BY failed_at DESC NULLS LAST LIMIT $1`, [limit]);
  return rows.map((r) => ({ id: `mail-${r.id}`, kind: r.kind, tries: r.attempts, code: r.last_error ?? 'send_failed', createdAt: r.created_at, failedAt: r.failed_at ?? r.created_at }));
}

/** Sends an undeliverable mail back to the queue for a fresh set of tries; false when `id` is none. */
export async function retryMail(tx: Sql, jobs: Pick<Jobs, 'enqueue'>, id: string): Promise<boolean> {
  const n = /^mail-([1-9]\d{0,17})$/.exec(id)?.[1];
  if (!n) return false;
  const done = await tx.query(`UPDATE outbox SET attempts = 0, last_error = NULL, failed_at = NULL WHERE id = $1 AND sent_at IS NULL AND attempts >= ${MAIL_TRIES} RETURNING id`, [n]);
  if (done.length === 0) return false;
  await jobs.enqueue(tx, 'deliver-mail');
  return true;
}
