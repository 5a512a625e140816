import { z } from 'zod';
import type { RouteModule } from '../../http/routes.ts';

const Health = z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']), schemaVersion: z.number().int() });

export const healthRoutes: RouteModule = (app, ctx) => {
  app.get('/health', { config: { access: 'public', noPersonalData: 'Liveness' }, schema: { response: { 200: Health } } }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok' as const, store: ctx.db.kind, schemaVersion: ctx.schemaVersion };
  });
};
