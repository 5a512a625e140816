import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { canManageProcessors, isUser } from '../../auth/permissions.ts';
import { recordAudit } from '../../audit/log.ts';
import { inTenant } from '../../db/scope.ts';
import { acknowledgeNotification, setProcessorEndpoint, setProcessorMailbox, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../dsr/forward.ts';
import { acknowledgeByLink } from '../../dsr/forward-mail.ts';
import { fetchExport } from '../../dsr/exports.ts';
import { EXPORT_SCHEMA } from '../../dsr/portable.ts';
import { forbidden, notFound } from '../../errors.ts';
import { exemptString, secretToken } from '../../guard/schema.ts';
import type { RouteModule } from '../../http/routes.ts';
import { RequestParams } from './inbox-schema.ts';
import { TokenParams } from './intake-schema.ts';

const OPEN = { access: 'public', requiresAcceptance: false } as const;
const EndpointBody = z.strictObject({ url: exemptString(z.url({ protocol: /^https?$/ }).max(500), 'a processor\'s webhook address (an organisation\'s server)') });
const EndpointOut = z.object({ processorId: z.uuid(), url: z.string(), secret: z.string() });
const MailboxBody = z.strictObject({ mailbox: z.email().max(320) });
const MailboxOut = z.object({ processorId: z.uuid(), channel: z.literal('email') });
const LinkAckBody = z.strictObject({ token: secretToken(20, 100) });
const AckOut = z.object({ requestId: z.uuid(), allAcknowledged: z.boolean() });
const SignedHeaders = z.object({
  [TIMESTAMP_HEADER]: exemptString(z.string().max(20), 'a unix time, checked against the clock').optional(),
  [SIGNATURE_HEADER]: exemptString(z.string().max(200), 'an HMAC, compared in constant time').optional(),
});

/**
 * The processor side of forwarding (C35): a merchant gives each provider a signed webhook and
 * its secret; the provider acknowledges through the signed ack endpoint. Also the portable
 * export's single-use download, and its published JSON Schema.
 */
export const requestProcessorRoutes: RouteModule = (app, ctx) => {
  app.put('/api/processors/:id/request-endpoint', { config: { noPersonalData: 'A provider\'s webhook address and a new secret for it' }, schema: { params: RequestParams, body: EndpointBody, response: { 200: EndpointOut }, tags: ['processors'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canManageProcessors(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin sets a provider\'s webhook');
    const a = actor as UserActor;
    const secret = await inTenant(ctx.db, a.tenantId, async (tx) => {
      const [p] = await tx.query<{ id: string }>('SELECT id FROM processors WHERE id = $1 AND tenant_id = $2', [req.params.id, a.tenantId]);
      if (!p) throw notFound('processor');
      const s = await setProcessorEndpoint(tx, ctx, { id: p.id, tenantId: a.tenantId }, req.body.url);
      await recordAudit(tx, ctx.keys.audit, { tenantId: a.tenantId, actor: auditActor(a), action: 'processor.endpoint_set', target: { type: 'processor', id: p.id } });
      return s;
    });
    return { processorId: req.params.id, url: req.body.url, secret };
  });

  // A provider whose privacy desk takes requests by e-mail (C35): the request is mailed with a signed acknowledgement link.
  app.put('/api/processors/:id/request-mailbox', { config: { noPersonalData: 'A provider\'s privacy desk address (a role address)' }, schema: { params: RequestParams, body: MailboxBody, response: { 200: MailboxOut }, tags: ['processors'] } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor) || !canManageProcessors(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin sets how a provider takes requests');
    const a = actor as UserActor;
    await inTenant(ctx.db, a.tenantId, async (tx) => {
      const [p] = await tx.query<{ id: string }>('SELECT id FROM processors WHERE id = $1 AND tenant_id = $2', [req.params.id, a.tenantId]);
      if (!p) throw notFound('processor');
      await setProcessorMailbox(tx, ctx, { id: p.id, tenantId: a.tenantId }, req.body.mailbox);
      await recordAudit(tx, ctx.keys.audit, { tenantId: a.tenantId, actor: auditActor(a), action: 'processor.mailbox_set', target: { type: 'processor', id: p.id } });
    });
    return { processorId: req.params.id, channel: 'email' as const };
  });

  const linkAck = { ...OPEN, feature: 'requests.processor_ack', can: { name: 'holdsAckLink', check: () => true, code: 'token_invalid', title: 'Holds the mailed link' }, subject: { admit: 'many', why: 'Ids only; the link\'s token is checked by the handler' } } as const;
  app.post('/api/processor-acks/:id/link', { config: linkAck, schema: { params: RequestParams, body: LinkAckBody, response: { 200: AckOut }, tags: ['processors'] } }, async (req) =>
    acknowledgeByLink(ctx, req.params.id, req.body.token));

  // The signature covers the exact bytes sent: this scope keeps the raw body beside the parsed one.
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16_384 }, (req, body, done) => {
      (req as unknown as { rawBody: string }).rawBody = String(body);
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(null, {});
      }
    });
    const ack = { ...OPEN, feature: 'requests.processor_ack', can: { name: 'signedByProcessor', check: () => true, code: 'signature_invalid', title: 'Signed by the processor' }, subject: { admit: 'many', why: 'Ids only; the processor\'s signature is checked by the handler' } } as const;
    scope.post('/api/processor-acks/:id', { config: ack, schema: { params: RequestParams, headers: SignedHeaders, response: { 200: AckOut }, tags: ['processors'] } }, async (req) =>
      acknowledgeNotification(ctx, req.params.id, {
        timestamp: req.headers[TIMESTAMP_HEADER], signature: req.headers[SIGNATURE_HEADER], body: (req as unknown as { rawBody?: string }).rawBody ?? '',
      }));
  });

  const download = { ...OPEN, feature: 'requests.export_download', can: { name: 'holdsDownloadLink', check: () => true, code: 'token_invalid', title: 'Holds the link' }, subject: { admit: 'anonymous', why: 'The single-use link mailed to the person is their proof' } } as const;
  app.get('/api/requests/exports/:token', { config: download, schema: { params: TokenParams, tags: ['privacy-center'] } }, async (req, reply) => {
    const zip = await fetchExport(ctx, req.params.token);
    return reply.header('content-type', 'application/zip').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`).send(zip);
  });

  app.get('/schemas/subject-export.v1.json', { config: { ...OPEN, noPersonalData: 'The published JSON Schema of the export' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('content-type', 'application/schema+json').send(JSON.stringify(EXPORT_SCHEMA)));
};
