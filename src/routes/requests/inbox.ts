import type { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { auditActor, type Actor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import type { Sql } from '../../db/index.ts';
import { inPlatform, inTenant } from '../../db/scope.ts';
import { notFound } from '../../errors.ts';
import { startFulfilment } from '../../dsr/fulfil.ts';
import { listRequests, requestDetail, type RequestDetail as Detail } from '../../dsr/inbox.ts';
import { acknowledgeRequest, extendRequest, fileRequest, findRequest, transition, type RequestRow } from '../../dsr/requests.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import type { RouteModule } from '../../http/routes.ts';
import { DenyBody, ExtendBody, FiledOut, InboxCreate, InboxList, InboxQuery, RequestDetail, RequestParams } from './inbox-schema.ts';
import { presentRequest } from './presenter.ts';

const tags = ['requests'];
const LIST = { admit: 'many', why: 'A list of requests: ids, states and dates, no one\'s data' } as const;
const ONE = { admit: 'many', why: 'One request: its states, steps and counts per table, never a value' } as const;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const presentDetail = (d: Detail): z.infer<typeof RequestDetail> => ({
  ...presentRequest(d.row),
  events: d.events.map((e) => ({ ...e, at: iso(e.at)! })),
  steps: d.steps.map((s) => ({ ...s, updatedAt: iso(s.updatedAt) })),
  processors: d.processors.map((p) => ({ ...p, deliveredAt: iso(p.deliveredAt), acknowledgedAt: iso(p.acknowledgedAt) })),
  found: d.found, citation: d.citation,
});

const who = (a: Actor) => auditActor(a) as { type: 'user' | 'staff' | 'api_key'; id: string | null };

/** The request, if it is the actor's tenant's: another tenant's request and no request look the same. */
async function ownRequest(tx: Sql, actor: UserActor, id: string): Promise<RequestRow> {
  const r = await findRequest(tx, id);
  if (!r || r.tenant_id !== actor.tenantId) throw notFound('request');
  return r;
}

/** Reads a request's detail with platform rights (the map reaches account tables), for its own tenant only. */
export async function detailFor(ctx: AppContext, tenantId: string | null, id: string): Promise<Detail> {
  return inPlatform(ctx.db, async (tx) => {
    const d = await requestDetail(ctx, tx, id);
    if (tenantId !== null && d.row.tenant_id !== tenantId) throw notFound('request');
    return d;
  });
}

/**
 * The merchant's inbox of subject requests (C11, C33): due date and time left, state, counts
 * found per table and category (never values), and the actions — verify, fulfil, deny with a
 * reason, extend once with a reason, acknowledge, cancel. ECOMKEY's privacy officer sees every
 * tenant's requests, the same way.
 */
export const inboxRoutes: RouteModule = (app, ctx) => {
  const audit = { auditKey: ctx.keys.audit };
  const ring = keyringFor(ctx.config);
  const member = { feature: 'requests.inbox', can: CAN.manageConsents } as const;

  app.get('/api/requests', { config: { ...member, subject: LIST }, schema: { querystring: InboxQuery, response: { 200: InboxList }, tags } }, async (req) => {
    const actor = req.actor as UserActor;
    const { rows, counts } = await inTenant(ctx.db, actor.tenantId, (tx) => listRequests(tx, { state: req.query.state, overdue: req.query.overdue === '1' }));
    return { items: rows.map((r) => presentRequest(r)), counts };
  });

  app.get('/api/requests/:id', { config: { ...member, subject: ONE }, schema: { params: RequestParams, response: { 200: RequestDetail }, tags } }, async (req) =>
    presentDetail(await detailFor(ctx, (req.actor as UserActor).tenantId, req.params.id)));

  app.post('/api/requests', { config: { ...member, subject: LIST }, schema: { body: InboxCreate, response: { 201: FiledOut }, tags } }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const b = req.body;
    const r = await idempotent(ctx.db, req, { ring, tenantId: actor.tenantId }, async (tx) => {
      const [s] = await tx.query(`SELECT 1 FROM ${b.subject.type === 'subscriber' ? 'subscribers' : 'buyers'} WHERE id = $1`, [b.subject.id]);
      if (!s) throw notFound('subject');
      const filed = await fileRequest(tx, audit, {
        tenantId: actor.tenantId, subject: b.subject, kind: b.kind, source: 'merchant', receivedVia: b.receivedVia, evidenceRef: b.evidenceRef,
        actor: who(actor), verified: b.identityVerified, purpose: b.purpose ?? null, gdpr: b.gdpr ?? false,
      });
      return { status: 201, body: { request: presentRequest(filed.request), duplicateOf: filed.duplicateOf } };
    });
    return sendIdempotent(reply, r);
  });

  type Act = (tx: Sql, r: RequestRow, actor: UserActor, body: never) => Promise<RequestRow>;
  const action = (path: string, act: Act, body?: typeof DenyBody | typeof ExtendBody) =>
    app.post(`/api/requests/:id/${path}`, { config: { ...member, subject: ONE }, schema: { params: RequestParams, ...(body ? { body } : {}), tags } }, async (req) => {
      const actor = req.actor as UserActor;
      await inTenant(ctx.db, actor.tenantId, async (tx) => act(tx, await ownRequest(tx, actor, req.params.id), actor, req.body as never));
      return presentDetail(await detailFor(ctx, actor.tenantId, req.params.id));
    });

  action('verify', (tx, r, a) => transition(tx, audit, r.id, 'verified', { actor: who(a), code: 'verified_by_merchant', set: { confirmed_at: new Date() } }));
  action('fulfil', (tx, r, a) => startFulfilment(tx, ctx, r.id, who(a)));
  action('deny', (tx, r, a, b: { reason: string }) => transition(tx, audit, r.id, 'denied', { actor: who(a), code: b.reason, set: { deny_reason: b.reason } }), DenyBody);
  action('cancel', (tx, r, a) => transition(tx, audit, r.id, 'canceled', { actor: who(a), code: 'canceled_by_merchant' }));
  action('extend', (tx, r, a, b: { reason: 'complexity' }) => extendRequest(tx, audit, r.id, b.reason, who(a)), ExtendBody);
  action('acknowledge', (tx, r, a) => acknowledgeRequest(tx, audit, r.id, who(a)));

  // ECOMKEY's privacy officer, across tenants: the same list, ids and dates only.
  const staff = { access: 'staff' as const, feature: 'requests.inbox' as const, can: CAN.readDisclosuresStaff };
  app.get('/api/staff/requests', { config: { ...staff, subject: LIST }, schema: { querystring: InboxQuery, response: { 200: InboxList }, tags: ['staff'] } }, async (req) => {
    const { rows, counts } = await inPlatform(ctx.db, (tx) => listRequests(tx, { state: req.query.state, overdue: req.query.overdue === '1' }));
    return { items: rows.map((r) => presentRequest(r)), counts };
  });
  // The privacy officer answers ECOMKEY's own subjects' requests (a Customer's correction or erasure).
  app.post('/api/staff/requests/:id/fulfil', { config: { ...staff, subject: ONE }, schema: { params: RequestParams, response: { 200: RequestDetail }, tags: ['staff'] } }, async (req) => {
    await inPlatform(ctx.db, (tx) => startFulfilment(tx, ctx, req.params.id, who(req.actor)));
    return presentDetail(await detailFor(ctx, null, req.params.id));
  });
  app.get('/api/staff/requests/:id', { config: { ...staff, subject: ONE }, schema: { params: RequestParams, response: { 200: RequestDetail }, tags: ['staff'] } }, async (req) =>
    presentDetail(await detailFor(ctx, null, req.params.id)));
};
