import Fastify, { type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { AppError, badRequest } from '../errors.ts';
import { declarationsHook } from './admit.ts';
import { guard } from './guard.ts';
import { parseJsonBody } from './json.ts';
import { hstsValue, httpsOptions } from './tls.ts';
import { handleError, handleFrameworkError, handleNotFound, invalidCharacter } from './problem.ts';
import { registerRoutes, type ZodFastify } from './routes.ts';

export type App = ZodFastify;
export const BODY_LIMIT = 256 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Every /api/ answer is `Cache-Control: no-store` (most carry personal data); a route whose
     * answer is public for everyone (a published policy text) opts out and sets its own.
     */
    cacheable?: boolean;
  }
}

/** What was registered: method, path, access and schemas, for tests that must cover every route. */
export type RouteEntry = { method: string; url: string; access: string | undefined; schema: Record<string, unknown> | undefined };
const routeTables = new WeakMap<object, RouteEntry[]>();
export const routeTable = (app: App): readonly RouteEntry[] => routeTables.get(app) ?? [];

/** True when any string (or object key) in a parsed body, query or params holds U+0000. */
function containsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v === null || typeof v !== 'object' || depth > 64) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || containsNul(x, depth + 1)) return true;
  return false;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Seconds a client is asked to wait when the job queue is over JOB_QUEUE_LIMIT. */
export const QUEUE_FULL_RETRY_AFTER = 30;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds the HTTP server: one pipeline for every route, problem+json for every error. */
export async function buildApp(ctx: AppContext): Promise<App> {
  const https = httpsOptions(ctx.config);
  const app = Fastify({
    ...(https ? { https } : {}),
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // The router's own errors (overlong parameter, malformed URL) would echo the path as plain JSON.
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) table.push({ method, url: r.url, access: r.config?.access, schema: r.schema as Record<string, unknown> | undefined });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  // JSON only, strictly UTF-8: invalid byte sequences are refused rather than silently replaced.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(badRequest('invalid_utf8', 'The body is not valid UTF-8'), undefined);
    }
    if (text.trim() === '') return done(null, undefined);
    try {
      // Prototype-polluting keys are dropped before any schema sees them.
      done(null, parseJsonBody(text));
    } catch {
      done(badRequest('malformed_json', 'The body is not valid JSON'), undefined);
    }
  });

  await app.register(cookie);
  await app.register(rateLimit, { max: ctx.config.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Pledge API', version: '0.1.0', description: 'The executable privacy policy of ECOMKEY.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pledge_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // The docs page runs the "try it out" console with the visitor's cookies: never inside another site's frame.
    staticCSP: true,
    transformStaticCSP: (h) => h.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' upgrade-insecure-requests;', ''),
  });

  app.addHook('onRequest', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // HSTS is only meaningful over HTTPS; browsers ignore it on plain HTTP.
    reply.header('strict-transport-security', hstsValue(ctx.config.tls?.hstsMaxAge ?? 31_536_000));
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/docs')) reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/api/') && !req.routeOptions.config?.cacheable && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // A full queue slows intake: a write is refused before it is taken, so nothing acknowledged is lost.
  app.addHook('onRequest', async (req) => {
    if (WRITES.has(req.method) && !req.url.startsWith('/api/staff/jobs/') && ctx.jobs.backlog() > ctx.config.jobQueueLimit) {
      throw new AppError(503, 'queue_full', 'Too much work is waiting; try again shortly', { retryAfter: QUEUE_FULL_RETRY_AFTER });
    }
  });
  // Authentication and authorisation run before the body is parsed or validated.
  app.addHook('onRequest', guard(ctx));
  // Every route declares what it processes; an undeclared one stops the server at start.
  app.addHook('onRoute', declarationsHook(ctx));
  // Before any schema: PostgreSQL rejects NUL in text, so one anywhere would otherwise be a 500
  // from whichever query met it first. One check here covers every field of every route.
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) throw invalidCharacter();
  });

  await registerRoutes(app, ctx);
  app.get('/openapi.json', { config: { access: 'public', noPersonalData: 'The API description' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
