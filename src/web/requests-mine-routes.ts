/**
 * "My requests" in the privacy center: `/privacy-center/my-requests` for a signed-in Customer,
 * `/privacy-center/<tenant id>/my-requests` for a shop's Subscriber or Buyer signed in by e-mail
 * link. Both read and file through the JSON API in process (its pipeline decides and audits);
 * the form works without JavaScript: 303 back to the page, or the page again with field errors.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findTenantName } from '../accounts/tenants.ts';
import type { AppContext } from '../app/context.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { isUuid } from '../db/scope.ts';
import { exemptString } from '../guard/schema.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { MeOut } from '../routes/privacy-center/schema.ts';
import type { CenterRequestList } from '../routes/requests/intake-schema.ts';
import type { FiledOut } from '../routes/requests/inbox-schema.ts';
import { apiFor } from './api-call.ts';
import type { SendPage } from './console-routes.ts';
import { fieldRule } from './form-fields.ts';
import { FORM_POST, formBody, formRoutes, formState, type FormBody } from './page-forms.ts';
import { NO_FORM_STATE, type FormState } from './pages/form-parts.tsx';
import { myRequestsPage, type MineModel } from './pages/requests-mine.tsx';
import { CORRECTION_FIELDS } from './pages/requests-text.ts';
import type { FormProblem } from './shared/field-errors.ts';

const BASE = '/privacy-center';
const TenantParams = z.strictObject({ tenantId: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
type Me = z.output<typeof MeOut>;

const baseOf = (tenantId: string | null) => (tenantId === null ? BASE : `${BASE}/${tenantId}`);
const subjectTypeOf = (me: Me): MineModel['subjectType'] | null =>
  (me.as === 'customer' ? 'customer' : me.subjectType === 'subscriber' || me.subjectType === 'buyer' ? me.subjectType : null);

/** The form's values as the API's body: a correction only for a rectification, its blank fields left out. */
function requestBody(values: FormBody, type: MineModel['subjectType']): Record<string, unknown> {
  const kind = values.kind ?? '';
  const correction = Object.fromEntries(CORRECTION_FIELDS[type].filter((f) => (values[f] ?? '').trim() !== '').map((f) => [f, values[f]!.trim()]));
  return { kind, ...(kind === 'rectification' && Object.keys(correction).length > 0 ? { correction } : {}) };
}

/** The API names a correction's field `correction.<name>`; the form's field is `<name>`. */
const flatten = (p: FormProblem): FormProblem => ({ ...p, ...(p.issues ? { issues: p.issues.map((i) => ({ ...i, path: i.path?.replace(/^correction\./, '') })) } : {}) });

export function registerMyRequestPages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  const shopOf = async (tenantId: string | null): Promise<string | undefined> =>
    (tenantId === null ? 'ECOMKEY' : isUuid(tenantId) ? findTenantName(ctx.db, keyringFor(ctx.config), tenantId, { open: true }) : undefined);

  async function render(req: FastifyRequest, reply: FastifyReply, tenantId: string | null, extra: { status?: number; form?: FormState } = {}) {
    const shop = await shopOf(tenantId);
    if (shop === undefined) return reply.callNotFound();
    const base = baseOf(tenantId);
    const api = apiFor(app, req);
    const me = await api<Me>('GET', '/api/privacy-center/me');
    const type = me.ok && me.body.signedIn ? subjectTypeOf(me.body) : null;
    // Not signed in here: a shop's page signs in by e-mail link, ECOMKEY's by account.
    if (!me.ok || !type) return reply.redirect(tenantId === null ? `/signin?next=${encodeURIComponent(`${base}/my-requests`)}` : base, 303);
    if (tenantId === null && me.body.as === 'subject') return reply.redirect(`${baseOf(me.body.tenantId ?? null)}/my-requests`, 303);
    if (tenantId !== null && (me.body.as !== 'subject' || me.body.tenantId !== tenantId)) return reply.redirect(base, 303);
    const list = await api<z.output<typeof CenterRequestList>>('GET', '/api/privacy-center/me/requests');
    if (!list.ok) return reply.redirect(base, 303);
    const done = (req.query as Record<string, unknown>).done;
    const model: MineModel = {
      base, shop: me.body.shop ?? shop, subjectType: type, csrf: me.body.csrfToken ?? '', formKey: randomUUID(), form: extra.form ?? NO_FORM_STATE,
      flash: done === 'filed' || done === 'duplicate' ? done : null,
      items: list.body.items.map((i) => ({ id: i.id, kind: i.kind, state: i.state, receivedAt: i.receivedAt, dueAt: i.dueAt, overdue: i.overdue, duplicateOf: i.duplicateOf })),
    };
    reply.code(extra.status ?? 200);
    return send(req, reply, (v) => myRequestsPage(v, model));
  }

  const customerPage = { config: { access: 'user' as const, signIn: '/signin' as const, requiresAcceptance: false as const, noPersonalData: 'A page: the person\'s requests come from the JSON API, through its pipeline and presenters' }, schema: { hide: true } };
  const shopPage = { config: { access: 'public' as const, noPersonalData: 'A page: the person\'s requests come from the JSON API, through its pipeline and presenters' }, schema: { hide: true, params: TenantParams } };
  app.get(`${BASE}/my-requests`, customerPage, async (req, reply) => render(req, reply, null));
  app.get(`${BASE}/:tenantId/my-requests`, shopPage, async (req, reply) => render(req, reply, req.params.tenantId));

  formRoutes(app, (scope) => {
    for (const path of [BASE, `${BASE}/:tenantId`]) {
      scope.post(`${path}/my-requests`, path === BASE ? FORM_POST : { ...FORM_POST, schema: { params: TenantParams } }, async (req, reply) => {
        const tenantId = (req.params as { tenantId?: string }).tenantId ?? null;
        const api = apiFor(app, req);
        const me = await api<Me>('GET', '/api/privacy-center/me');
        const type = me.ok && me.body.signedIn ? subjectTypeOf(me.body) : null;
        if (!me.ok || !type) return reply.redirect(tenantId === null ? '/signin' : baseOf(tenantId), 303);
        const values = formBody(req.body);
        const r = await api<z.output<typeof FiledOut>>('POST', '/api/privacy-center/me/requests', { body: requestBody(values, type), csrf: values._csrf });
        if (r.ok) return reply.redirect(`${baseOf(tenantId)}/my-requests?done=${r.body.duplicateOf ? 'duplicate' : 'filed'}`, 303);
        if (r.status === 401) return reply.redirect(tenantId === null ? '/signin' : baseOf(tenantId), 303);
        const rule = (f: string) => (f === 'kind' ? fieldRule('CenterRequestBody', f) : (CORRECTION_FIELDS[type] as readonly string[]).includes(f) ? fieldRule('CenterCorrection', f) : undefined);
        return render(req, reply, tenantId, { status: r.status, form: formState(flatten(r.problem), values, rule) });
      });
    }
  });
}
