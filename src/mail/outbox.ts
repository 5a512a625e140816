import nodemailer, { type Transporter } from 'nodemailer';
import { blindIndex } from '../crypto/blind-index.ts';
import type { Keys } from '../crypto/keys.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { Db, Sql } from '../db/index.ts';
import type { Logger } from '../log.ts';

export type Mail = { kind: string; to: string; subject: string; text: string };

/** The keys the outbox needs: `mail` seals what waits in it, `index` keys the address's blind index. */
export type MailKeys = Pick<Keys, 'mail' | 'index'>;

// Queued mail names people (the address, a name in the greeting, a shop): it waits sealed and
// is opened only to be handed to SMTP or shown by the dev mailbox (C07).
const context = (column: string) => `outbox.${column}`;
/** Seals one column of a queued mail. */
export const sealMailText = (keys: Pick<Keys, 'mail'>, column: string, v: string) => seal(keys.mail, Buffer.from(v, 'utf8'), context(column));

/** The blind index of a recipient's address: finds one person's queued mail without opening any. */
export const outboxAddressIndex = (keys: Pick<Keys, 'index'>, address: string): string => blindIndex(keys.index, 'outbox.to_address', 'email', address)!;

/** Queues mail inside the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(tx: Sql, keys: MailKeys, mail: Mail): Promise<void> {
  await tx.query('INSERT INTO outbox (kind, to_address, to_bidx, subject, body_text) VALUES ($1, $2, $3, $4, $5)', [
    mail.kind, sealMailText(keys, 'to_address', mail.to), outboxAddressIndex(keys, mail.to), sealMailText(keys, 'subject', mail.subject), sealMailText(keys, 'body_text', mail.text),
  ]);
}

export type OutboxRow = { to_address: string; subject: string; body_text: string };

/** Opens a queued mail: just before sending, or for the dev mailbox. Mail queued before 006 is still clear. */
export function openMail(keys: Pick<Keys, 'mail'>, row: OutboxRow): { to: string; subject: string; text: string } {
  const open = (column: string, v: string) => (v.startsWith('v1.') ? unseal(keys.mail, v, context(column)).toString('utf8') : v);
  return { to: open('to_address', row.to_address), subject: open('subject', row.subject), text: open('body_text', row.body_text) };
}

export type Mailer = {
  /** Sends what is queued (no-op without SMTP: the outbox is the dev mailbox). */
  flush(): Promise<void>;
  readonly smtp: boolean;
};

export function createMailer(db: Db, keys: Pick<Keys, 'mail'>, smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  const transport: Transporter | undefined = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  let running: Promise<void> | undefined;
  async function drain(t: Transporter): Promise<void> {
    const rows = await db.query<{ id: number } & OutboxRow>(
      'SELECT id, to_address, subject, body_text FROM outbox WHERE sent_at IS NULL AND attempts < 5 ORDER BY id LIMIT 50',
    );
    for (const m of rows) {
      try {
        const mail = openMail(keys, m);
        await t.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
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
