import { randomUUID } from 'node:crypto';
import { CAN } from '../../auth/permissions.ts';
import { selfCustomer } from '../../http/declare.ts';
import type { RouteModule } from '../../http/routes.ts';
import { auditActor } from '../../auth/actor.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { isUser } from '../../auth/permissions.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import { refuseCardsInBody } from '../../guard/body.ts';
import { idempotencyKeyOf } from '../../http/idempotency.ts';
import { upgradeToPaid } from '../../payments/upgrade.ts';
import { canManageBilling } from '../../payments/permissions.ts';
import { BillingOut, UpgradeBody } from './schema.ts';
import { loadBilling } from './presenter.ts';

export const billingRoutes: RouteModule = (app, ctx) => {
  app.get('/api/billing', { config: { feature: 'billing.upgrade', can: CAN.ownAccount, purpose: 'provide_service', subject: { admit: 'gate', locate: selfCustomer } }, schema: { response: { 200: BillingOut }, tags: ['billing'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    return inTenant(ctx.db, actor.tenantId, (tx) => loadBilling(tx, keyringFor(ctx.config)));
  });

  // A card number anywhere in this body is refused before validation, handlers or logs see it (C02).
  app.post('/api/billing/upgrade', { config: { feature: 'billing.upgrade', can: CAN.ownAccount, purpose: 'process_payment', subject: { admit: 'gate', locate: selfCustomer } }, preValidation: refuseCardsInBody, schema: { body: UpgradeBody, response: { 200: BillingOut }, tags: ['billing'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canManageBilling(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin signed in may change the plan');
    const b = req.body;
    await upgradeToPaid(ctx, {
      tenantId: actor.tenantId, userId: actor.userId, actor: auditActor(actor), idempotencyKey: idempotencyKeyOf(req) ?? randomUUID(),
      phone: b.phone, physicalAddress: b.physicalAddress, contactName: b.contactName, company: b.company,
      paymentToken: b.paymentToken, last4: b.last4, brand: b.brand,
    });
    return inTenant(ctx.db, actor.tenantId, (tx) => loadBilling(tx, keyringFor(ctx.config)));
  });
};
