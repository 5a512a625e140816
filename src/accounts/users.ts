/**
 * Storage of Customer accounts: the identity and contact columns are sealed under the user's
 * own key and the e-mail is found by its blind index, so raw rows hold no name or address.
 * Reads select the wrapped key beside the row (one round trip); presenters open the values.
 * @clause C07
 */
import { randomUUID } from 'node:crypto';
import { blindIndex } from '../crypto/blind-index.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { newSubjectKey, openSubjectKey, wrappedKeyOf } from '../subjects/keys.ts';
import type { Locale } from './fields.ts';

/** The keys sealing needs: `data` unwraps subject keys, `index` keys the blind indexes. */
export type SealKeys = Pick<Keys, 'data' | 'index'>;

/** The blind index a Customer's e-mail is looked up by (sign-in, duplicate check, resend). */
export const userEmailIndex = (keys: Pick<Keys, 'index'>, email: string): string => blindIndex(keys.index, 'users.email', 'email', email)!;

/** SQL selecting the wrapped key of the user whose id is `idColumn`, as `wrapped_key`. */
export const USER_KEY = (idColumn = 'u.id') => `${wrappedKeyOf('customer', idColumn)} AS wrapped_key`;

export type NewUser = {
  email: string; name: string; company: string; billingAddress: string; passwordHash: string; locale: Locale; verified?: boolean;
};

/** Inserts a user and their key in one statement; returns the id. A taken address fails on the unique blind index (23505). */
export async function insertUser(tx: Sql, keys: SealKeys, u: NewUser): Promise<string> {
  const id = randomUUID();
  const made = newSubjectKey(keys.data, { type: 'customer', id });
  const s = (column: string, v: string) => sealField(made.key, `users.${column}`, id, v);
  await tx.query(
    `WITH k AS (INSERT INTO subject_keys (subject_type, subject_id, wrapped_key) VALUES ('customer', $1, $2))
     INSERT INTO users (id, email, email_bidx, name, company, billing_address, password_hash, locale, email_verified_at, adult_confirmed_at)
     VALUES ($1, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10::boolean THEN now() END, now())`,
    [id, made.wrapped, s('email', u.email), userEmailIndex(keys, u.email), s('name', u.name), s('company', u.company),
      s('billing_address', u.billingAddress), u.passwordHash, u.locale, u.verified ?? false],
  );
  return id;
}

/** A user row as stored: sealed values and the user's wrapped key. */
export type SealedUser = { id: string; email: string; name: string; company?: string; billing_address?: string; wrapped_key: string | null };
export type OpenedUser = { id: string; email: string; name: string; company: string; billingAddress: string };

/** Opens a user's sealed columns (for a presenter, a mail, the processor); shredded values read as ''. */
export function openUser(keys: Pick<Keys, 'data'>, r: SealedUser): OpenedUser {
  const key = openSubjectKey(keys.data, { type: 'customer', id: r.id }, r.wrapped_key);
  const o = (column: string, v: string | undefined) => openField(key, `users.${column}`, r.id, v) ?? '';
  return { id: r.id, email: o('email', r.email), name: o('name', r.name), company: o('company', r.company), billingAddress: o('billing_address', r.billing_address) };
}

/** Seals new values of a user's columns under their key (the key is created if missing). */
export function sealUserColumns(key: Buffer, id: string, values: Partial<Record<'name' | 'company' | 'billing_address', string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([c, v]) => [c, sealField(key, `users.${c}`, id, v)]));
}
