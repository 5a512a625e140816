/**
 * Storage of Subscribers. Name, phone, e-mail and platform id are sealed under the Subscriber's
 * own key (created with the row), so erasing one key shreds one person; phone, e-mail and
 * platform id also get a blind index scoped to the tenant, to find a person by them. Reads
 * select the wrapped key beside the row; presenters open the values.
 * @clause C07 @clause C01
 */
import { randomUUID } from 'node:crypto';
import type { SealKeys } from '../accounts/users.ts';
import { blindIndex } from '../crypto/blind-index.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { decodeCursor, encodeCursor } from '../db/keyset.ts';
import type { SubjectSourceKey } from '../domain/taxonomy/index.ts';
import { newSubjectKey, openSubjectKey, wrappedKeyOf } from './keys.ts';

/** A Subscriber row as stored: its sealed columns and its wrapped key. */
export type SubscriberRow = {
  id: string; channel: string; external_id: string | null; display_name: string; phone: string | null; email: string | null;
  source: string; legal_basis: string; created_at: Date; wrapped_key: string | null;
};

export const SUBSCRIBER_COLUMNS = `id, channel, external_id, display_name, phone, email, source, legal_basis, created_at,
  ${wrappedKeyOf('subscriber', 'subscribers.id')} AS wrapped_key`;

export type NewSubscriber = {
  /** The id the gate admitted the creation under, when the route has one. */
  id?: string;
  channel: string; externalId?: string | undefined; displayName: string; phone?: string | undefined; email?: string | undefined;
  source: SubjectSourceKey; legalBasis: string;
};

/** The blind indexes a Subscriber is found by, within one tenant. */
export const subscriberIndex = {
  email: (keys: Pick<Keys, 'index'>, tenantId: string, v: string | null | undefined) => blindIndex(keys.index, 'subscribers.email', 'email', v, tenantId),
  phone: (keys: Pick<Keys, 'index'>, tenantId: string, v: string | null | undefined) => blindIndex(keys.index, 'subscribers.phone', 'phone', v, tenantId),
  externalId: (keys: Pick<Keys, 'index'>, tenantId: string, v: string | null | undefined) => blindIndex(keys.index, 'subscribers.external_id', 'external_id', v, tenantId),
};

/** Inserts a Subscriber and their key in one statement (inside the caller's tenant transaction). */
export async function insertSubscriber(tx: Sql, keys: SealKeys, tenantId: string, s: NewSubscriber): Promise<SubscriberRow> {
  const id = s.id ?? randomUUID();
  const made = newSubjectKey(keys.data, { type: 'subscriber', id, tenantId });
  const seal = (column: string, v: string | undefined) => sealField(made.key, `subscribers.${column}`, id, v ?? null);
  const [row] = await tx.query<SubscriberRow>(
    `WITH k AS (INSERT INTO subject_keys (subject_type, subject_id, tenant_id, wrapped_key) VALUES ('subscriber', $1, $2, $3))
     INSERT INTO subscribers (id, tenant_id, channel, external_id, external_id_bidx, display_name, phone, phone_bidx, email, email_bidx, source, legal_basis)
     VALUES ($1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING id, channel, external_id, display_name, phone, email, source, legal_basis, created_at`,
    [id, tenantId, made.wrapped, s.channel,
      seal('external_id', s.externalId), subscriberIndex.externalId(keys, tenantId, s.externalId),
      seal('display_name', s.displayName),
      seal('phone', s.phone), subscriberIndex.phone(keys, tenantId, s.phone),
      seal('email', s.email), subscriberIndex.email(keys, tenantId, s.email),
      s.source, s.legalBasis],
  );
  return { ...row!, wrapped_key: made.wrapped };
}

export type OpenedSubscriber = { displayName: string; phone: string | null; email: string | null; externalId: string | null };

/** Opens a Subscriber's sealed columns; a shredded key opens nothing (name '', the rest null). */
export function openSubscriber(keys: Pick<Keys, 'data'>, r: Pick<SubscriberRow, 'id' | 'display_name' | 'phone' | 'email' | 'external_id' | 'wrapped_key'>): OpenedSubscriber {
  const key = openSubjectKey(keys.data, { type: 'subscriber', id: r.id }, r.wrapped_key);
  const o = (column: string, v: string | null) => openField(key, `subscribers.${column}`, r.id, v);
  return { displayName: o('display_name', r.display_name) ?? '', phone: o('phone', r.phone), email: o('email', r.email), externalId: o('external_id', r.external_id) };
}

/** One Subscriber of the current tenant, or undefined. */
export async function findSubscriber(tx: Sql, id: string): Promise<SubscriberRow | undefined> {
  const [row] = await tx.query<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1`, [id]);
  return row;
}

/**
 * The tenant's Subscribers with this phone, e-mail or platform id (on a channel), however it is
 * written: the lookup goes by blind index, so the database compares no clear value. Duplicate
 * checks and a bot's "who is this?" use it.
 */
export async function findSubscriberBy(
  tx: Sql, keys: Pick<Keys, 'index'>, tenantId: string, by: { phone: string } | { email: string } | { channel: string; externalId: string },
): Promise<SubscriberRow[]> {
  const [where, params] =
    'phone' in by ? ['phone_bidx = $2', [subscriberIndex.phone(keys, tenantId, by.phone)]]
    : 'email' in by ? ['email_bidx = $2', [subscriberIndex.email(keys, tenantId, by.email)]]
    : ['channel = $3 AND external_id_bidx = $2', [subscriberIndex.externalId(keys, tenantId, by.externalId), by.channel]];
  return tx.query<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE tenant_id = $1 AND ${where} ORDER BY created_at`, [tenantId, ...params]);
}

/** One page of the current tenant's Subscribers, newest first (row-level security scopes the tenant). */
export async function listSubscribers(tx: Sql, page: { limit: number; cursor?: string | undefined }): Promise<{ rows: SubscriberRow[]; nextCursor: string | null }> {
  const [at, id] = page.cursor ? decodeCursor(page.cursor) : [null, null];
  const rows = await tx.query<SubscriberRow>(
    `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers
      WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [at, id, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  return { rows: shown, nextCursor: rows.length > page.limit ? encodeCursor(shown.at(-1)!.created_at, shown.at(-1)!.id) : null };
}
