/**
 * Storage of Buyers: name, e-mail, phone and address sealed under the Buyer's own key; e-mail
 * and phone also get a blind index scoped to the tenant (the privacy center's sign-in by
 * e-mail, duplicate checks).
 * @clause C07 @clause C01
 */
import { randomUUID } from 'node:crypto';
import type { SealKeys } from '../accounts/users.ts';
import { blindIndex } from '../crypto/blind-index.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import type { SubjectSourceKey } from '../domain/taxonomy/index.ts';
import { newSubjectKey, openSubjectKey, wrappedKeyOf } from './keys.ts';

export type BuyerRow = {
  id: string; name: string; email: string | null; phone: string | null; address: string | null; source: string; created_at: Date; wrapped_key: string | null;
};
export const BUYER_COLUMNS = `id, name, email, phone, address, source, created_at, ${wrappedKeyOf('buyer', 'buyers.id')} AS wrapped_key`;

export type NewBuyer = { name: string; email?: string | null; phone?: string | null; address?: string | null; source: SubjectSourceKey };

export const buyerIndex = {
  email: (keys: Pick<Keys, 'index'>, tenantId: string, v: string | null | undefined) => blindIndex(keys.index, 'buyers.email', 'email', v, tenantId),
  phone: (keys: Pick<Keys, 'index'>, tenantId: string, v: string | null | undefined) => blindIndex(keys.index, 'buyers.phone', 'phone', v, tenantId),
};

/** Inserts a Buyer and their key in one statement (inside the caller's tenant transaction); returns the id. */
export async function insertBuyer(tx: Sql, keys: SealKeys, tenantId: string, b: NewBuyer): Promise<string> {
  const id = randomUUID();
  const made = newSubjectKey(keys.data, { type: 'buyer', id, tenantId });
  const seal = (column: string, v: string | null | undefined) => sealField(made.key, `buyers.${column}`, id, v ?? null);
  await tx.query(
    `WITH k AS (INSERT INTO subject_keys (subject_type, subject_id, tenant_id, wrapped_key) VALUES ('buyer', $1, $2, $3))
     INSERT INTO buyers (id, tenant_id, name, email, email_bidx, phone, phone_bidx, address, source) VALUES ($1, $2, $4, $5, $6, $7, $8, $9, $10)`,
    [id, tenantId, made.wrapped, seal('name', b.name), seal('email', b.email), buyerIndex.email(keys, tenantId, b.email),
      seal('phone', b.phone), buyerIndex.phone(keys, tenantId, b.phone), seal('address', b.address), b.source],
  );
  return id;
}

export type OpenedBuyer = { name: string; email: string | null; phone: string | null; address: string | null };

/** Opens a Buyer's sealed columns; a shredded key opens nothing. */
export function openBuyer(keys: Pick<Keys, 'data'>, r: Pick<BuyerRow, 'id' | 'name' | 'wrapped_key'> & Partial<Pick<BuyerRow, 'email' | 'phone' | 'address'>>): OpenedBuyer {
  const key = openSubjectKey(keys.data, { type: 'buyer', id: r.id }, r.wrapped_key);
  const o = (column: string, v: string | null | undefined) => openField(key, `buyers.${column}`, r.id, v);
  return { name: o('name', r.name) ?? '', email: o('email', r.email), phone: o('phone', r.phone), address: o('address', r.address) };
}
