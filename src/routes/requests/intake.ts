import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor, sealColumn } from '../../crypto/envelope.ts';
import { sealField } from '../../crypto/fields.ts';
import type { Sql } from '../../db/index.ts';
import { inPlatform, inTenant } from '../../db/scope.ts';
import { confirmRequest, fileFromForm, fileMetaDeletion, statusByCode } from '../../dsr/intake.ts';
import { parseSignedRequest } from '../../dsr/meta.ts';
import { unknownFields } from '../../dsr/rectify.ts';
import { fileRequest, REQUEST_COLUMNS, type RequestRow } from '../../dsr/requests.ts';
import { notFound, unprocessable } from '../../errors.ts';
import { afterResponse } from '../../http/after-response.ts';
import type { RouteModule } from '../../http/routes.ts';
import { requireCenterPrincipal, type CenterPrincipal } from '../../privacy-center/auth.ts';
import { subjectKey } from '../../subjects/keys.ts';
import { centerSubject } from '../privacy-center/locator.ts';
import { FiledOut } from './inbox-schema.ts';
import { CenterRequestBody, CenterRequestList, CodeParams, ConfirmBody, ConfirmOut, FormBody, FormOut, MetaBody, MetaOut, StatusOut, TenantParams } from './intake-schema.ts';
import { presentRequest } from './presenter.ts';

const OPEN = { access: 'public', requiresAcceptance: false } as const;

const CUSTOMER_FIELDS = ['name', 'company', 'billingAddress'];
/**
 * The new values of a rectification wait sealed until fulfilment applies them (C16): a
 * Customer's under their own key (the profile path opens them), a shop's subject's under the
 * shop's key. A field the person does not have is refused before anything is kept.
 */
async function holdCorrection(tx: Sql, ctx: Parameters<RouteModule>[1], requestId: string, subject: CenterPrincipal['subject'], correction: Record<string, string | undefined>): Promise<void> {
  const given = Object.fromEntries(Object.entries(correction).filter((e): e is [string, string] => e[1] !== undefined));
  const foreign = subject.type === 'customer' ? Object.keys(given).filter((f) => !CUSTOMER_FIELDS.includes(f)) : unknownFields(subject.type, given);
  if (foreign.length > 0) throw unprocessable('correction_field_not_applicable', `These fields are not held for this person: ${foreign.join(', ')}`);
  if (subject.type === 'customer') {
    const key = await subjectKey(tx, ctx.keys.data, { type: 'customer', id: subject.id });
    await tx.query('UPDATE subject_requests SET correction = $2 WHERE id = $1', [requestId, sealField(key, 'subject_requests.correction', requestId, JSON.stringify(given))]);
    return;
  }
  const sealed = await sealColumn(tx, keyringFor(ctx.config), subject.tenantId, 'subject_requests.shop_correction', JSON.stringify(given));
  await tx.query('UPDATE subject_requests SET shop_correction = $2 WHERE id = $1', [requestId, sealed]);
}
const tags = ['privacy-center'];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A Customer's transaction is the platform's (their key and account live there); a shop's subject's is the shop's. */
const scopeFor = <T>(ctx: Parameters<RouteModule>[1], p: CenterPrincipal, fn: (tx: Sql) => Promise<T>) =>
  p.subject.type === 'customer' ? inPlatform(ctx.db, fn) : inTenant(ctx.db, p.subject.tenantId, fn);

/**
 * Filing and following a request as the person (C33): signed in to the privacy center; by the
 * public form, confirmed from the e-mailed link; by Meta's deletion callback; and the status
 * page's data by the code the person was given.
 */
export const intakeRoutes: RouteModule = (app, ctx) => {
  const audit = { auditKey: ctx.keys.audit };
  const mine = { ...OPEN, feature: 'privacy_center.requests', can: CAN.anyone, subject: { admit: 'ledger', locate: centerSubject(ctx), why: 'The person\'s own requests' } } as const;
  const anon = { ...OPEN, feature: 'privacy_center.requests', can: CAN.anyone, subject: { admit: 'anonymous', why: 'The person asks before anyone is known; identity is confirmed by the e-mailed link' } } as const;
  const limited = { ...anon, rateLimit: { max: Math.max(10, Math.floor(ctx.config.rateLimitPerMinute / 20)), timeWindow: '1 minute' } };

  app.get('/api/privacy-center/me/requests', { config: mine, schema: { response: { 200: CenterRequestList }, tags } }, async (req) => {
    const p = await requireCenterPrincipal(ctx, req, false);
    const rows = await scopeFor(ctx, p, (tx) => tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM subject_requests WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 ORDER BY received_at DESC`,
      [p.subject.tenantId, p.subject.type, p.subject.id]));
    return { items: rows.map((r) => presentRequest(r)) };
  });

  app.post('/api/privacy-center/me/requests', { config: mine, schema: { body: CenterRequestBody, response: { 201: FiledOut }, tags } }, async (req, reply) => {
    const p = await requireCenterPrincipal(ctx, req, true);
    const b = req.body;
    const filed = await scopeFor(ctx, p, async (tx) => {
      const f = await fileRequest(tx, audit, {
        tenantId: p.subject.tenantId, subject: p.subject, kind: b.kind, source: 'privacy_center', evidenceRef: `privacy_center:${p.via}`,
        actor: p.actor, verified: true, purpose: b.purpose ?? null,
      });
      if (b.kind === 'rectification' && b.correction && !f.duplicateOf) await holdCorrection(tx, ctx, f.request.id, p.subject, b.correction);
      return f;
    });
    return reply.code(201).send({ request: presentRequest(filed.request), duplicateOf: filed.duplicateOf });
  });

  app.post('/api/privacy-center/:tenantId/requests', { config: limited, schema: { params: TenantParams, body: FormBody, response: { 202: FormOut }, tags } }, async (req, reply) => {
    // The same answer, at the same speed, whether or not the address is on the shop's list.
    const { email, kind, lang } = req.body;
    afterResponse(ctx, reply, 'request-form', () => fileFromForm(ctx, req.params.tenantId, { email, kind, lang: lang ?? 'vi' }));
    return reply.code(202).send({ status: 'confirmation_sent' as const });
  });

  app.post('/api/privacy-center/requests/confirm', { config: limited, schema: { body: ConfirmBody, response: { 200: ConfirmOut }, tags } }, async (req) => {
    const c = await confirmRequest(ctx, req.body.token);
    return { ...c, dueAt: iso(c.dueAt) };
  });

  const status = { ...OPEN, noPersonalData: 'A request\'s kind, state and dates by its random code: names no one' } as const;
  app.get('/api/privacy-center/requests/status/:code', { config: status, schema: { params: CodeParams, response: { 200: StatusOut }, tags } }, async (req) => {
    const items = await statusByCode(ctx, req.params.code);
    if (items.length === 0) throw notFound('request');
    return { items: items.map((s) => ({ kind: s.kind, state: s.state, receivedAt: iso(s.receivedAt)!, dueAt: iso(s.dueAt), closedAt: iso(s.closedAt) })) };
  });

  // Meta posts a form (application/x-www-form-urlencoded): parsed here only, for this one route.
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const meta = { ...OPEN, feature: 'requests.meta_callback', can: CAN.anyone, subject: { admit: 'anonymous', why: 'Meta asks for a user of its app; the signature proves it, and the id finds the Subscribers' } } as const;
    scope.post('/api/meta/data-deletion', { config: meta, schema: { body: MetaBody, response: { 200: MetaOut }, tags: ['meta'] } }, async (req) => {
      if (!ctx.config.metaAppSecret) throw notFound('callback');
      const { userId } = parseSignedRequest(req.body.signed_request, ctx.config.metaAppSecret);
      const { code } = await fileMetaDeletion(ctx, userId);
      return { url: `${ctx.config.publicUrl}/privacy-center/requests/status/${code}`, confirmation_code: code };
    });
  });
};
