import Fastify, { type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { badRequest } from '../errors.ts';
import { declarationsHook } from './admit.ts';
import { guard } from './guard.ts';
import { handleError, handleNotFound } from './problem.ts';
import { registerRoutes, type ZodFastify } from './routes.ts';

export type App = ZodFastify;
export const BODY_LIMIT = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds the HTTP server: one pipeline for every route, problem+json for every error. */
export async function buildApp(ctx: AppContext): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

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
      // The reviver drops prototype-polluting keys before any schema sees them.
      done(null, JSON.parse(text, (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v)));
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
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // HSTS is only meaningful over HTTPS; browsers ignore it on plain HTTP.
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Authentication and authorisation run before the body is parsed or validated.
  app.addHook('onRequest', guard(ctx));
  // Every route declares what it processes; an undeclared one stops the server at start.
  app.addHook('onRoute', declarationsHook(ctx));

  await registerRoutes(app, ctx);
  app.get('/openapi.json', { config: { access: 'public', noPersonalData: 'The API description' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
