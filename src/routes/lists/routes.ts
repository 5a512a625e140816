import type { RouteModule } from '../../http/routes.ts';
import { queueBroadcast } from '../../channels/broadcast.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/log.ts';
import { CAN } from '../../auth/permissions.ts';
import { loadSnapshot } from '../../consents/snapshot.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { decide, requireAllowed } from '../../domain/gate.ts';
import { notFound } from '../../errors.ts';
import { BroadcastCreate, BroadcastOut, ListCreate, ListOut, ListParams, MemberAdd, MemberOut } from './schema.ts';

const tags = ['lists'];

/**
 * Marketing lists (C19, C21): a Subscriber, Buyer or Customer joins only on a consent covering
 * marketing, whose record the membership names; a broadcast sends each member's copy through
 * the one send path, which asks the gate again per member.
 */
export const listRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);

  app.post('/api/lists', {
    config: { noPersonalData: 'A list\'s label and channel', can: CAN.writeSubjects },
    schema: { body: ListCreate, response: { 201: ListOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const [row] = await inTenant(ctx.db, actor.tenantId, (tx) => tx.query<{ id: string; label: string; channel: string; created_at: Date }>(
      'INSERT INTO marketing_lists (tenant_id, label, channel) VALUES ($1, $2, $3) RETURNING id, label, channel, created_at', [actor.tenantId, req.body.label, req.body.channel]));
    return reply.code(201).send({ id: row!.id, label: row!.label, channel: row!.channel, createdAt: new Date(row!.created_at).toISOString() });
  });

  app.post('/api/lists/:id/members', {
    config: {
      feature: 'marketing.lists', can: CAN.writeSubjects,
      subject: { admit: 'per_subject', why: 'The command asks the gate for the named member with the marketing_list use (C19, C21)' },
    },
    schema: { params: ListParams, body: MemberAdd, response: { 201: MemberOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const { subjectType, subjectId } = req.body;
    const ref = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [list] = await tx.query('SELECT id FROM marketing_lists WHERE id = $1', [req.params.id]);
      if (!list) throw notFound('list');
      const subject = { tenantId: actor.tenantId, type: subjectType, id: subjectId } as const;
      const allow = requireAllowed(decide(await loadSnapshot(tx, subject), {
        feature: 'marketing.lists', subject, purpose: 'contact', use: 'marketing_list', categories: ['user.unique_id', 'user.contact'], at: Date.now(),
      }));
      const evidence = allow.evidence ?? allow.basis;
      await tx.query(
        `INSERT INTO marketing_list_members (list_id, tenant_id, subject_type, subject_id, consent_ref) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (list_id, subject_type, subject_id) DO UPDATE SET consent_ref = EXCLUDED.consent_ref`,
        [req.params.id, actor.tenantId, subjectType, subjectId, evidence]);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: actor.tenantId, actor: auditActor(actor), action: 'list.member_added', target: { type: subjectType, id: subjectId }, details: { listId: req.params.id, consentRef: evidence },
      });
      return evidence;
    });
    return reply.code(201).send({ listId: req.params.id, subjectType, subjectId, consentRef: ref });
  });

  app.post('/api/lists/:id/broadcasts', {
    config: {
      feature: 'messaging.send', can: CAN.messageSubscribers,
      subject: { admit: 'per_subject', why: 'Each member\'s copy passes the send gate for that member (src/channels/outbound.ts)' },
    },
    schema: { params: ListParams, body: BroadcastCreate, response: { 202: BroadcastOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const out = await inTenant(ctx.db, actor.tenantId, (tx) => queueBroadcast(tx, { ring, auditKey: ctx.keys.audit, jobs: ctx.jobs }, { party: 'tenant', audit: auditActor(actor) }, {
      tenantId: actor.tenantId, listId: req.params.id, text: req.body.text,
    }));
    return reply.code(202).send(out);
  });
};
