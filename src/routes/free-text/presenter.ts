import { openColumn, type Keyring } from '../../crypto/envelope.ts';
import type { Sql } from '../../db/index.ts';
import type { HeldRow } from '../../guard/hold.ts';
import type { HeldOut, MessageOut, NoteOut } from './schema.ts';

export type NoteRow = { id: string; tenant_id: string; subscriber_id: string; body: string; body_sealed: string | null; created_at: Date; held_id: string | null; held_categories: string[] | null };
export type MessageRow = { id: string; tenant_id: string; subscriber_id: string | null; channel: string; body: string; body_sealed: string | null; received_at: Date; held_id: string | null; held_categories: string[] | null };

// The hold still waiting on the person, if any, beside each row.
const HELD_JOIN = (table: string, alias: string) =>
  `LEFT JOIN held_sensitive_data h ON h.target_table = '${table}' AND h.target_id = ${alias}.id AND h.status = 'held'`;
export const NOTE_SELECT = `SELECT n.id, n.tenant_id, n.subscriber_id, n.body, n.body_sealed, n.created_at, h.id AS held_id, h.categories AS held_categories
  FROM subscriber_notes n ${HELD_JOIN('subscriber_notes', 'n')}`;
export const MESSAGE_SELECT = `SELECT m.id, m.tenant_id, m.subscriber_id, m.channel, m.body, m.body_sealed, m.received_at, h.id AS held_id, h.categories AS held_categories
  FROM messages m ${HELD_JOIN('messages', 'm')}`;

/** The full text when consent allowed it to be kept, else the redacted working copy; both sealed. */
const textOf = async (tx: Sql, ring: Keyring, tenantId: string, table: string, r: { body: string; body_sealed: string | null }) =>
  r.body_sealed ? openColumn(tx, ring, tenantId, `${table}.body_sealed`, r.body_sealed) : openColumn(tx, ring, tenantId, `${table}.body`, r.body);

const heldOf = (r: { held_id: string | null; held_categories: string[] | null }) => (r.held_id ? { heldId: r.held_id, categories: r.held_categories ?? [] } : null);

export async function presentNote(tx: Sql, ring: Keyring, r: NoteRow): Promise<NoteOut> {
  return {
    id: r.id, subscriberId: r.subscriber_id, text: await textOf(tx, ring, r.tenant_id, 'subscriber_notes', r),
    sensitiveHeld: r.held_id !== null, held: heldOf(r), createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function presentMessage(tx: Sql, ring: Keyring, r: MessageRow): Promise<MessageOut> {
  return {
    id: r.id, subscriberId: r.subscriber_id, channel: r.channel, text: await textOf(tx, ring, r.tenant_id, 'messages', r),
    sensitiveHeld: r.held_id !== null, held: heldOf(r), receivedAt: new Date(r.received_at).toISOString(),
  };
}

/** A hold leaves the API with its categories and status, never its value. */
export const presentHeld = (r: HeldRow): HeldOut => ({
  id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, target: { table: r.target_table, id: r.target_id },
  categories: r.categories, status: r.status, createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
});
