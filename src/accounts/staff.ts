/**
 * Storage of ECOMKEY staff accounts: name and e-mail sealed under the staff member's key, the
 * e-mail found by its blind index (staff sign-in).
 * @clause C07
 */
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../auth/actor.ts';
import { blindIndex } from '../crypto/blind-index.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { newSubjectKey, openSubjectKey, wrappedKeyOf } from '../subjects/keys.ts';
import type { SealKeys } from './users.ts';

export const staffEmailIndex = (keys: Pick<Keys, 'index'>, email: string): string => blindIndex(keys.index, 'staff_users.email', 'email', email)!;
export const STAFF_KEY = (idColumn = 'id') => `${wrappedKeyOf('staff', idColumn)} AS wrapped_key`;

/** Inserts a staff member and their key in one statement; returns the id. */
export async function insertStaff(tx: Sql, keys: SealKeys, s: { email: string; name: string; role: StaffRole; passwordHash: string }): Promise<string> {
  const id = randomUUID();
  const made = newSubjectKey(keys.data, { type: 'staff', id });
  await tx.query(
    `WITH k AS (INSERT INTO subject_keys (subject_type, subject_id, wrapped_key) VALUES ('staff', $1, $2))
     INSERT INTO staff_users (id, email, email_bidx, name, role, password_hash) VALUES ($1, $3, $4, $5, $6, $7)`,
    [id, made.wrapped, sealField(made.key, 'staff_users.email', id, s.email), staffEmailIndex(keys, s.email),
      sealField(made.key, 'staff_users.name', id, s.name), s.role, s.passwordHash],
  );
  return id;
}

/** Opens a staff row's name and e-mail. */
export function openStaff(keys: Pick<Keys, 'data'>, r: { id: string; email: string; name: string; wrapped_key: string | null }): { email: string; name: string } {
  const key = openSubjectKey(keys.data, { type: 'staff', id: r.id }, r.wrapped_key);
  return { email: openField(key, 'staff_users.email', r.id, r.email) ?? '', name: openField(key, 'staff_users.name', r.id, r.name) ?? '' };
}

/** The addresses of every staff member with `role`, opened to be mailed (an erased one has none and is left out). */
export async function staffAddresses(tx: Sql, keys: Pick<Keys, 'data'>, role: StaffRole): Promise<{ id: string; email: string }[]> {
  const rows = await tx.query<{ id: string; email: string; name: string; wrapped_key: string | null }>(
    `SELECT id, email, name, ${STAFF_KEY()} FROM staff_users WHERE role = $1`, [role]);
  return rows.map((r) => ({ id: r.id, email: openStaff(keys, r).email })).filter((r) => r.email);
}
