/**
 * Seals what was stored in clear before migrations 006 and 011: a store created by an older Pledge
 * still has names and addresses in clear and no blind indexes. Runs at start-up, does nothing
 * once every row is sealed, and seals each row in the same statement that writes its index,
 * so a crash half-way leaves rows either untouched or done.
 * @clause C07
 */
import type { AppContext } from '../app/context.ts';
import { renameTenant } from '../accounts/tenants.ts';
import { staffEmailIndex } from '../accounts/staff.ts';
import { userEmailIndex } from '../accounts/users.ts';
import { keyringFor, sealColumn } from '../crypto/envelope.ts';
import { SUBJECT_SEALED_PREFIX, sealField } from '../crypto/fields.ts';
import { inPlatform } from '../db/scope.ts';
import { outboxAddressIndex, sealMailText } from '../mail/outbox.ts';
import { buyerIndex } from './buyers.ts';
import { subjectKey } from './keys.ts';
import { subscriberIndex } from './subscribers.ts';

type Row = Record<string, string | null> & { id: string };
const sealedAlready = (v: string | null | undefined) => v === null || v === undefined || v.startsWith(SUBJECT_SEALED_PREFIX);

/** Seals every row still in clear; returns how many rows it sealed. */
export async function resealLegacyRows(ctx: AppContext): Promise<number> {
  const ring = keyringFor(ctx.config);
  const keys = ctx.keys;
  return inPlatform(ctx.db, async (tx) => {
    let n = 0;
    const own = (key: Buffer, table: string, id: string) => (column: string, v: string | null | undefined) => (sealedAlready(v) ? (v ?? null) : sealField(key, `${table}.${column}`, id, v));
    for (const u of await tx.query<Row>('SELECT id, email, name, company, billing_address FROM users WHERE email_bidx IS NULL')) {
      const s = own(await subjectKey(tx, keys.data, { type: 'customer', id: u.id }), 'users', u.id);
      await tx.query('UPDATE users SET email = $2, email_bidx = $3, name = $4, company = $5, billing_address = $6 WHERE id = $1',
        [u.id, s('email', u.email), userEmailIndex(keys, u.email!), s('name', u.name), s('company', u.company), s('billing_address', u.billing_address)]);
      n++;
    }
    for (const u of await tx.query<Row>('SELECT id, email, name FROM staff_users WHERE email_bidx IS NULL')) {
      const s = own(await subjectKey(tx, keys.data, { type: 'staff', id: u.id }), 'staff_users', u.id);
      await tx.query('UPDATE staff_users SET email = $2, email_bidx = $3, name = $4 WHERE id = $1', [u.id, s('email', u.email), staffEmailIndex(keys, u.email!), s('name', u.name)]);
      n++;
    }
    for (const r of await tx.query<Row>(`SELECT id, tenant_id, external_id, display_name, phone, email FROM subscribers WHERE display_name NOT LIKE 'v1.%'`)) {
      const t = r.tenant_id!;
      const s = own(await subjectKey(tx, keys.data, { type: 'subscriber', id: r.id, tenantId: t }), 'subscribers', r.id);
      await tx.query(
        `UPDATE subscribers SET external_id = $2, external_id_bidx = $3, display_name = $4, phone = $5, phone_bidx = $6, email = $7, email_bidx = $8 WHERE id = $1`,
        [r.id, s('external_id', r.external_id), subscriberIndex.externalId(keys, t, r.external_id), s('display_name', r.display_name),
          s('phone', r.phone), subscriberIndex.phone(keys, t, r.phone), s('email', r.email), subscriberIndex.email(keys, t, r.email)],
      );
      n++;
    }
    for (const r of await tx.query<Row>(`SELECT id, tenant_id, name, email, phone, address FROM buyers WHERE name NOT LIKE 'v1.%'`)) {
      const t = r.tenant_id!;
      const s = own(await subjectKey(tx, keys.data, { type: 'buyer', id: r.id, tenantId: t }), 'buyers', r.id);
      await tx.query('UPDATE buyers SET name = $2, email = $3, email_bidx = $4, phone = $5, phone_bidx = $6, address = $7 WHERE id = $1',
        [r.id, s('name', r.name), s('email', r.email), buyerIndex.email(keys, t, r.email), s('phone', r.phone), buyerIndex.phone(keys, t, r.phone), s('address', r.address)]);
      n++;
    }
    for (const r of await tx.query<Row>(`SELECT id, name FROM tenants WHERE name NOT LIKE 'enc:v1:%'`)) {
      await renameTenant(tx, ring, r.id, r.name!);
      n++;
    }
    const BILLING = ['contact_name', 'contact_email', 'company', 'phone', 'physical_address'];
    for (const r of await tx.query<Row>(`SELECT tenant_id AS id, ${BILLING.join(', ')} FROM billing_profiles WHERE contact_name NOT LIKE 'enc:v1:%'`)) {
      const values = await Promise.all(BILLING.map((c) => sealColumn(tx, ring, r.id, `billing_profiles.${c}`, r[c]!)));
      await tx.query(`UPDATE billing_profiles SET ${BILLING.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE tenant_id = $1`, [r.id, ...values]);
      n++;
    }
    for (const table of ['subscriber_notes', 'messages']) {
      for (const r of await tx.query<Row>(`SELECT id, tenant_id, body FROM ${table} WHERE body NOT LIKE 'enc:v1:%'`)) {
        await tx.query(`UPDATE ${table} SET body = $2 WHERE id = $1`, [r.id, await sealColumn(tx, ring, r.tenant_id!, `${table}.body`, r.body!)]);
        n++;
      }
    }
    for (const r of await tx.query<Row>('SELECT id, to_address, subject, body_text FROM outbox WHERE to_bidx IS NULL')) {
      const s = (column: string, v: string) => (sealedAlready(v) ? v : sealMailText(keys, column, v));
      await tx.query('UPDATE outbox SET to_address = $2, to_bidx = $3, subject = $4, body_text = $5 WHERE id = $1',
        [r.id, s('to_address', r.to_address!), outboxAddressIndex(keys, r.to_address!), s('subject', r.subject!), s('body_text', r.body_text!)]);
      n++;
    }
    return n;
  });
}
