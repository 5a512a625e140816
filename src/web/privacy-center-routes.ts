/**
 * The privacy center's pages (C22, C34), rendered on the server from the API's answers, and
 * their forms, which work without JavaScript: ask for a sign-in link, follow it, give and
 * withdraw consents, restrict or object and lift one's own restriction, leave.
 * `/privacy-center` serves a signed-in Customer (their consents to ECOMKEY);
 * `/privacy-center/<tenant id>` a shop's Subscribers and Buyers, signed in by e-mail link.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exemptString } from '../guard/schema.ts';
import { findTenantName } from '../accounts/tenants.ts';
import type { AppContext } from '../app/context.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { isUuid } from '../db/scope.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { CenterConsents, MeOut } from '../routes/privacy-center/schema.ts';
import { apiFor, type ApiCaller } from './api-call.ts';
import type { SendPage } from './console-routes.ts';
import { fieldRule } from './form-fields.ts';
import { FORM_POST, formBody, formRoutes, formState, IdParams, redirectForRefusal, type FormBody } from './page-forms.ts';
import { NO_FORM_STATE, problemMessage, type FormState } from './pages/form-parts.tsx';
import { privacyCenterPage, type CenterModel } from './pages/privacy-center.tsx';
import { langOf, type View } from './view.ts';

const CUSTOMER_BASE = '/privacy-center';
const TenantParams = z.strictObject({ tenantId: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
const LiftParams = IdParams.extend({ tenantId: exemptString(z.string().max(64), 'matched as a uuid, never stored').optional() });

type Me = z.output<typeof MeOut>;
// Refusals are kept as codes and put in words when the page renders, in its language.
type Flash = { errorCode?: string; offerError?: string; restrictForm?: FormState };
type Signin = { sent?: boolean; form?: FormState; linkErrorCode?: string };

const DONE = { given: 'pc.given', withdrawn: 'pc.withdrawn' } as const;

export function registerPrivacyCenterPages(app: ZodFastify, ctx: AppContext, send: SendPage, customerConfig: object, publicConfig: object): void {
  /** The shop a tenant page serves, or undefined when there is none (the page is a 404). */
  const shopOf = async (tenantId: string | null): Promise<string | undefined> =>
    (tenantId === null ? 'ECOMKEY' : isUuid(tenantId) ? findTenantName(ctx.db, keyringFor(ctx.config), tenantId, { open: true }) : undefined);

  /** Whether the API's principal is the one this page serves. */
  const mine = (me: Me, tenantId: string | null) => me.signedIn && (tenantId === null || (me.as === 'subject' && me.tenantId === tenantId));

  async function render(req: FastifyRequest, reply: FastifyReply, tenantId: string | null, extra: Flash & Signin & { status?: number } = {}) {
    const shop = await shopOf(tenantId);
    if (shop === undefined) return reply.callNotFound();
    const base = tenantId === null ? CUSTOMER_BASE : `${CUSTOMER_BASE}/${tenantId}`;
    const api = apiFor(app, req);
    const query = req.query as Record<string, string | undefined>;
    const me = await api<Me>('GET', '/api/privacy-center/me');
    let model: (v: View) => CenterModel;
    if (tenantId !== null && typeof query.token === 'string' && query.token !== '') {
      const token = query.token;
      model = () => ({ tenantId, shop, base, mode: 'token', token });
    } else if (me.ok && mine(me.body, tenantId)) {
      const state = await api<z.output<typeof CenterConsents>>('GET', '/api/privacy-center/me/consents');
      if (!state.ok) return reply.redirect(base, 303);
      const done = query.done === 'given' || query.done === 'withdrawn' ? DONE[query.done] : null;
      model = (v) => ({
        tenantId, shop, base, mode: 'main', me: me.body, state: state.body, csrf: me.body.csrfToken ?? '', formKey: randomUUID(),
        flash: done && v.t(done), flashError: extra.errorCode ? problemMessage(v, extra.errorCode) : null,
        offerError: extra.offerError === undefined ? null : { noticeId: extra.offerError, message: v.t('pc.offer.tick') }, restrictForm: extra.restrictForm ?? NO_FORM_STATE,
      });
    } else {
      model = (v) => ({ tenantId, shop, base, mode: 'signin', sent: extra.sent ?? query.sent === '1', form: extra.form ?? NO_FORM_STATE, linkError: extra.linkErrorCode ? problemMessage(v, extra.linkErrorCode) : null });
    }
    reply.code(extra.status ?? 200);
    return send(req, reply, (v) => privacyCenterPage(v, model(v)));
  }

  const tenantOf = (req: FastifyRequest): string | null => (req.params as { tenantId?: string }).tenantId ?? null;
  const baseOf = (tenantId: string | null) => (tenantId === null ? CUSTOMER_BASE : `${CUSTOMER_BASE}/${tenantId}`);
  const refused = (reply: FastifyReply, r: { status: number; problem: { code?: string } }, tenantId: string | null) =>
    (tenantId === null ? redirectForRefusal(reply, r, '/signin', CUSTOMER_BASE) : r.status === 401 ? reply.redirect(baseOf(tenantId), 303) : null);

  app.get(CUSTOMER_BASE, customerConfig, async (req, reply) => render(req, reply, null));
  app.get(`${CUSTOMER_BASE}/:tenantId`, { ...publicConfig, schema: { hide: true, params: TenantParams } }, async (req, reply) => render(req, reply, req.params.tenantId));

  /** Gives every purpose of the ticked notice not yet given, or withdraws one purpose. */
  async function consent(api: ApiCaller, values: FormBody): Promise<{ ok: true } | { ok: false; status: number; problem: { code?: string } }> {
    const opts = { csrf: values._csrf };
    if (values.given !== 'true') {
      const r = await api('POST', '/api/privacy-center/me/consents', { ...opts, body: { purpose: values.purpose ?? '', given: false }, idempotencyKey: values._key });
      return r.ok ? { ok: true } : r;
    }
    const state = await api<z.output<typeof CenterConsents>>('GET', '/api/privacy-center/me/consents');
    if (!state.ok) return state;
    const notice = state.body.notices.find((n) => n.id === values.noticeId);
    if (!notice) return { ok: false, status: 404, problem: { code: 'not_found' } };
    const givenNow = new Set(state.body.current.filter((c) => c.given).map((c) => c.purpose));
    for (const purpose of notice.purposes.filter((p) => !givenNow.has(p))) {
      const r = await api('POST', '/api/privacy-center/me/consents', { ...opts, body: { purpose, given: true, noticeId: notice.id }, idempotencyKey: values._key && `${values._key}-${purpose}` });
      if (!r.ok) return r;
    }
    return { ok: true };
  }

  formRoutes(app, (scope) => {
    for (const path of [CUSTOMER_BASE, `${CUSTOMER_BASE}/:tenantId`]) {
      const withParams = path === CUSTOMER_BASE ? FORM_POST : { ...FORM_POST, schema: { params: TenantParams } };

      scope.post(`${path}/consents`, withParams, async (req, reply) => {
        const tenantId = tenantOf(req);
        const values = formBody(req.body);
        if (values.given === 'true' && values.agree !== 'on') {
          return render(req, reply, tenantId, { status: 400, offerError: values.noticeId ?? '' });
        }
        const r = await consent(apiFor(app, req), values);
        if (r.ok) return reply.redirect(`${baseOf(tenantId)}?done=${values.given === 'true' ? 'given' : 'withdrawn'}`, 303);
        return refused(reply, r, tenantId) ?? render(req, reply, tenantId, { status: r.status, errorCode: r.problem.code ?? 'unknown' });
      });

      scope.post(`${path}/restrictions`, withParams, async (req, reply) => {
        const tenantId = tenantOf(req);
        const values = formBody(req.body);
        const body = { kind: values.kind ?? '', ...(values.purpose ? { purpose: values.purpose } : {}) };
        const r = await apiFor(app, req)('POST', '/api/privacy-center/me/restrictions', { body, csrf: values._csrf, idempotencyKey: values._key });
        if (r.ok) return reply.redirect(baseOf(tenantId), 303);
        const rule = (f: string) => (f === 'kind' || f === 'purpose' ? fieldRule('CenterRestrictionBody', f) : undefined);
        return refused(reply, r, tenantId) ?? render(req, reply, tenantId, { status: r.status, restrictForm: formState(r.problem, values, rule) });
      });

      scope.post(`${path}/restrictions/:id/lift`, { ...FORM_POST, schema: { params: path === CUSTOMER_BASE ? IdParams : LiftParams } }, async (req, reply) => {
        const tenantId = tenantOf(req);
        const values = formBody(req.body);
        const r = await apiFor(app, req)('POST', `/api/privacy-center/me/restrictions/${encodeURIComponent(req.params.id)}/lift`, { csrf: values._csrf });
        if (r.ok) return reply.redirect(baseOf(tenantId), 303);
        return refused(reply, r, tenantId) ?? render(req, reply, tenantId, { status: r.status, errorCode: r.problem.code ?? 'unknown' });
      });
    }

    const tenantPage = { ...FORM_POST, schema: { params: TenantParams } };

    scope.post(`${CUSTOMER_BASE}/:tenantId/sign-in`, tenantPage, async (req, reply) => {
      const tenantId = req.params.tenantId;
      const values = formBody(req.body);
      const r = await apiFor(app, req)('POST', `/api/privacy-center/${encodeURIComponent(tenantId)}/sign-in`, { body: { email: values.email ?? '', lang: langOf(req) } });
      if (r.ok) return reply.redirect(`${baseOf(tenantId)}?sent=1`, 303);
      const rule = (f: string) => (f === 'email' ? fieldRule('CenterSignInBody', f) : undefined);
      return render(req, reply, tenantId, { status: r.status, form: formState(r.problem, values, rule) });
    });

    // The e-mailed link's token, spent by this POST; the session cookie the API sets is passed on.
    scope.post(`${CUSTOMER_BASE}/:tenantId/session`, tenantPage, async (req, reply) => {
      const tenantId = req.params.tenantId;
      const r = await apiFor(app, req)('POST', '/api/privacy-center/session', { body: { token: formBody(req.body).token ?? '' } });
      if (r.ok) return reply.header('set-cookie', r.setCookies).redirect(baseOf(tenantId), 303);
      return render(req, reply, tenantId, { status: r.status, linkErrorCode: r.problem.code ?? 'unknown' });
    });

    scope.post(`${CUSTOMER_BASE}/:tenantId/sign-out`, tenantPage, async (req, reply) => {
      const r = await apiFor(app, req)('POST', '/api/privacy-center/sign-out', { csrf: formBody(req.body)._csrf });
      return reply.header('set-cookie', r.ok ? r.setCookies : []).redirect(baseOf(req.params.tenantId), 303);
    });
  });
}
