import type { RouteModule } from '../../http/routes.ts';
import { liftRestriction, listRestrictions, objectToProcessing, restrictProcessing } from '../../consents/index.ts';
import { assertSubjectInTenant } from '../../consents/subjects.ts';
import { inTenant } from '../../db/scope.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { ledgerActorOf, merchantOf, tenantSubject } from '../consents/access.ts';
import { SubjectParams } from '../consents/schema.ts';
import { presentRestriction } from './presenter.ts';
import { RestrictionCreate, RestrictionLift, RestrictionList, RestrictionOut, RestrictionParams } from './schema.ts';

const tags = ['restrictions'];

/**
 * Restrictions and objections a subject asked the merchant to record, and their lifting on a
 * legal ground. The subject records and lifts their own in the privacy center.
 * @clause C34
 */
export const restrictionRoutes: RouteModule = (app, ctx) => {
  app.post('/api/subjects/:type/:id/restrictions', { schema: { params: SubjectParams, body: RestrictionCreate, response: { 201: RestrictionOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const { kind, ...rest } = req.body;
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => {
      const write = kind === 'objection' ? objectToProcessing : restrictProcessing;
      return { status: 201, body: presentRestriction(await write({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...rest, subject })) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subjects/:type/:id/restrictions', { schema: { params: SubjectParams, response: { 200: RestrictionList }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const rows = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      await assertSubjectInTenant(tx, subject);
      return listRestrictions(tx, subject);
    });
    return { items: rows.map(presentRestriction) };
  });

  app.post('/api/restrictions/:id/lift', { schema: { params: RestrictionParams, body: RestrictionLift, response: { 200: RestrictionOut }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) =>
      liftRestriction({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { restrictionId: req.params.id, by: req.body.by, reference: req.body.reference ?? null }),
    );
    return presentRestriction(row);
  });
};
