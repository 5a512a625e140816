import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/index.ts';
import { seal, unseal } from '../crypto/seal.ts';

/**
 * One random key per subject, stored wrapped under the server's data key (see
 * migrations/002_subject_keys.sql). Deleting the row shreds everything sealed with it.
 */
export type SubjectType = 'user';

const context = (type: SubjectType, id: string) => `subject-key:${type}:${id}`;

/** The subject's key, created on first use (inside the caller's transaction). */
export async function subjectKey(tx: Sql, dataKey: Buffer, type: SubjectType, id: string): Promise<Buffer> {
  const existing = await findSubjectKey(tx, dataKey, type, id);
  if (existing) return existing;
  const key = randomBytes(32);
  // A concurrent first use may have won: then its key is the one to use.
  const inserted = await tx.query(
    'INSERT INTO subject_keys (subject_type, subject_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
    [type, id, seal(dataKey, key, context(type, id))],
  );
  return inserted.length ? key : (await findSubjectKey(tx, dataKey, type, id))!;
}

/** The subject's key, or undefined when none was made or it has been shredded. */
export async function findSubjectKey(sql: Sql, dataKey: Buffer, type: SubjectType, id: string): Promise<Buffer | undefined> {
  const [row] = await sql.query<{ wrapped_key: string }>(
    'SELECT wrapped_key FROM subject_keys WHERE subject_type = $1 AND subject_id = $2',
    [type, id],
  );
  return row ? unseal(dataKey, row.wrapped_key, context(type, id)) : undefined;
}

/** Crypto-shredding: what was sealed under this subject's key can no longer be opened. */
export async function shredSubjectKey(tx: Sql, type: SubjectType, id: string): Promise<void> {
  await tx.query('DELETE FROM subject_keys WHERE subject_type = $1 AND subject_id = $2', [type, id]);
}
