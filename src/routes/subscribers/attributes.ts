import type { RouteModule } from '../../http/routes.ts';
import { checkFields, fieldDefs, mergeAttributes, openAttributes, sealAttributes, type FieldValue } from '../../channels/attributes.ts';
import { recordAudit } from '../../audit/log.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { pathSubject } from '../../http/declare.ts';
import { SubscriberParams } from './schema.ts';
import { AttributesOut, AttributesPatch, FieldCreate, FieldList, FieldOut } from './attributes-schema.ts';

const tags = ['subscribers'];

/** The shop's custom fields, and each Subscriber's tags and field values (sealed, typed). */
export const subscriberAttributeRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  const defsConfig = { noPersonalData: 'A shop\'s field definitions: a key, a heading and a type, no one\'s values' } as const;

  app.get('/api/subscriber-fields', { config: { ...defsConfig, can: CAN.readSubjects }, schema: { response: { 200: FieldList }, tags } }, async (req) => {
    const actor = req.actor as UserActor;
    return { items: await inTenant(ctx.db, actor.tenantId, (tx) => fieldDefs(tx)) };
  });

  app.post('/api/subscriber-fields', { config: { ...defsConfig, can: CAN.writeSubjects }, schema: { body: FieldCreate, response: { 201: FieldOut }, tags } }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const taken = await tx.query('SELECT 1 FROM subscriber_fields WHERE key = $1', [b.key]);
      if (taken.length > 0) throw conflict('field_exists', 'A field with this key exists');
      await tx.query('INSERT INTO subscriber_fields (tenant_id, key, label, type) VALUES ($1, $2, $3, $4)', [actor.tenantId, b.key, b.label, b.type]);
      await recordAudit(tx, ctx.keys.audit, { tenantId: actor.tenantId, actor: auditActor(actor), action: 'subscriber_field.created', details: { key: b.key, type: b.type } });
    });
    return reply.code(201).send(b);
  });

  const one = { feature: 'subscribers.attributes', subject: { admit: 'gate', locate: pathSubject('subscriber') } } as const;

  app.get('/api/subscribers/:id/attributes', {
    config: { ...one, can: CAN.readSubjects }, schema: { params: SubscriberParams, response: { 200: AttributesOut }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [s] = await tx.query<{ attributes: string | null }>('SELECT attributes FROM subscribers WHERE id = $1', [req.params.id]);
      if (!s) throw notFound('subscriber');
      return openAttributes(tx, ring, actor.tenantId, s.attributes);
    });
  });

  app.patch('/api/subscribers/:id/attributes', {
    config: { ...one, can: CAN.writeSubjects }, schema: { params: SubscriberParams, body: AttributesPatch, response: { 200: AttributesOut }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [s] = await tx.query<{ attributes: string | null }>('SELECT attributes FROM subscribers WHERE id = $1 FOR UPDATE', [req.params.id]);
      if (!s) throw notFound('subscriber');
      const given = (b.fields ?? {}) as Record<string, FieldValue | null>;
      const problems = checkFields(await fieldDefs(tx), given);
      // Field and code only: a value never comes back in an error (it may be personal).
      if (problems.length > 0) throw unprocessable('attributes_invalid', 'Some fields are not valid: nothing was changed', { problems });
      const next = mergeAttributes(await openAttributes(tx, ring, actor.tenantId, s.attributes), { tags: b.tags, fields: given });
      await tx.query('UPDATE subscribers SET attributes = $2 WHERE id = $1', [req.params.id, await sealAttributes(tx, ring, actor.tenantId, next)]);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'subscriber.attributes_changed', target: { type: 'subscriber', id: req.params.id },
        details: { fields: Object.keys(given).sort(), tags: b.tags !== undefined },
      });
      return next;
    });
  });
};
