import type { RouteModule } from '../../http/routes.ts';
import { inTenant, tenantRead } from '../../db/scope.ts';
import { forbidden, notFound } from '../../errors.ts';
import { canReadSubjects, canWriteSubjects, isUser } from '../../auth/permissions.ts';
import { SubscriberCreate, SubscriberList, SubscriberListQuery, SubscriberOut, SubscriberParams } from './schema.ts';
import { recordAudit } from '../../audit/log.ts';
import { insertSubscriber, listSubscribers } from '../../subjects/subscribers.ts';
import { auditActor } from '../../auth/actor.ts';
import { presentSubscriber, SUBSCRIBER_COLUMNS, type SubscriberRow } from './presenter.ts';

export const subscriberRoutes: RouteModule = (app, ctx) => {
  app.get('/api/subscribers/:id', { schema: { params: SubscriberParams, response: { 200: SubscriberOut }, tags: ['subscribers'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    // No tenant filter needed: row-level security shows only this tenant's rows.
    const [row] = await tenantRead<SubscriberRow>(ctx.db, actor.tenantId, `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1`, [req.params.id]);
    if (!row) throw notFound('subscriber');
    return presentSubscriber(ctx.keys, row);
  });

  app.get('/api/subscribers', { schema: { querystring: SubscriberListQuery, response: { 200: SubscriberList }, tags: ['subscribers'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    const { rows, nextCursor } = await inTenant(ctx.db, actor.tenantId, (tx) => listSubscribers(tx, req.query));
    return { items: rows.map((r) => presentSubscriber(ctx.keys, r)), nextCursor };
  });

  app.post('/api/subscribers', { schema: { body: SubscriberCreate, response: { 201: SubscriberOut }, tags: ['subscribers'] } }, async (req, reply) => {
    const actor = req.actor;
    if (!isUser(actor) || !canWriteSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    const b = req.body;
    // The row and its audit entry commit together or not at all.
    const row = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const r = await insertSubscriber(tx, ctx.keys, actor.tenantId, b);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'subscriber.created',
        target: { type: 'subscriber', id: r.id }, details: { legalBasis: b.legalBasis, source: b.source },
      });
      return r;
    });
    return reply.code(201).send(presentSubscriber(ctx.keys, row));
  });
};
