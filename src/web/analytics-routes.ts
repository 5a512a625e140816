/** The console's analytics page: the tenant's sites, each with its figures for two periods. */
import type { AppContext } from '../app/context.ts';
import { siteOverview } from '../analytics/overview.ts';
import { listSites } from '../analytics/sites.ts';
import { CAN } from '../auth/permissions.ts';
import type { UserActor } from '../auth/actor.ts';
import { inTenant } from '../db/scope.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { SendPage } from './console-routes.ts';
import { analyticsPage, type SiteFigures } from './pages/analytics-dashboard.tsx';

const DAY = 86_400_000;

export function registerAnalyticsPages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  const config = { access: 'user' as const, signIn: '/signin' as const, can: CAN.useConsole, noPersonalData: 'Counts and top pages of the tenant\'s sites; no visitor appears' };
  app.get('/console/analytics', { config, schema: { hide: true } }, async (req, reply) => {
    const tenantId = (req.actor as UserActor).tenantId;
    const end = new Date(Date.now() + 60_000);
    const mid = new Date(end.getTime() - 30 * DAY);
    const start = new Date(mid.getTime() - 30 * DAY);
    const sites: SiteFigures[] = await inTenant(ctx.db, tenantId, async (tx) => {
      const out: SiteFigures[] = [];
      for (const s of await listSites(tx)) out.push({ id: s.id, origins: s.origins, now: await siteOverview(tx, s.id, mid, end), before: await siteOverview(tx, s.id, start, mid) });
      return out;
    });
    return send(req, reply, (v) => analyticsPage(v, sites));
  });
}
