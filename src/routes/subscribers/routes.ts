import type { RouteModule } from '../../http/routes.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden, notFound } from '../../errors.ts';
import { canReadSubjects, isUser } from '../../auth/permissions.ts';
import { SubscriberList, SubscriberListQuery, SubscriberOut, SubscriberParams } from './schema.ts';
import { presentSubscriber, SUBSCRIBER_COLUMNS, type SubscriberRow } from './presenter.ts';

export const subscriberRoutes: RouteModule = (app, ctx) => {
  app.get('/api/subscribers/:id', { schema: { params: SubscriberParams, response: { 200: SubscriberOut }, tags: ['subscribers'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    // No tenant filter needed: row-level security shows only this tenant's rows.
    const [row] = await inTenant(ctx.db, actor.tenantId, (tx) =>
      tx.query<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1`, [req.params.id]),
    );
    if (!row) throw notFound('subscriber');
    return presentSubscriber(row);
  });

  app.get('/api/subscribers', { schema: { querystring: SubscriberListQuery, response: { 200: SubscriberList }, tags: ['subscribers'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    const { limit, cursor } = req.query;
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) =>
      tx.query<SubscriberRow>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE ($1::timestamptz IS NULL OR created_at < $1) ORDER BY created_at DESC LIMIT $2`,
        [cursor ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(presentSubscriber),
      nextCursor: rows.length > limit ? new Date(page.at(-1)!.created_at).toISOString() : null,
    };
  });
};
