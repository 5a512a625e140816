import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Sql } from '../db/index.ts';
import type { Logger } from '../log.ts';

export type Mail = { kind: string; to: string; subject: string; text: string };

/** Queues mail inside the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(tx: Sql, mail: Mail): Promise<void> {
  await tx.query('INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ($1, $2, $3, $4)', [
    mail.kind, mail.to, mail.subject, mail.text,
  ]);
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
