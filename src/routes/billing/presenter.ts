import { isSealedValue, openColumn, type Keyring } from '../../crypto/envelope.ts';
import type { Sql } from '../../db/index.ts';
import type { BillingOut } from './schema.ts';

type Row = { tenant_id: string; plan: 'free' | 'paid'; contact_name: string | null; contact_email: string | null; company: string | null; phone: string | null; physical_address: string | null };
type Method = { brand: BillingOut['paymentMethod'] extends infer M ? (M extends { brand: infer B } ? B : never) : never; last4: string; processor: string; created_at: Date };

/**
 * The tenant's plan, billing contact and payment method; the processor token never leaves. The
 * contact is sealed at rest under the tenant's data key and opened only here (C07).
 */
export async function loadBilling(tx: Sql, ring: Keyring): Promise<BillingOut> {
  const [r] = await tx.query<Row>(
    `SELECT t.id AS tenant_id, t.plan, b.contact_name, b.contact_email, b.company, b.phone, b.physical_address
       FROM tenants t LEFT JOIN billing_profiles b ON b.tenant_id = t.id WHERE t.id = current_tenant()`,
  );
  const [m] = await tx.query<Method>('SELECT brand, last4, processor, created_at FROM payment_methods WHERE removed_at IS NULL ORDER BY created_at DESC LIMIT 1');
  const open = (column: string, v: string | null) =>
    v === null || !isSealedValue(v) ? Promise.resolve(v ?? '') : openColumn(tx, ring, r!.tenant_id, `billing_profiles.${column}`, v);
  return {
    plan: r?.plan ?? 'free',
    contact: r?.contact_name
      ? {
          name: await open('contact_name', r.contact_name), email: await open('contact_email', r.contact_email), company: await open('company', r.company),
          phone: await open('phone', r.phone), physicalAddress: await open('physical_address', r.physical_address),
        }
      : null,
    paymentMethod: m ? { brand: m.brand, last4: m.last4, processor: m.processor, createdAt: new Date(m.created_at).toISOString() } : null,
  };
}
