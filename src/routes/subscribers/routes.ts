import type { RouteModule } from '../../http/routes.ts';
import { tenantRead, inTenant } from '../../db/scope.ts';
import { notFound } from '../../errors.ts';
import { CAN } from '../../auth/permissions.ts';
import { SubscriberCreate, SubscriberList, SubscriberListQuery, SubscriberOut, SubscriberParams } from './schema.ts';
import { recordAudit } from '../../audit/log.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { insertSubscriber, listSubscribers } from '../../subjects/subscribers.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { pathSubject, type Locator } from '../../http/declare.ts';
import { currentProcessing } from '../../http/processing.ts';
import { newSubscriberRecords } from '../../subjects/admission.ts';
import { presentSubscriber, SUBSCRIBER_COLUMNS, type SubscriberRow } from './presenter.ts';

const tags = ['subscribers'];

/** A Subscriber being created: the gate decides on the basis the request records (C10). */
const newSubscriber: Locator = {
  describe: 'the Subscriber being created', pure: true,
  tenant: (req) => (req.actor.kind === 'user' ? req.actor.tenantId : null),
  find: (req, tenantId) => newSubscriberRecords(tenantId, req.body as { legalBasis: string; source: string }),
};

export const subscriberRoutes: RouteModule = (app, ctx) => {
  app.get('/api/subscribers/:id', {
    config: { feature: 'subscribers.read', can: CAN.readSubjects, subject: { admit: 'gate', locate: pathSubject('subscriber') } },
    schema: { params: SubscriberParams, response: { 200: SubscriberOut }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    // No tenant filter needed: row-level security shows only this tenant's rows.
    const [row] = await tenantRead<SubscriberRow>(ctx.db, actor.tenantId, `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1`, [req.params.id]);
    if (!row) throw notFound('subscriber');
    return presentSubscriber(ctx.keys, row);
  });

  app.get('/api/subscribers', {
    config: { feature: 'subscribers.read', can: CAN.readSubjects, subject: { admit: 'many', why: 'A page of the tenant\'s contacts; their content stays behind the purpose wall' } },
    schema: { querystring: SubscriberListQuery, response: { 200: SubscriberList }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const { rows, nextCursor } = await inTenant(ctx.db, actor.tenantId, (tx) => listSubscribers(tx, req.query));
    return { items: rows.map((r) => presentSubscriber(ctx.keys, r)), nextCursor };
  });

  app.post('/api/subscribers', {
    config: { feature: 'subscribers.create', can: CAN.writeSubjects, subject: { admit: 'gate', locate: newSubscriber } },
    schema: { body: SubscriberCreate, response: { 201: SubscriberOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    // The id the gate admitted; the row and its audit entry commit together or not at all.
    const id = currentProcessing()!.subject!.id;
    // The replayed answer names the person: it is stored sealed (C07).
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const row = await insertSubscriber(tx, ctx.keys, actor.tenantId, { ...b, id });
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'subscriber.created',
        target: { type: 'subscriber', id }, details: { legalBasis: b.legalBasis, channel: b.channel },
      });
      return { status: 201, body: presentSubscriber(ctx.keys, row) };
    });
    return sendIdempotent(reply, r);
  });
};
