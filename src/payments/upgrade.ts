/**
 * Upgrading a tenant to the paid plan. The browser sent the card to the processor and gives us
 * the token; we check the token with the processor, charge it, then store the billing contact
 * (C08) and only the token (sealed), last four and brand (C02) with the plan change, in one
 * tenant transaction with its audit entry.
 * @clause C02 @clause C08 @clause C26
 */
import type { AppContext } from '../app/context.ts';
import { openUser, USER_KEY, type SealedUser } from '../accounts/users.ts';
import { recordAudit, type AuditActor } from '../audit/log.ts';
import { keyringFor, sealColumn } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { requireProcessorAgreement } from '../disclosures/processors.ts';
import { AppError, unprocessable } from '../errors.ts';
import { PAID_PLAN_VND, processorFor } from './index.ts';

export type UpgradeInput = {
  tenantId: string; userId: string; actor: AuditActor; idempotencyKey: string;
  phone: string; physicalAddress: string; contactName?: string | undefined; company?: string | undefined;
  paymentToken: string; last4: string; brand: string;
};

/** What the processor receives: the billing contact and the card token (declared for C26). */
export const PAYMENT_CATEGORIES = ['user.name', 'user.contact.email', 'user.financial.payment_card_token'] as const;

/** ECOMKEY's own payment processor, which must be registered with an agreement in force (C26). */
async function requirePaymentAgreement(tx: Sql, name: string): Promise<void> {
  const [p] = await tx.query<{ id: string }>(
    "SELECT id FROM processors WHERE tenant_id IS NULL AND kind = 'payment' AND name = $1 AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
    [name],
  );
  if (!p) throw new AppError(503, 'payment_processor_unavailable', 'No payment processor is registered with an agreement on file');
  await requireProcessorAgreement(tx, p.id, PAYMENT_CATEGORIES, 'process_payment');
}

export async function upgradeToPaid(ctx: AppContext, input: UpgradeInput): Promise<void> {
  const processor = processorFor(ctx.config);
  await inTenant(ctx.db, input.tenantId, (tx) => requirePaymentAgreement(tx, processor.name));
  // Account data is platform data: read it in a platform transaction.
  const [row] = await inPlatform(ctx.db, (tx) =>
    tx.query<SealedUser>(
      `SELECT u.id, u.email, u.name, u.company, ${USER_KEY()} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.tenant_id = $2`,
      [input.userId, input.tenantId],
    ),
  );
  if (!row) throw new AppError(403, 'tenant_forbidden', 'Not a member of this tenant');
  const profile = openUser(ctx.keys, row);
  const info = await processor.describeToken(input.paymentToken);
  if (!info) throw unprocessable('payment_token_invalid', 'The payment processor does not know this token');
  if (info.last4 !== input.last4 || info.brand !== input.brand) throw unprocessable('payment_token_mismatch', 'last4 or brand do not match the token');
  const contact = { name: input.contactName ?? profile.name, email: profile.email, company: input.company ?? profile.company };
  const { customerRef } = await processor.createCustomer({ tenantId: input.tenantId, email: contact.email, name: contact.name });
  const charge = await processor.chargeToken({ customerRef, token: input.paymentToken, amountVnd: PAID_PLAN_VND, idempotencyKey: input.idempotencyKey });
  if (charge.status !== 'succeeded') throw new AppError(402, 'payment_declined', 'The payment processor declined the payment');
  const ring = keyringFor(ctx.config);
  await inTenant(ctx.db, input.tenantId, async (tx) => {
    // The billing contact is the tenant's record: sealed under the tenant's data key (C07).
    const seal = (column: string, v: string) => sealColumn(tx, ring, input.tenantId, `billing_profiles.${column}`, v);
    await tx.query(
      `INSERT INTO billing_profiles (tenant_id, contact_name, contact_email, company, phone, physical_address) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET contact_name = $2, contact_email = $3, company = $4, phone = $5, physical_address = $6, updated_at = now()`,
      [input.tenantId, await seal('contact_name', contact.name), await seal('contact_email', contact.email), await seal('company', contact.company),
        await seal('phone', input.phone), await seal('physical_address', input.physicalAddress)],
    );
    await tx.query('UPDATE payment_methods SET removed_at = now() WHERE removed_at IS NULL');
    const token = await sealColumn(tx, ring, input.tenantId, 'payment_methods.processor_token', input.paymentToken);
    await tx.query('INSERT INTO payment_methods (tenant_id, processor, processor_token, last4, brand) VALUES ($1, $2, $3, $4, $5)', [
      input.tenantId, processor.name, token, info.last4, info.brand,
    ]);
    await tx.query("SELECT set_current_tenant_plan('paid')");
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: input.tenantId, actor: input.actor, action: 'billing.upgraded', target: { type: 'tenant', id: input.tenantId },
      details: { plan: 'paid', processor: processor.name, brand: info.brand, chargeRef: charge.chargeRef },
    });
  });
}
