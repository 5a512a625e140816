import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import { consentHistory, consentProof, createNotice, currentConsents, listNotices, recordConsent, withdrawConsent } from '../../consents/index.ts';
import { CAN, canPublishConsentNotice } from '../../auth/permissions.ts';
import { rowSubject, typedPathSubject } from '../../http/declare.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import { idempotencyKeyOf, idempotent, requestHash, sendIdempotent } from '../../http/idempotency.ts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { recordConsentBatched } from '../../consents/batch.ts';
import type { LedgerActor, SubjectRef } from '../../consents/types.ts';
import { isCategoryKey, isPurposeKey } from '../../domain/taxonomy/index.ts';
import { currentProcessing } from '../../http/processing.ts';
import { ledgerActorOf, merchantOf, tenantSubject } from './access.ts';
import { presentConsent, presentNotice, presentProof } from './presenter.ts';
import {
  ConsentCreate, ConsentOut, ConsentsOut, ConsentWithdraw, NoticeCreate, NoticeList, NoticeOut, ProofOut, RecordParams, SubjectParams,
} from './schema.ts';

type ConsentCreateBody = z.infer<typeof ConsentCreate>;
type ConsentOutBody = z.infer<typeof ConsentOut>;

const tags = ['consents'];

/**
 * The hot path of a bot recording consents: a consent given, with its notice, goes into its
 * tenant's next group commit (`src/consents/batch.ts`). Null when the batch could not take it
 * (a withdrawal, an unknown key, a replay, anything not plain): the caller records it alone.
 */
async function recordInBatch(ctx: AppContext, req: FastifyRequest, body: ConsentCreateBody, actor: LedgerActor, subject: SubjectRef, key: string | null): Promise<ConsentOutBody | null> {
  const b = body;
  if (b.given !== true || !b.noticeId || !isPurposeKey(b.purpose) || (b.category !== undefined && !isCategoryKey(b.category))) return null;
  const out = await recordConsentBatched(ctx.db, { audit: ctx.keys.audit, ring: keyringFor(ctx.config) }, {
    subject, actor, purpose: b.purpose, category: b.category ?? null, noticeId: b.noticeId, method: b.method, evidence: b.evidence ?? null,
    marketing: b.marketing ?? false, disclosure: b.disclosure ?? false,
    idempotency: key === null ? null : { key, requestHash: requestHash(req) }, present: presentConsent,
  });
  if (out.kind !== 'recorded') return null;
  // The batch checked the subject is the tenant's: that is the whole of a ledger admission.
  currentProcessing()?.pending?.settlePresent(true);
  return out.body as ConsentOutBody;
}
const ledger = { admit: 'ledger', locate: typedPathSubject, why: 'The subject\'s own consents: given and withdrawn whatever they restricted' } as const;
const record = (feature: 'consents.record' | 'consents.read') => ({ feature, can: CAN.manageConsents, subject: ledger });

/**
 * The merchant's consent ledger API: record (give or withdraw) per purpose, read current state
 * and history, print proof; publish the notices consent is asked with.
 * @clause C22 @clause C19 @clause C03
 */
export const consentRoutes: RouteModule = (app, ctx) => {
  app.post('/api/subjects/:type/:id/consents', { config: record('consents.record'), schema: { params: SubjectParams, body: ConsentCreate, response: { 201: ConsentOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const key = idempotencyKeyOf(req);
    const batched = await recordInBatch(ctx, req, req.body, ledgerActorOf(actor), subject, key);
    if (batched) return reply.code(201).send(batched);
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const row = await recordConsent({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...req.body, subject, idempotencyKey: key });
      return { status: 201, body: presentConsent(row) };
    });
    return sendIdempotent(reply, r);
  });

  app.post('/api/subjects/:type/:id/consents/withdraw', { config: record('consents.record'), schema: { params: SubjectParams, body: ConsentWithdraw, response: { 201: ConsentOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    const key = idempotencyKeyOf(req);
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const row = await withdrawConsent({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), { ...req.body, subject, idempotencyKey: key });
      return { status: 201, body: presentConsent(row) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subjects/:type/:id/consents', { config: record('consents.read'), schema: { params: SubjectParams, response: { 200: ConsentsOut }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const subject = tenantSubject(actor, req.params);
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [current, history] = [await currentConsents(tx, subject), await consentHistory(tx, subject)];
      return { current: current.map(presentConsent), history: history.map(presentConsent) };
    });
  });

  app.get('/api/consents/:recordId/proof', {
    config: {
      feature: 'consents.read', can: CAN.manageConsents,
      subject: { admit: 'ledger', why: 'The proof of a consent the subject gave', locate: rowSubject('the subject of a consent record', 'SELECT subject_type, subject_id FROM consent_records WHERE id = $1', 'recordId') },
    },
    schema: { params: RecordParams, response: { 200: ProofOut }, tags } }, async (req) => {
    const actor = merchantOf(req);
    return presentProof(await inTenant(ctx.db, actor.tenantId, (tx) => consentProof(tx, req.params.recordId)));
  });

  app.post('/api/consent-notices', { config: { noPersonalData: 'Publishes the wording consent is asked with' }, schema: { body: NoticeCreate, response: { 201: NoticeOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    if (!canPublishConsentNotice(actor)) throw forbidden('role_forbidden', 'Only an owner or admin publishes consent notices');
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => ({
      status: 201,
      body: presentNotice(await createNotice({ tx, auditKey: ctx.keys.audit }, ledgerActorOf(actor), actor.tenantId, req.body)),
    }));
    return sendIdempotent(reply, r);
  });

  app.get('/api/consent-notices', { config: { noPersonalData: 'The tenant\'s published consent wording' }, schema: { response: { 200: NoticeList }, tags } }, async (req) => {
    const actor = merchantOf(req);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) => listNotices(tx, 'tenant'));
    return { items: rows.map(presentNotice) };
  });
};
