import type { RouteModule } from '../../http/routes.ts';
import { consentHistory, consentProof, createNotice, currentConsents, listNotices, recordConsent, withdrawConsent } from '../../consents/index.ts';
import { assertSubjectInTenant } from '../../consents/subjects.ts';
import { canPublishConsentNotice } from '../../auth/permissions.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import { idempotencyKeyOf, idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { ledgerActorOf, merchantOf, tenantSubject } from './access.ts';
import { presentConsent, presentNotice, presentProof } from './presenter.ts';
import {
  ConsentCreate, ConsentOut, ConsentsOut, ConsentWithdraw, NoticeCreate, NoticeList, NoticeOut, ProofOut, RecordParams, SubjectParams,
} from './schema.ts';

const tags = ['consents'];

/**
 * The merchant's consent ledger API: record (give or withdraw) per purpose, read current state
 * and history, print proof; publish the notices consent is asked with.
 * @clause C22 @clause C19 @clause C03
 */
export const consentRoutes: RouteModule = (app, ctx) => {
  app.post('/api/subjects/:type/:id/consents', { schema: { params: SubjectParams, body: ConsentCreate, response: { 201: ConsentOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const key = idempotencyKeyOf(req);
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => {
      const row = await recordConsent({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...req.body, subject, idempotencyKey: key });
      return { status: 201, body: presentConsent(row) };
    });
    return sendIdempotent(reply, r);
  });

  app.post('/api/subjects/:type/:id/consents/withdraw', { schema: { params: SubjectParams, body: ConsentWithdraw, response: { 201: ConsentOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const key = idempotencyKeyOf(req);
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => {
      const row = await withdrawConsent({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...req.body, subject, idempotencyKey: key });
      return { status: 201, body: presentConsent(row) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subjects/:type/:id/consents', { schema: { params: SubjectParams, response: { 200: ConsentsOut }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      await assertSubjectInTenant(tx, subject);
      const [current, history] = [await currentConsents(tx, subject), await consentHistory(tx, subject)];
      return { current: current.map(presentConsent), history: history.map(presentConsent) };
    });
  });

  app.get('/api/consents/:recordId/proof', { schema: { params: RecordParams, response: { 200: ProofOut }, tags } }, async (req) => {
    const actor = merchantOf(req);
    return presentProof(await inTenant(ctx.db, actor.tenantId, (tx) => consentProof(tx, req.params.recordId)));
  });

  app.post('/api/consent-notices', { schema: { body: NoticeCreate, response: { 201: NoticeOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    if (!canPublishConsentNotice(actor)) throw forbidden('role_forbidden', 'Only an owner or admin publishes consent notices');
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => ({
      status: 201,
      body: presentNotice(await createNotice({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), actor.tenantId, req.body)),
    }));
    return sendIdempotent(reply, r);
  });

  app.get('/api/consent-notices', { schema: { response: { 200: NoticeList }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) => listNotices(tx, 'tenant'));
    return { items: rows.map(presentNotice) };
  });
};
