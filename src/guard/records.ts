/**
 * Storing free text about or from a Subscriber: notes and inbound bot messages. Every value
 * passes the guard first (cards masked, sensitive parts redacted and sealed or held), inside
 * the caller's tenant transaction with its audit entry.
 * @clause C02 @clause C14
 */
import { recordAudit } from '../audit/log.ts';
import type { SubjectRef } from '../consents/types.ts';
import { notFound } from '../errors.ts';
import { guardForStorage, holdSensitive, type HoldDeps } from './hold.ts';

async function requireSubscriber(deps: HoldDeps, tenantId: string, id: string): Promise<SubjectRef> {
  const [s] = await deps.tx.query<{ id: string }>('SELECT id FROM subscribers WHERE id = $1', [id]);
  if (!s) throw notFound('subscriber');
  return { tenantId, type: 'subscriber', id };
}

/** A merchant's note about a Subscriber. Returns the note's id. */
export async function createNote(deps: HoldDeps, tenantId: string, subscriberId: string, author: { type: 'user' | 'api_key'; id: string }, text: string): Promise<string> {
  const subject = await requireSubscriber(deps, tenantId, subscriberId);
  const g = await guardForStorage(deps, subject, 'subscriber_notes', text);
  const [row] = await deps.tx.query<{ id: string }>(
    `INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body, body_sealed) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [tenantId, subscriberId, author.type, author.id, g.body, g.bodySealed],
  );
  const id = row!.id;
  if (g.hold) await holdSensitive(deps, subject, { table: 'subscriber_notes', id }, g.hold);
  await recordAudit(deps.tx, deps.auditKey, {
    tenantId, actor: deps.actor, action: 'subscriber.note_added', target: { type: 'subscriber', id: subscriberId },
    details: { noteId: id, cardsMasked: g.cards, sensitiveHeld: g.hold !== null },
  });
  return id;
}

export type InboundInput = { channel: string; subscriberId?: string | undefined; channelMessageRef?: string | undefined; text: string };

/** A message a bot received on a channel. Sensitive parts of a message from an unknown sender are redacted and dropped: there is nobody to ask. */
export async function receiveMessage(deps: HoldDeps, tenantId: string, m: InboundInput): Promise<string> {
  const subject = m.subscriberId ? await requireSubscriber(deps, tenantId, m.subscriberId) : null;
  const g = subject
    ? await guardForStorage(deps, subject, 'messages', m.text)
    : await guardForStorage(deps, { tenantId, type: 'subscriber', id: '00000000-0000-0000-0000-000000000000' }, 'messages', m.text);
  const [row] = await deps.tx.query<{ id: string }>(
    `INSERT INTO messages (tenant_id, subscriber_id, channel, direction, channel_message_ref, body, body_sealed) VALUES ($1, $2, $3, 'inbound', $4, $5, $6) RETURNING id`,
    [tenantId, m.subscriberId ?? null, m.channel, m.channelMessageRef ?? null, g.body, subject ? g.bodySealed : null],
  );
  const id = row!.id;
  if (g.hold && subject) await holdSensitive(deps, subject, { table: 'messages', id }, g.hold);
  await recordAudit(deps.tx, deps.auditKey, {
    tenantId, actor: deps.actor, action: 'message.received', target: { type: 'message', id },
    details: { channel: m.channel, cardsMasked: g.cards, sensitiveHeld: Boolean(g.hold && subject), sensitiveDropped: Boolean(g.hold && !subject) },
  });
  return id;
}
