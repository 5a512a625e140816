/**
 * The request workflow's pages: the person's status, confirmation and form pages, and the
 * merchant console's inbox. Registered by the web routes, rendered in their shell.
 */
import { z } from 'zod';
import { findTenantName } from '../accounts/tenants.ts';
import type { AppContext } from '../app/context.ts';
import { CAN } from '../auth/permissions.ts';
import type { UserActor } from '../auth/actor.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { inTenant, isUuid } from '../db/scope.ts';
import { statusByCode } from '../dsr/intake.ts';
import { listRequests } from '../dsr/inbox.ts';
import { exemptString } from '../guard/schema.ts';
import type { ZodFastify } from '../http/routes.ts';
import { detailFor } from '../routes/requests/inbox.ts';
import type { SendPage } from './console-routes.ts';
import { requestInboxPage } from './pages/requests-console.tsx';
import { registerMyRequestPages } from './requests-mine-routes.ts';
import { processorAckPage, requestConfirmPage, requestFormPage, requestStatusPage } from './pages/requests-public.tsx';
import { apiFor } from './api-call.ts';
import { FORM_POST, formBody, formRoutes, IdParams } from './page-forms.ts';

const CodeParams = z.strictObject({ code: exemptString(z.string().max(64), 'matched as a hex code, never stored') });
const TenantParams = z.strictObject({ tenantId: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
const Query = z.object({ id: z.string().max(64).optional() });

export function registerRequestPages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  registerMyRequestPages(app, ctx, send);
  const open = { access: 'public' as const, requiresAcceptance: false as const };
  app.get('/privacy-center/requests/status/:code', { config: { ...open, noPersonalData: 'Kinds, states and dates of a request by its random code' }, schema: { hide: true, params: CodeParams } }, async (req, reply) => {
    const items = await statusByCode(ctx, req.params.code);
    return send(req, reply, (v) => requestStatusPage(v, items));
  });
  app.get('/privacy-center/requests/confirm', { config: { ...open, noPersonalData: 'A page shell; the token is sent to the API on a click' }, schema: { hide: true } }, async (req, reply) =>
    send(req, reply, requestConfirmPage));
  app.get('/privacy-center/:tenantId/request', { config: { ...open, noPersonalData: 'The shop\'s request form; the address goes to the API' }, schema: { hide: true, params: TenantParams } }, async (req, reply) => {
    const id = req.params.tenantId;
    const shop = isUuid(id) ? await findTenantName(ctx.db, keyringFor(ctx.config), id, { open: true }) : undefined;
    if (shop === undefined) return reply.callNotFound();
    return send(req, reply, (v) => requestFormPage(v, id, shop));
  });

  // A processor's acknowledgement link (C35): the page asks, its form (no JavaScript needed) acknowledges through the API.
  app.get('/processor-acks/:id', { config: { ...open, noPersonalData: 'A button; the link\'s token goes to the API on a click' }, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const token = typeof (req.query as Record<string, unknown>).token === 'string' ? String((req.query as Record<string, unknown>).token) : '';
    return send(req, reply, (v) => processorAckPage(v, { id: req.params.id, token, state: 'ask' }));
  });
  formRoutes(app, (scope) => {
    scope.post('/processor-acks/:id', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const token = formBody(req.body).token ?? '';
      const r = await apiFor(app, req)('POST', `/api/processor-acks/${encodeURIComponent(req.params.id)}/link`, { body: { token } });
      reply.code(r.ok ? 200 : r.status);
      return send(req, reply, (v) => processorAckPage(v, { id: req.params.id, token, state: r.ok ? 'done' : 'bad' }));
    });
  });

  const inbox = { access: 'user' as const, signIn: '/signin' as const, feature: 'requests.inbox' as const, can: CAN.useConsole, subject: { admit: 'many' as const, why: 'The shop\'s requests: states, dates and counts, never values' } };
  app.get('/console/requests', { config: inbox, schema: { hide: true } }, async (req, reply) => {
    const m = req.actor as UserActor;
    const q = Query.safeParse(req.query).data ?? {};
    const { rows, counts } = await inTenant(ctx.db, m.tenantId, (tx) => listRequests(tx));
    const detail = q.id && isUuid(q.id) ? await detailFor(ctx, m.tenantId, q.id).catch(() => null) : null;
    return send(req, reply, (v) => requestInboxPage(v, { rows, counts, detail }));
  });
}
