import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Sql } from '../db/index.ts';
import type { Logger } from '../log.ts';

/** Who ECOMKEY's own mail may be to (C29: never a tenant's Subscriber or Buyer, unless they asked for their link). */
export type MailRecipientType = 'customer' | 'staff' | 'minor' | 'subscriber' | 'buyer';
export type MailRecipient = { type: MailRecipientType; id?: string | null; tenantId?: string | null };
export type Mail = { kind: string; to: string; subject: string; text: string; recipient?: MailRecipient };

/** Whom each kind of platform mail is to, when the caller does not say (the database checks it again). */
const RECIPIENT_OF_KIND: Readonly<Record<string, MailRecipientType>> = {
  verify_email: 'customer', policy_changed: 'customer', parental_consent_notice: 'minor', privacy_center_link: 'subscriber',
};

/** Queues mail inside the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(tx: Sql, mail: Mail): Promise<void> {
  const r = mail.recipient ?? { type: RECIPIENT_OF_KIND[mail.kind] ?? 'customer' };
  await tx.query(
    'INSERT INTO outbox (kind, to_address, subject, body_text, recipient_type, recipient_id, recipient_tenant_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [mail.kind, mail.to, mail.subject, mail.text, r.type, r.id ?? null, r.tenantId ?? null],
  );
}

export type Mailer = {
  /** Sends what is queued (no-op without SMTP: the outbox is the dev mailbox). */
  flush(): Promise<void>;
  readonly smtp: boolean;
};

export function createMailer(db: Db, smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  const transport: Transporter | undefined = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  let running: Promise<void> | undefined;
  async function drain(t: Transporter): Promise<void> {
    const rows = await db.query<{ id: number; to_address: string; subject: string; body_text: string }>(
      'SELECT id, to_address, subject, body_text FROM outbox WHERE sent_at IS NULL AND attempts < 5 ORDER BY id LIMIT 50',
    );
    for (const m of rows) {
      try {
        await t.sendMail({ from, to: m.to_address, subject: m.subject, text: m.body_text });
        await db.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = $1', [m.id]);
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'send_failed';
        await db.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [m.id, code]);
        log.warn({ outboxId: m.id, code }, 'mail delivery failed');
      }
    }
  }
  return {
    smtp: Boolean(transport),
    flush() {
      if (!transport) return Promise.resolve();
      // Never rejects: callers fire and forget after commit, and the next tick retries.
      running ??= drain(transport)
        .catch((err: { code?: string }) => log.warn({ code: err.code }, 'mail delivery paused'))
        .finally(() => (running = undefined));
      return running;
    },
  };
}
