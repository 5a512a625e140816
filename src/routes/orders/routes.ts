import type { RouteModule } from '../../http/routes.ts';
import { recordAudit } from '../../audit/log.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { loadSnapshot } from '../../consents/snapshot.ts';
import { inTenant } from '../../db/scope.ts';
import { decide, requireAllowed } from '../../domain/gate.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { buyerForOrder, findOrder, insertOrder, listOrders, openDeliveryAddress, orderTotal, withOrderContract, type OrderRow } from '../../orders/orders.ts';
import type { Keys } from '../../crypto/keys.ts';
import { randomUUID } from 'node:crypto';
import { OrderCreate, OrderCreated, OrderList, OrderListQuery, OrderOut, OrderParams } from './schema.ts';

const tags = ['orders'];

/** The only shape in which an order leaves the API; the delivery address is opened here (C07). */
export const presentOrder = (keys: Pick<Keys, 'data'>, r: OrderRow): OrderOut => ({
  id: r.id, buyerId: r.buyer_id, reference: r.reference, currency: r.currency,
  items: r.items.map((i) => ({ ...(i.sku ? { sku: i.sku } : {}), name: i.name, quantity: i.quantity, unitPrice: i.unitPrice })),
  total: Number(r.total_minor), deliveryAddress: openDeliveryAddress(keys, r), createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Orders (C19): each records its Buyer, matched or created, and the contact data the order
 * needs. That data is held for the order (`provide_service` on the contract the order is);
 * adding the Buyer to a marketing list still needs their marketing consent (`/api/lists`).
 */
export const orderRoutes: RouteModule = (app, ctx) => {
  app.post('/api/orders', {
    config: {
      feature: 'orders.record', can: CAN.writeSubjects,
      subject: { admit: 'per_subject', why: 'The Buyer is matched or created inside the command, which asks the gate for them on the order\'s contract before storing it' },
    },
    schema: { body: OrderCreate, response: { 201: OrderCreated }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    const total = orderTotal(b.items);
    if (total === null) throw unprocessable('order_total_invalid', 'The order\'s total is too large to count exactly');
    const id = randomUUID();
    const out = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      if (b.reference && (await tx.query('SELECT 1 FROM orders WHERE reference = $1', [b.reference])).length > 0) throw conflict('order_exists', 'An order with this reference exists');
      const buyer = await buyerForOrder(tx, ctx.keys, actor.tenantId, b.buyer, b.source);
      const subject = { tenantId: actor.tenantId, type: 'buyer' as const, id: buyer.id };
      const at = Date.now();
      // The order is the contract the Buyer's data serves; a Buyer's objection or restriction still refuses it.
      requireAllowed(decide(withOrderContract(await loadSnapshot(tx, subject), id, at), {
        feature: 'orders.record', subject, purpose: 'provide_service', categories: ['user.name', 'user.contact'], at,
      }));
      const row = await insertOrder(tx, ctx.keys, actor.tenantId, { id, buyerId: buyer.id, reference: b.reference, currency: b.currency, items: b.items, total, deliveryAddress: b.deliveryAddress });
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'order.recorded', target: { type: 'buyer', id: buyer.id },
        details: { orderId: id, buyerMatched: buyer.matched, items: b.items.length, source: b.source },
      });
      return { ...presentOrder(ctx.keys, row), buyerMatched: buyer.matched };
    });
    return reply.code(201).send(out);
  });

  app.get('/api/orders', {
    config: { feature: 'orders.read', can: CAN.readSubjects, subject: { admit: 'many', why: 'A page of the tenant\'s orders; restricted Buyers\' content stays behind the purpose wall' } },
    schema: { querystring: OrderListQuery, response: { 200: OrderList }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const { rows, nextCursor } = await inTenant(ctx.db, actor.tenantId, (tx) => listOrders(tx, req.query));
    return { items: rows.map((r) => presentOrder(ctx.keys, r)), nextCursor };
  });

  app.get('/api/orders/:id', {
    // As the list: the Buyer's data serves the order, which is the basis; a Buyer's restriction hides it (the purpose wall on orders).
    config: { feature: 'orders.read', can: CAN.readSubjects, subject: { admit: 'many', why: 'One order, read for its fulfilment; a restricted Buyer\'s order stays behind the purpose wall (migration 034)' } },
    schema: { params: OrderParams, response: { 200: OrderOut }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => findOrder(tx, req.params.id));
    if (!row) throw notFound('order');
    return presentOrder(ctx.keys, row);
  });
};
