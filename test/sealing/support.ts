// Reading sealed rows in tests the way the app does: found by blind index, opened with the keys.
import type { Harness } from '../support/harness.ts';
import { openUser, USER_KEY, userEmailIndex, type SealedUser } from '../../src/accounts/users.ts';
import { openMail, outboxAddressIndex, type OutboxRow } from '../../src/mail/outbox.ts';

/** The raw users row of an address (sealed as stored), with the user's wrapped key. */
export async function rawUserByEmail(h: Harness, email: string): Promise<(SealedUser & Record<string, unknown>) | undefined> {
  const [u] = await h.ctx.db.query<SealedUser & Record<string, unknown>>(`SELECT u.*, ${USER_KEY()} FROM users u WHERE u.email_bidx = $1`, [userEmailIndex(h.ctx.keys, email)]);
  return u;
}

/** A raw users row opened, as a presenter would. */
export const openedUser = (h: Harness, row: SealedUser) => openUser(h.ctx.keys, row);

/** Queued mail to an address, newest first: the raw rows (sealed) and what they open to. */
export async function mailTo(h: Harness, email: string, kind?: string): Promise<Array<{ raw: OutboxRow & { id: number; kind: string }; to: string; subject: string; text: string }>> {
  const rows = await h.ctx.db.query<OutboxRow & { id: number; kind: string }>(
    'SELECT id, kind, to_address, subject, body_text FROM outbox WHERE to_bidx = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY id DESC',
    [outboxAddressIndex(h.ctx.keys, email), kind ?? null],
  );
  return rows.map((raw) => ({ raw, ...openMail(h.ctx.keys, raw) }));
}

/** Every queued mail of a kind, opened. */
export async function mailOfKind(h: Harness, kind: string): Promise<Array<{ to: string; subject: string; text: string }>> {
  const rows = await h.ctx.db.query<OutboxRow>('SELECT to_address, subject, body_text FROM outbox WHERE kind = $1 ORDER BY id', [kind]);
  return rows.map((r) => openMail(h.ctx.keys, r));
}
