/** The console's analytics page: one of the tenant's sites, its figures for a range and the period before. */
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { loadOverview } from '../analytics/present.ts';
import { PRESETS, resolveRange, type Range } from '../analytics/ranges.ts';
import { listSites } from '../analytics/sites.ts';
import { CAN } from '../auth/permissions.ts';
import type { UserActor } from '../auth/actor.ts';
import { inTenant } from '../db/scope.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { SendPage } from './console-routes.ts';
import { analyticsPage, type DashboardData } from './pages/analytics-dashboard.tsx';

// Read leniently, like the console's other pages: a value that is not one shows the default range with a note.
const Query = z.object({
  site: z.uuid().optional(), range: z.enum(PRESETS).optional(),
  from: z.string().max(10).optional(), to: z.string().max(10).optional(),
});

export function registerAnalyticsPages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  const config = { access: 'user' as const, signIn: '/signin' as const, can: CAN.useConsole, noPersonalData: 'Counts and top lists of the tenant\'s sites; no visitor appears' };
  app.get('/console/analytics', { config, schema: { hide: true } }, async (req, reply) => {
    const tenantId = (req.actor as UserActor).tenantId;
    const parsed = Query.safeParse(req.query);
    const q = parsed.data ?? {};
    const now = new Date();
    // A custom range whose ends were left empty reads as the preset's own days.
    const asked = resolveRange(q.range === 'custom' || !q.range ? q : { range: q.range }, now);
    const refused = !parsed.success || 'error' in asked;
    const range = 'error' in asked ? (resolveRange({}, now) as Range) : asked;
    const data: DashboardData = await inTenant(ctx.db, tenantId, async (tx) => {
      const sites = (await listSites(tx)).map((s) => ({ id: s.id, origins: s.origins }));
      const site = sites.find((s) => s.id === q.site) ?? sites[0];
      return { sites, rangeRefused: refused, site: site ? { ...site, overview: await loadOverview(tx, site.id, range) } : null };
    });
    return send(req, reply, (v) => analyticsPage(v, data));
  });
}
