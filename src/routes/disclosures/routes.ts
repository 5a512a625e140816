import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
const PER_SUBJECT = { admit: 'per_subject', why: 'recordDisclosure asks the gate for every subject it names' } as const;
const LIST = { admit: 'many', why: 'Ledger entries name subjects by id only' } as const;
import { auditActor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/log.ts';
import { canReadDisclosures, canRecordDisclosure, isStaff, isUser } from '../../auth/permissions.ts';
import { inTenant } from '../../db/scope.ts';
import { auditingRefusal, getDisclosure, recordDisclosureIn } from '../../disclosures/ledger.ts';
import { listDisclosures, listDisclosuresForSubject } from '../../disclosures/queries.ts';
import type { Sql } from '../../db/index.ts';
import { badRequest, forbidden, notFound } from '../../errors.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { AccessReason, AccessReasonHeaders, TenantParams } from '../staff-tenants/schema.ts';
import { presentDisclosure } from './presenter.ts';
import { DisclosureCreate, DisclosureList, DisclosureListQuery, DisclosureOut, DisclosureParams } from './schema.ts';
import { z } from 'zod';

const tags = ['disclosures'];
type ListQuery = z.infer<typeof DisclosureListQuery>;

/** A page of the ledger, or everything naming one subject when the query names one. */
async function ledgerPage(tx: Sql, q: ListQuery) {
  if ((q.subjectType === undefined) !== (q.subjectId === undefined)) throw badRequest('subject_filter_incomplete', 'Give both subjectType and subjectId, or neither');
  if (q.subjectType && q.subjectId) return { items: (await listDisclosuresForSubject(tx, { type: q.subjectType, id: q.subjectId })).map(presentDisclosure), nextCursor: null };
  const page = await listDisclosures(tx, q);
  return { items: page.items.map(presentDisclosure), nextCursor: page.nextCursor };
}

const reasonOf = (header: unknown): string => {
  const reason = AccessReason.safeParse(header ?? '');
  if (!reason.success) throw badRequest('access_reason_required', 'Say why you need this data in the x-access-reason header (at least 10 characters)');
  return reason.data;
};

/**
 * The disclosure ledger (C03, C04, C23, C26, C27). A merchant records and reads its own;
 * ECOMKEY's privacy officer records legal disclosures on a tenant's data, with a reason.
 */
export const disclosureRoutes: RouteModule = (app, ctx) => {
  app.post('/api/disclosures', { config: { feature: 'disclosures.record', can: CAN.recordDisclosure, subject: PER_SUBJECT }, schema: { body: DisclosureCreate, response: { 201: DisclosureOut }, tags } }, async (req, reply) => {
    const actor = req.actor;
    if (!isUser(actor) || !canRecordDisclosure(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin records disclosures');
    const tenantId = actor.tenantId;
    const r = await auditingRefusal(ctx, actor, tenantId, req.body, undefined, () =>
      idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId }, async (tx) => ({ status: 201, body: presentDisclosure(await recordDisclosureIn(ctx, tx, actor, tenantId, req.body)) })),
    );
    return sendIdempotent(reply, r);
  });

  app.get('/api/disclosures', { config: { feature: 'disclosures.record', can: CAN.readDisclosures, subject: LIST }, schema: { querystring: DisclosureListQuery, response: { 200: DisclosureList }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadDisclosures(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    return inTenant(ctx.db, actor.tenantId, (tx) => ledgerPage(tx, req.query));
  });

  app.get('/api/disclosures/:id', { config: { feature: 'disclosures.record', can: CAN.readDisclosures, subject: LIST }, schema: { params: DisclosureParams, response: { 200: DisclosureOut }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canReadDisclosures(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    return presentDisclosure(await getDisclosure(ctx, actor.tenantId, req.params.id));
  });

  const staff = { access: 'staff' as const };
  const staffTags = ['staff'];

  app.post(
    '/api/staff/tenants/:tenantId/disclosures',
    { config: { ...staff, feature: 'disclosures.record', can: CAN.recordDisclosureStaff, subject: PER_SUBJECT }, schema: { params: TenantParams, headers: AccessReasonHeaders, body: DisclosureCreate, response: { 201: DisclosureOut }, tags: staffTags } },
    async (req, reply) => {
      const actor = req.actor;
      if (!isStaff(actor) || !canRecordDisclosure(actor)) throw forbidden('privacy_officer_only', 'Only the privacy officer records disclosures');
      const reason = reasonOf(req.headers['x-access-reason']);
      const tenantId = req.params.tenantId;
      const [tenant] = await ctx.db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
      if (!tenant) throw notFound('tenant');
      const r = await auditingRefusal(ctx, actor, tenantId, req.body, reason, () =>
        idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId, scope: 'staff' }, async (tx) => ({
          status: 201, body: presentDisclosure(await recordDisclosureIn(ctx, tx, actor, tenantId, req.body, reason)),
        })),
      );
      return sendIdempotent(reply, r);
    },
  );

  app.get(
    '/api/staff/tenants/:tenantId/disclosures',
    { config: { ...staff, feature: 'disclosures.record', can: CAN.readDisclosuresStaff, subject: LIST }, schema: { params: TenantParams, headers: AccessReasonHeaders, querystring: DisclosureListQuery, response: { 200: DisclosureList }, tags: staffTags } },
    async (req) => {
      const actor = req.actor;
      if (!isStaff(actor) || !canReadDisclosures(actor)) throw forbidden('privacy_officer_only', 'Only the privacy officer reads a tenant\'s ledger');
      const reason = reasonOf(req.headers['x-access-reason']);
      const tenantId = req.params.tenantId;
      const [tenant] = await ctx.db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
      if (!tenant) throw notFound('tenant');
      // The read and the record of who read it, and why, share one transaction.
      return inTenant(ctx.db, tenantId, async (tx) => {
        const page = await ledgerPage(tx, req.query);
        await recordAudit(tx, ctx.keys.audit, {
          tenantId, actor: auditActor(actor), action: 'staff.disclosures_read', target: { type: 'tenant', id: tenantId }, reason,
          details: { resource: 'disclosures', count: page.items.length, staffRole: actor.role },
        });
        return page;
      });
    },
  );
};
