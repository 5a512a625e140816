import { findTenantName } from '../../accounts/tenants.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import type { AppContext } from '../../app/context.ts';
import {
  consentHistory, currentConsents, findNotice, liftRestriction, listNotices, listRestrictions, objectToProcessing, recordConsent, restrictProcessing, withdrawConsent,
} from '../../consents/index.ts';
import { NOTICE_COLUMNS, type NoticeRow } from '../../consents/types.ts';
import type { Sql } from '../../db/index.ts';
import { CAN } from '../../auth/permissions.ts';
import { centerSubject } from './locator.ts';
import { inTenant } from '../../db/scope.ts';
import { notFound } from '../../errors.ts';
import { afterResponse } from '../../http/after-response.ts';
import { idempotent, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { endSubjectSession, redeemSignInLink, requestSignInLink, requireCenterPrincipal, centerPrincipal, setSubjectCookie, csrfForSubjectSession, type CenterPrincipal } from '../../privacy-center/auth.ts';
import { ConsentOut } from '../consents/schema.ts';
import { presentConsent, presentNotice } from '../consents/presenter.ts';
import { RestrictionOut } from '../restrictions/schema.ts';
import { presentRestriction } from '../restrictions/presenter.ts';
import {
  CenterConsentBody, CenterConsents, CenterRestrictionBody, MeOut, RestrictionIdParams, SessionBody, ShopOut, SignInBody, SignInOut, TenantParams,
} from './schema.ts';

// The privacy center authenticates for itself (a subject session or a Customer's session), so
// the guard lets these through and each handler resolves its principal.
const OPEN = { access: 'public', requiresAcceptance: false } as const;
const SIGN_IN = { feature: 'privacy_center.signin', can: CAN.anyone, subject: { admit: 'anonymous', why: 'The person asks for their own sign-in link or session' } } as const;
const tags = ['privacy-center'];

const scopeOf = (p: CenterPrincipal) => ({ tenantId: p.subject.tenantId, scope: `subject:${p.subject.type}:${p.subject.id}` });

/** Notices offered now (the controller's latest versions) plus those past records were given to. */
async function noticesFor(tx: Sql, p: CenterPrincipal, referenced: readonly string[]): Promise<NoticeRow[]> {
  const offered = await listNotices(tx, p.subject.type === 'customer' ? 'platform' : 'tenant');
  const have = new Set(offered.map((n) => n.id));
  const missing = [...new Set(referenced)].filter((id) => !have.has(id));
  const past = missing.length ? await tx.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM consent_notices WHERE id = ANY($1::uuid[])`, [missing]) : [];
  return [...offered, ...past];
}

async function shopName(ctx: AppContext, tenantId: string): Promise<string | undefined> {
  return findTenantName(ctx.db, keyringFor(ctx.config), tenantId, { open: true });
}

/**
 * The subject-facing privacy center: sign in by e-mail link, see every consent and when, give
 * or withdraw one with one click, restrict or object, and lift one's own restriction.
 * @clause C22 withdrawing is as easy as giving. @clause C34 the subject records and lifts their own.
 */
export const privacyCenterRoutes: RouteModule = (app, ctx) => {
  // The person signed in to the center is the subject of every request there: their own choices and rights.
  const own = centerSubject(ctx);
  const mine = { ...OPEN, feature: 'privacy_center.consents', can: CAN.anyone, subject: { admit: 'ledger', locate: own, why: 'The person\'s own consents and restrictions' } } as const;
  const signInLimit = { ...OPEN, ...SIGN_IN, rateLimit: { max: Math.max(10, Math.floor(ctx.config.rateLimitPerMinute / 20)), timeWindow: '1 minute' } };

  app.get('/api/privacy-center/:tenantId', { config: { ...OPEN, ...SIGN_IN }, schema: { params: TenantParams, response: { 200: ShopOut }, tags } }, async (req) => {
    const name = await shopName(ctx, req.params.tenantId);
    if (name === undefined) throw notFound('shop');
    return { tenantId: req.params.tenantId, name };
  });

  app.post('/api/privacy-center/:tenantId/sign-in', { config: signInLimit, schema: { params: TenantParams, body: SignInBody, response: { 202: SignInOut }, tags } }, async (req, reply) => {
    // The same answer, at the same speed, whether or not the address is on the shop's list.
    const { tenantId } = req.params;
    const { email, lang } = req.body;
    afterResponse(ctx, reply, 'privacy-center-link', () => requestSignInLink(ctx, tenantId, email, lang ?? 'vi'));
    return reply.code(202).send({ status: 'link_sent' as const });
  });

  app.post('/api/privacy-center/session', { config: signInLimit, schema: { body: SessionBody, response: { 200: MeOut }, tags } }, async (req, reply) => {
    const s = await redeemSignInLink(ctx, req.body.token);
    setSubjectCookie(reply, s.token);
    return { signedIn: true, as: 'subject' as const, subjectType: s.subject.type, tenantId: s.subject.tenantId, shop: await shopName(ctx, s.subject.tenantId), csrfToken: csrfForSubjectSession(ctx, s.hash) };
  });

  app.post('/api/privacy-center/sign-out', { config: { ...OPEN, ...SIGN_IN }, schema: { tags } }, async (req, reply) => {
    await requireCenterPrincipal(ctx, req, true);
    await endSubjectSession(ctx, req, reply);
    return reply.code(204).send();
  });

  app.get('/api/privacy-center/me', { config: { ...OPEN, ...SIGN_IN }, schema: { response: { 200: MeOut }, tags } }, async (req) => {
    const p = await centerPrincipal(ctx, req);
    if (!p) return { signedIn: false };
    const shop = p.via === 'customer_session' ? 'ECOMKEY' : await shopName(ctx, p.subject.tenantId);
    return { signedIn: true, as: p.via === 'customer_session' ? 'customer' as const : 'subject' as const, subjectType: p.subject.type, tenantId: p.subject.tenantId, shop, csrfToken: p.csrfToken };
  });

  app.get('/api/privacy-center/me/consents', { config: mine, schema: { response: { 200: CenterConsents }, tags } }, async (req) => {
    const p = await requireCenterPrincipal(ctx, req, false);
    return inTenant(ctx.db, p.subject.tenantId, async (tx) => {
      const current = await currentConsents(tx, p.subject);
      const history = await consentHistory(tx, p.subject);
      const notices = await noticesFor(tx, p, history.flatMap((r) => (r.notice_id ? [r.notice_id] : [])));
      const restrictions = await listRestrictions(tx, p.subject);
      return { current: current.map(presentConsent), history: history.map(presentConsent), notices: notices.map(presentNotice), restrictions: restrictions.map(presentRestriction) };
    });
  });

  app.post('/api/privacy-center/me/consents', { config: mine, schema: { body: CenterConsentBody, response: { 201: ConsentOut }, tags } }, async (req, reply) => {
    const p = await requireCenterPrincipal(ctx, req, true);
    const key = idempotencyKeyOf(req);
    const b = req.body;
    const r = await idempotent(ctx.db, req, { ...scopeOf(p), ring: keyringFor(ctx.config) }, async (tx) => {
      const lc = { tx, auditKey: ctx.keys.audit };
      // The page's one click: a checkbox ticked by the person, or the withdraw button beside a consent.
      // The person ticked the box beside the notice's words: the consent covers what those words ask, no more.
      const n = b.given && b.noticeId ? await findNotice(tx, b.noticeId) : undefined;
      const row = b.given
        ? await recordConsent(lc, p.actor, {
          subject: p.subject, purpose: b.purpose, given: true, noticeId: b.noticeId ?? null, method: 'checkbox', evidence: 'privacy_center', idempotencyKey: key,
          marketing: n?.marketing ?? false, disclosure: n?.disclosure ?? false, category: n?.category ?? null,
        })
        : await withdrawConsent(lc, p.actor, { subject: p.subject, purpose: b.purpose, method: 'checkbox', evidence: 'privacy_center', idempotencyKey: key });
      return { status: 201, body: presentConsent(row) };
    });
    return sendIdempotent(reply, r);
  });

  app.post('/api/privacy-center/me/restrictions', { config: mine, schema: { body: CenterRestrictionBody, response: { 201: RestrictionOut }, tags } }, async (req, reply) => {
    const p = await requireCenterPrincipal(ctx, req, true);
    const { kind, ...rest } = req.body;
    const r = await idempotent(ctx.db, req, { ...scopeOf(p), ring: keyringFor(ctx.config) }, async (tx) => {
      const write = kind === 'objection' ? objectToProcessing : restrictProcessing;
      return { status: 201, body: presentRestriction(await write({ tx, auditKey: ctx.keys.audit }, p.actor, { ...rest, subject: p.subject })) };
    });
    return sendIdempotent(reply, r);
  });

  app.post('/api/privacy-center/me/restrictions/:id/lift', { config: mine, schema: { params: RestrictionIdParams, response: { 200: RestrictionOut }, tags } }, async (req) => {
    const p = await requireCenterPrincipal(ctx, req, true);
    const row = await inTenant(ctx.db, p.subject.tenantId, (tx) =>
      liftRestriction({ tx, auditKey: ctx.keys.audit }, p.actor, { restrictionId: req.params.id, by: 'subject' }),
    );
    return presentRestriction(row);
  });
};
