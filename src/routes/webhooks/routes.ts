import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteModule } from '../../http/routes.ts';
import { webhookAccount } from '../../channels/accounts.ts';
import { PLATFORMS, type Platform } from '../../channels/events.ts';
import { receiveWebhook } from '../../channels/intake.ts';
import { sameSecret } from '../../channels/signatures.ts';
import { recordAudit } from '../../audit/log.ts';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { AppError, badRequest, forbidden } from '../../errors.ts';
import { identifier } from '../../guard/schema.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A webhook's body exactly as received: signatures are computed over these bytes. */
    rawBody?: Buffer;
  }
}

const WebhookParams = z.strictObject({ id: z.uuid() });
const token = (max: number) => identifier(/^[\x21-\x7e]+$/, { max, digitsExpected: 'Meta\'s challenge is a digit run; echoed once, never stored' });
const Handshake = z.object({ 'hub.mode': token(40), 'hub.verify_token': token(512), 'hub.challenge': token(200) });
const Received = z.object({ received: z.number().int() });

// As the API's limit: a Messenger batch of many events stays well under it.
const BODY_LIMIT = 256 * 1024;
// Platforms deliver from a few addresses at high rates: the per-IP limit of the API would refuse them.
const WEBHOOK_RATE = { max: 600_000, timeWindow: '1 minute' };

/**
 * Each channel account's webhook: `/webhooks/<platform>/<account id>`. The body is kept as raw
 * bytes for the signature; anyone may call, so the signature is the authentication (C10: only
 * the shop's own page, OA or bot writes its Subscribers).
 */
export const webhookRoutes: RouteModule = async (app, ctx) => {
  const ring = keyringFor(ctx.config);
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (req, body: Buffer, done) => {
      req.rawBody = body;
      done(null, undefined);
    });

    for (const platform of PLATFORMS) {
      raw.post(`/webhooks/${platform}/:id`, {
        config: {
          access: 'public', feature: 'channels.webhook', can: CAN.anyone, rateLimit: WEBHOOK_RATE,
          subject: { admit: 'anonymous', why: 'A platform delivers events before anyone is known: the signature admits the call, and each event\'s job admits its Subscriber' },
        },
        schema: { params: WebhookParams, response: { 200: Received }, tags: ['webhooks'] },
      }, async (req) => {
        const r = await receiveWebhook(ctx, ring, platform as Platform, req.params.id, req.headers, req.rawBody ?? Buffer.alloc(0));
        if (r.outcome === 'refused') throw new AppError(401, r.code, 'The webhook signature is missing or wrong');
        if (r.outcome === 'malformed') throw badRequest('payload_malformed', 'The body is not an event of this platform');
        // Unknown page, OA or bot: the 200 every platform expects (else it retries, then disables the webhook); audited.
        return { received: r.outcome === 'stored' ? r.stored : 0 };
      });
    }

    // Meta's subscription handshake: echo the challenge when the verify token is this account's.
    raw.get('/webhooks/messenger/:id', {
      config: { access: 'public', noPersonalData: 'Meta\'s subscription handshake: a mode, a token and a challenge', rateLimit: WEBHOOK_RATE },
      schema: { params: WebhookParams, querystring: Handshake, tags: ['webhooks'] },
    }, async (req, reply) => {
      const a = await webhookAccount(ctx.db, ring, req.params.id, 'messenger');
      const q = req.query;
      const ok = a?.secrets.verifyToken !== undefined && q['hub.mode'] === 'subscribe' && sameSecret(q['hub.verify_token'], a.secrets.verifyToken);
      if (!ok) {
        if (a) {
          await inTenant(ctx.db, a.row.tenant_id, (tx) => recordAudit(tx, ctx.keys.audit, {
            tenantId: a.row.tenant_id, actor: { type: 'system', id: null }, action: 'webhook.refused',
            target: { type: 'channel_account', id: a.row.id }, details: { platform: 'messenger', code: 'verify_token_invalid' },
          }));
        }
        throw forbidden('verify_token_invalid', 'The verify token does not match');
      }
      return reply.type('text/plain').send(q['hub.challenge']);
    });
  });
};
