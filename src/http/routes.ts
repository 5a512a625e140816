import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { healthRoutes } from '../routes/health/routes.ts';
import { subscriberRoutes } from '../routes/subscribers/routes.ts';

export type ZodFastify = FastifyInstance<
  RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider
>;

/** A resource's routes: one folder per resource, its schemas beside its routes. */
export type RouteModule = (app: ZodFastify, ctx: AppContext) => void | Promise<void>;

const MODULES: RouteModule[] = [healthRoutes, subscriberRoutes];

export async function registerRoutes(app: ZodFastify, ctx: AppContext): Promise<void> {
  for (const m of MODULES) await m(app, ctx);
}
