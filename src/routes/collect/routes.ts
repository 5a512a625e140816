import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ingest } from '../../analytics/ingest.ts';
import { count } from '../../analytics/counters.ts';
import { CAN } from '../../auth/permissions.ts';
import { AppError } from '../../errors.ts';
import { acceptTextJson } from '../../http/text-json.ts';
import type { RouteModule } from '../../http/routes.ts';
import { CollectBody, CollectOut } from './schema.ts';

// A batch of 50 events is a few kilobytes; anything far larger is not from the SDK.
export const COLLECT_BODY_LIMIT = 16 * 1024;
const tags = ['analytics'];

/**
 * `POST /api/collect`: the browser SDK's batches. Sent as text/plain (a "simple" request, so no
 * preflight), parsed as JSON here; the ingest checks the site, its origins, bots, rates and
 * clocks, and answers CORS only for the site's registered origins.
 * @clause C12 @clause C13 @clause C37
 */
export const collectRoutes: RouteModule = async (app, ctx) => {
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    acceptTextJson(raw, COLLECT_BODY_LIMIT, () => count('malformed'));
    raw.setErrorHandler((err) => {
      const e = err as { code?: string; validation?: unknown };
      if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') count('too_large');
      else if (e.validation) count('malformed');
      throw err;
    });
    raw.post('/api/collect', {
      config: {
        access: 'public', requiresAcceptance: false, feature: 'analytics.collect', can: CAN.anyone,
        subject: { admit: 'anonymous', why: 'A website visitor is known only by a salted daily hash; a signed-in Customer is linked only with analytics consent' },
        rateLimit: { max: Math.max(600, ctx.config.rateLimitPerMinute), timeWindow: '1 minute' },
      },
      schema: { body: CollectBody, response: { 202: CollectOut }, tags },
    }, async (req, reply) => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const r = await ingest(ctx.db, req.body, {
        ip: req.ip, ua: String(req.headers['user-agent'] ?? ''), origin, secGpc: req.headers['sec-gpc'] === '1',
        userId: req.actor.kind === 'user' ? req.actor.userId : null,
      }, { sitePerSecond: ctx.config.analyticsSiteEventsPerSecond });
      if (!r.ok) {
        const status = r.reason === 'rate_limited' ? 429 : r.reason === 'unknown_site' ? 404 : r.reason === 'forged_origin' ? 403 : 422;
        throw new AppError(status, `collect_${r.reason}`, `The batch was refused: ${r.reason.replace('_', ' ')}`);
      }
      // CORS only for a registered origin (checked by the ingest); never with credentials for another site.
      if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      return reply.code(202).send({ accepted: r.accepted, dropped: r.dropped });
    });
  });
};
