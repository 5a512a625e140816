/**
 * Rectification of a shop's Subscriber or Buyer (C16): the one path that changes their stored
 * values. The live row keeps only the new values, sealed under the person's own key, with their
 * blind indexes recomputed; the old and new values go into the audit log in the same
 * transaction, sealed under that same key, so the chain holds no value in clear and shredding
 * the key at erasure makes the history unreadable too. Runs in the caller's transaction.
 * @clause C16
 */
import type { AuditActor } from '../audit/log.ts';
import { recordAudit } from '../audit/log.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import { sealJson, unsealJson } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { buyerIndex } from '../subjects/buyers.ts';
import { findSubjectKey } from '../subjects/keys.ts';
import { subscriberIndex } from '../subjects/subscribers.ts';

export type ShopSubjectType = 'subscriber' | 'buyer';
/** What a Subscriber or a Buyer may have corrected, per field name of the request. */
export const CORRECTABLE: Readonly<Record<ShopSubjectType, Readonly<Record<string, string>>>> = {
  subscriber: { displayName: 'display_name', phone: 'phone', email: 'email' },
  buyer: { name: 'name', phone: 'phone', email: 'email', address: 'address' },
};
const TABLE: Readonly<Record<ShopSubjectType, string>> = { subscriber: 'subscribers', buyer: 'buyers' };
const INDEXED: Readonly<Record<ShopSubjectType, Readonly<Record<string, (k: Pick<Keys, 'index'>, t: string, v: string | null) => string | null>>>> = {
  subscriber: { phone: subscriberIndex.phone, email: subscriberIndex.email },
  buyer: { phone: buyerIndex.phone, email: buyerIndex.email },
};

export type Correction = Readonly<Record<string, string>>;
export type FieldChange = { field: string; from: string | null; to: string };
type Subject = { type: ShopSubjectType; id: string; tenantId: string };

const historyContext = (s: Pick<Subject, 'type' | 'id'>) => `rectification-history:${s.type}:${s.id}`;

/** The fields of `patch` that `type` has; any other name is not theirs to correct. */
export const unknownFields = (type: ShopSubjectType, patch: Correction): string[] => Object.keys(patch).filter((f) => !(f in CORRECTABLE[type]));

/** Applies `patch` to the person's row; returns the names of the fields it really changed. */
export async function rectifyShopSubject(tx: Sql, keys: Pick<Keys, 'data' | 'index' | 'audit'>, subject: Subject, patch: Correction, actor: AuditActor): Promise<string[]> {
  const table = TABLE[subject.type];
  const columns = CORRECTABLE[subject.type];
  const [row] = await tx.query<Record<string, string | null>>(
    `SELECT ${Object.values(columns).join(', ')} FROM ${table} WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [subject.id, subject.tenantId]);
  if (!row) throw notFound(subject.type);
  const key = await findSubjectKey(tx, keys.data, subject);
  if (!key) throw notFound(subject.type);
  const changes: FieldChange[] = [];
  for (const [field, column] of Object.entries(columns)) {
    const to = patch[field];
    if (to === undefined) continue;
    const from = openField(key, `${table}.${column}`, subject.id, row[column]);
    if (from !== to) changes.push({ field, from, to });
  }
  if (changes.length === 0) return [];
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, v: unknown) => {
    values.push(v);
    sets.push(`${column} = $${values.length + 2}`);
  };
  for (const c of changes) {
    const column = columns[c.field]!;
    set(column, sealField(key, `${table}.${column}`, subject.id, c.to));
    const index = INDEXED[subject.type][c.field];
    if (index) set(`${column}_bidx`, index(keys, subject.tenantId, c.to));
  }
  await tx.query(`UPDATE ${table} SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 AND tenant_id = $2`, [subject.id, subject.tenantId, ...values]);
  await recordAudit(tx, keys.audit, {
    tenantId: subject.tenantId, actor, action: `${subject.type}.rectified`, target: { type: subject.type, id: subject.id },
    details: { fields: changes.map((c) => c.field), sealed: sealJson(key, changes, historyContext(subject)) },
  });
  return changes.map((c) => c.field);
}

export type RectificationEntry = { changedAt: string; fields: string[]; changes: FieldChange[] | null };

/** The person's past values, newest first, read back from the audit log; null once their key is shredded. */
export async function rectificationHistory(sql: Sql, keys: Pick<Keys, 'data'>, subject: Subject): Promise<RectificationEntry[]> {
  const rows = await sql.query<{ at: Date; details: { fields?: string[]; sealed?: string } }>(
    `SELECT at, details FROM audit_log WHERE tenant_id = $1 AND target_type = $2 AND target_id = $3 AND action = $4 ORDER BY at DESC, seq DESC`,
    [subject.tenantId, subject.type, subject.id, `${subject.type}.rectified`]);
  const key = await findSubjectKey(sql, keys.data, subject);
  return rows.map((r) => ({
    changedAt: new Date(r.at).toISOString(), fields: r.details.fields ?? [],
    changes: key && r.details.sealed ? unsealJson<FieldChange[]>(key, r.details.sealed, historyContext(subject)) : null,
  }));
}
