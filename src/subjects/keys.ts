import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/index.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { SubjectRef } from './ref.ts';

/**
 * One random key per subject (Customer, Subscriber, Buyer, Staff), stored wrapped under the
 * server's data key (migrations 002 and 006). Every sealed personal value of that subject is
 * sealed with it, so deleting the one key row shreds all of it — the live row, its history in
 * the audit log — without touching either.
 * @clause C07 @clause C16
 */
export type KeyedSubjectType = 'customer' | 'subscriber' | 'buyer' | 'staff';
export type KeyedSubject = SubjectRef<KeyedSubjectType>;

// Customers' keys were wrapped as 'user' before 006 renamed the type; the context must not change.
const context = (s: KeyedSubject) => `subject-key:${s.type === 'customer' ? 'user' : s.type}:${s.id}`;

/** A fresh key and its wrapped form, to insert in the same statement as the subject's row. */
export function newSubjectKey(dataKey: Buffer, subject: KeyedSubject): { key: Buffer; wrapped: string } {
  const key = randomBytes(32);
  return { key, wrapped: seal(dataKey, key, context(subject)) };
}

// Unwrapped keys by their wrapped form: a read path opens one subject's row many times, and a
// shredded key is never looked up again because its wrapped form is gone from the database.
const CACHE_MAX = 10_000;
const cache = new Map<string, Buffer>();

/** Unwraps a key read beside its subject's row; undefined when there is none (shredded). */
export function openSubjectKey(dataKey: Buffer, subject: KeyedSubject, wrapped: string | null | undefined): Buffer | undefined {
  if (!wrapped) return undefined;
  // Keyed by subject too: a wrapped key copied onto another subject's row must fail to open, not hit the cache.
  const slot = `${context(subject)}|${wrapped}`;
  const hit = cache.get(slot);
  if (hit) return hit;
  const key = unseal(dataKey, wrapped, context(subject));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(slot, key);
  return key;
}

/** Stores a key made by `newSubjectKey` (a concurrent first use may have won: its key is returned). */
export async function storeSubjectKey(tx: Sql, dataKey: Buffer, subject: KeyedSubject, made: { key: Buffer; wrapped: string }): Promise<Buffer> {
  const inserted = await tx.query(
    'INSERT INTO subject_keys (subject_type, subject_id, tenant_id, wrapped_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
    [subject.type, subject.id, subject.tenantId ?? null, made.wrapped],
  );
  return inserted.length ? made.key : (await findSubjectKey(tx, dataKey, subject))!;
}

/** The subject's key, created on first use (inside the caller's transaction). */
export async function subjectKey(tx: Sql, dataKey: Buffer, subject: KeyedSubject): Promise<Buffer> {
  return (await findSubjectKey(tx, dataKey, subject)) ?? storeSubjectKey(tx, dataKey, subject, newSubjectKey(dataKey, subject));
}

/** The subject's key, or undefined when none was made or it has been shredded. */
export async function findSubjectKey(sql: Sql, dataKey: Buffer, subject: KeyedSubject): Promise<Buffer | undefined> {
  const [row] = await sql.query<{ wrapped_key: string }>(
    'SELECT wrapped_key FROM subject_keys WHERE subject_type = $1 AND subject_id = $2',
    [subject.type, subject.id],
  );
  return openSubjectKey(dataKey, subject, row?.wrapped_key);
}

/** Crypto-shredding: what was sealed under this subject's key can no longer be opened. */
export async function shredSubjectKey(tx: Sql, subject: KeyedSubject): Promise<void> {
  const rows = await tx.query<{ wrapped_key: string }>('DELETE FROM subject_keys WHERE subject_type = $1 AND subject_id = $2 RETURNING wrapped_key', [subject.type, subject.id]);
  for (const r of rows) cache.delete(`${context(subject)}|${r.wrapped_key}`);
}

/** SQL for the wrapped key of the subject whose id is `idColumn`, to select beside its row: one round trip. */
export const wrappedKeyOf = (type: KeyedSubjectType, idColumn: string): string =>
  `(SELECT wrapped_key FROM subject_keys WHERE subject_type = '${type}' AND subject_id = ${idColumn})`;
