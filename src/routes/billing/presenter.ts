import type { Sql } from '../../db/index.ts';
import type { BillingOut } from './schema.ts';

type Row = { plan: 'free' | 'paid'; contact_name: string | null; contact_email: string | null; company: string | null; phone: string | null; physical_address: string | null };
type Method = { brand: BillingOut['paymentMethod'] extends infer M ? (M extends { brand: infer B } ? B : never) : never; last4: string; processor: string; created_at: Date };

/** The tenant's plan, billing contact and payment method; the processor token never leaves. */
export async function loadBilling(tx: Sql): Promise<BillingOut> {
  const [r] = await tx.query<Row>(
    `SELECT t.plan, b.contact_name, b.contact_email, b.company, b.phone, b.physical_address
       FROM tenants t LEFT JOIN billing_profiles b ON b.tenant_id = t.id WHERE t.id = current_tenant()`,
  );
  const [m] = await tx.query<Method>('SELECT brand, last4, processor, created_at FROM payment_methods WHERE removed_at IS NULL ORDER BY created_at DESC LIMIT 1');
  return {
    plan: r?.plan ?? 'free',
    contact: r?.contact_name
      ? { name: r.contact_name, email: r.contact_email!, company: r.company!, phone: r.phone!, physicalAddress: r.physical_address! }
      : null,
    paymentMethod: m ? { brand: m.brand, last4: m.last4, processor: m.processor, createdAt: new Date(m.created_at).toISOString() } : null,
  };
}
