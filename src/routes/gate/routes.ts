import type { RouteModule } from '../../http/routes.ts';
import { loadSnapshot } from '../../consents/snapshot.ts';
import { assertSubjectInTenant } from '../../consents/subjects.ts';
import { inTenant } from '../../db/scope.ts';
import { CAN } from '../../auth/permissions.ts';
import { badRequest } from '../../errors.ts';
import { decide, requireAllowed } from '../../domain/gate.ts';
import { denialError } from '../../domain/gate-errors.ts';
import type { FeatureName } from '../../domain/features.ts';
import { isUseKey } from '../../domain/taxonomy/index.ts';
import { merchantOf, tenantSubject } from '../consents/access.ts';
import { GateAllowOut, GateDecideBody } from './schema.ts';

/** The features a merchant's server may ask about: what its bots and lists do with its subjects. */
const TENANT_FEATURES: ReadonlySet<string> = new Set<FeatureName>(['messaging.broadcast', 'buyers.marketing_list', 'exports.subject', 'analytics.collect']);

/**
 * Asks the gate before acting: 200 with the basis that allows, or the refusal as problem+json
 * (`consent_missing`, `processing_restricted`, …). A merchant's bot calls this before it messages.
 * @clause C22 @clause C19 @clause C34 @clause C28
 */
export const gateRoutes: RouteModule = (app, ctx) => {
  app.post('/api/gate/decide', {
    config: { feature: 'gate.decide', can: CAN.manageConsents, subject: { admit: 'per_subject', why: 'The advisory gate itself: decides for the subject the body names and returns no personal value' } },
    schema: { body: GateDecideBody, response: { 200: GateAllowOut }, tags: ['gate'] } }, async (req) => {
    const actor = merchantOf(req);
    const b = req.body;
    const feature = (b.feature ?? 'messaging.broadcast') as FeatureName;
    if (!TENANT_FEATURES.has(feature)) throw badRequest('unknown_feature', 'Ask about one of: ' + [...TENANT_FEATURES].join(', '));
    if (b.use !== undefined && !isUseKey(b.use)) throw denialError('unknown_use');
    const subject = tenantSubject(actor, b.subject);
    const snapshot = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      await assertSubjectInTenant(tx, subject);
      return loadSnapshot(tx, subject);
    });
    const decision = decide(snapshot, {
      feature, subject: { type: subject.type, id: subject.id, tenantId: subject.tenantId },
      purpose: b.purpose, categories: b.categories, at: Date.now(),
      ...(b.use !== undefined && isUseKey(b.use) ? { use: b.use } : {}),
    });
    const allow = requireAllowed(decision);
    return { allow: true as const, basis: allow.basis, evidence: allow.evidence, clause: allow.clause, feature };
  });
};
