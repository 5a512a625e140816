import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import { auditActor, type StaffActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { liftRestriction, listRestrictions, objectToProcessing, restrictProcessing } from '../../consents/index.ts';
import type { LedgerActor } from '../../consents/types.ts';
import { inTenant } from '../../db/scope.ts';
import { rowSubject, typedPathSubject } from '../../http/declare.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { ledgerActorOf, merchantOf, tenantSubject } from '../consents/access.ts';
import { SubjectParams } from '../consents/schema.ts';
import { presentRestriction } from './presenter.ts';
import { RestrictionCreate, RestrictionLift, RestrictionList, RestrictionOut, StaffRestrictionParams } from './schema.ts';

const tags = ['restrictions'];
const ledger = { admit: 'ledger', locate: typedPathSubject, why: 'The subject\'s own restrictions and objections: recorded whatever they restricted before' } as const;

/**
 * Restrictions and objections a subject asked the merchant to record. The subject lifts their
 * own in the privacy center; ECOMKEY's privacy officer lifts one only on a legal ground of the
 * taxonomy, citing it. A merchant never lifts one.
 * @clause C34
 */
export const restrictionRoutes: RouteModule = (app, ctx) => {
  app.post('/api/subjects/:type/:id/restrictions', {
    config: { feature: 'restrictions.manage', can: CAN.manageConsents, subject: ledger },
    schema: { params: SubjectParams, body: RestrictionCreate, response: { 201: RestrictionOut }, tags },
  }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const { kind, ...rest } = req.body;
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const write = kind === 'objection' ? objectToProcessing : restrictProcessing;
      return { status: 201, body: presentRestriction(await write({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...rest, subject })) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subjects/:type/:id/restrictions', {
    config: { feature: 'restrictions.manage', can: CAN.manageConsents, subject: ledger },
    schema: { params: SubjectParams, response: { 200: RestrictionList }, tags },
  }, async (req) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) => listRestrictions(tx, subject));
    return { items: rows.map(presentRestriction) };
  });

  app.post('/api/staff/tenants/:tenantId/restrictions/:id/lift', {
    config: {
      access: 'staff', feature: 'restrictions.lift', can: CAN.liftOnLegalGround,
      subject: {
        admit: 'ledger', why: 'Lifting is the legal ground\'s override, cited and audited',
        locate: rowSubject('the subject of a restriction', 'SELECT subject_type, subject_id FROM processing_restrictions WHERE id = $1', 'id',
          (req) => (req.params as { tenantId: string }).tenantId),
      },
    },
    schema: { params: StaffRestrictionParams, body: RestrictionLift, response: { 200: RestrictionOut }, tags: ['staff'] },
  }, async (req) => {
    const actor = req.actor as StaffActor;
    const row = await inTenant(ctx.db, req.params.tenantId, (tx) =>
      liftRestriction({ tx, auditKey: ctx.keys.audit }, auditActor(actor) as LedgerActor, {
        restrictionId: req.params.id, by: 'legal_ground', ground: req.body.ground, reference: req.body.reference,
      }),
    );
    return presentRestriction(row);
  });
};
