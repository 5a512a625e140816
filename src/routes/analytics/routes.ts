import { buildSdk } from '../../../sdk/build.ts';
import { siteFigures } from '../../analytics/overview.ts';
import { breakdownCsv, loadOverview, presentOverview, rangeOf, toCsv } from '../../analytics/present.ts';
import { createSite, findSite, listSites, type Site } from '../../analytics/sites.ts';
import { CAN } from '../../auth/permissions.ts';
import type { Sql } from '../../db/index.ts';
import { inPlatform, inTenant } from '../../db/scope.ts';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import { merchantOf } from '../consents/access.ts';
import { BreakdownOut, BreakdownParams, BreakdownQuery, OverviewOut, RangeQuery, SiteCreate, SiteOut, SiteParams } from './schema.ts';
import { demoSite, marketingTag } from './demo.tsx';

const tags = ['analytics'];
const present = (s: Site) => ({ id: s.id, origins: s.origins, noticeVersion: s.notice_version, searchParam: s.search_param, retentionMonths: s.retention_months });
const OPEN = { access: 'public', requiresAcceptance: false } as const;

/**
 * A merchant's sites and their figures (aggregates only), the SDK files a site loads, and the
 * demo site that uses both.
 * @clause C12 @clause C37
 */
export const analyticsRoutes: RouteModule = async (app, ctx) => {
  const sdk = new Map((await buildSdk()).map((f) => [f.name, f.code]));

  app.post('/api/analytics/sites', { config: { noPersonalData: 'Registers a website: its origins and settings', can: CAN.manageConsents }, schema: { body: SiteCreate, response: { 201: SiteOut }, tags } }, async (req, reply) => {
    const actor = merchantOf(req);
    const site = await inTenant(ctx.db, actor.tenantId, (tx) => createSite(tx, actor.tenantId, req.body));
    return reply.code(201).send(present(site));
  });

  const ownSite = async (tx: Sql, id: string) => {
    // Row-level security on sites: another tenant's site id is simply not found.
    if (!(await listSites(tx)).some((s) => s.id === id)) throw notFound('site');
  };

  app.get('/api/analytics/sites/:id/overview', {
    config: { noPersonalData: 'Counts and top lists of a site: no visitor, hash or user appears', can: CAN.manageConsents },
    schema: { params: SiteParams, querystring: RangeQuery, response: { 200: OverviewOut }, tags },
  }, async (req) => {
    const actor = merchantOf(req);
    const range = rangeOf(req.query);
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      await ownSite(tx, req.params.id);
      return presentOverview(await loadOverview(tx, req.params.id, range));
    });
  });

  // One breakdown (pages, referrers, campaigns, devices…) of a range, as JSON or CSV for a spreadsheet.
  app.get('/api/analytics/sites/:id/breakdowns/:dim', {
    config: { noPersonalData: 'Counts per page, referrer, campaign, device, goal or search term of a site: no visitor, hash or user appears', can: CAN.manageConsents },
    // No response schema: the answer is JSON (BreakdownOut, checked below) or CSV.
    schema: { params: BreakdownParams, querystring: BreakdownQuery, tags },
  }, async (req, reply) => {
    const actor = merchantOf(req);
    const { format, limit, ...q } = req.query;
    const range = rangeOf(q);
    const dim = req.params.dim;
    const f = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      await ownSite(tx, req.params.id);
      return siteFigures(tx, req.params.id, range, { only: dim, limit: limit ?? 100 });
    });
    if (format !== 'csv') return BreakdownOut.parse({ dimension: dim, range: { from: range.from, to: range.to }, rows: f.breakdowns[dim] });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${dim}-${range.from}-${range.to}.csv"`).send(breakdownCsv(dim, f.breakdowns[dim]));
  });

  // The summary as CSV, for a spreadsheet: one row per figure, then the top pages.
  app.get('/api/analytics/sites/:id/export.csv', {
    config: { noPersonalData: 'Counts and top pages of a site as CSV: no visitor, hash or user appears', can: CAN.manageConsents },
    schema: { params: SiteParams, querystring: RangeQuery, tags },
  }, async (req, reply) => {
    const actor = merchantOf(req);
    const range = rangeOf(req.query);
    const o = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      await ownSite(tx, req.params.id);
      return presentOverview(await loadOverview(tx, req.params.id, range));
    });
    const t = o.totals;
    const lines: (string | number)[][] = [['figure', 'value', 'previous'], ['visitors', t.visitors, o.previous.visitors], ['visits', t.visits, o.previous.visits],
      ['pageviews', t.pageviews, o.previous.pageviews], ['events', t.events, o.previous.events], ['bounces', t.bounces, o.previous.bounces],
      ['avg_visit_ms', t.avgDurationMs ?? '', o.previous.avgDurationMs ?? ''],
      ['consent_choices', o.consent.choices, o.previous.consent.choices], ['accepted_analytics', o.consent.analytics, o.previous.consent.analytics],
      ['accepted_marketing', o.consent.marketing, o.previous.consent.marketing], ['gpc', o.consent.gpc, o.previous.consent.gpc],
      ...o.topPages.map((p) => [`page:${p.path}`, p.views, ''])];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="analytics-${range.from}-${range.to}.csv"`).send(toCsv(lines));
  });

  for (const name of ['banner', 'tracker'] as const) {
    app.get(`/assets/sdk/${name}.js`, { config: { ...OPEN, noPersonalData: 'The browser SDK a site loads' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(sdk.get(name)));
  }
  app.get('/assets/sdk/demo-marketing-tag.js', { config: { ...OPEN, noPersonalData: 'The demo site\'s marketing tag' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(marketingTag));
  // The demo website of this server: the first site registered for its own origin (the seeded demo shop's).
  app.get('/demo', { config: { ...OPEN, noPersonalData: 'Sends the visitor to the demo website' }, schema: { hide: true } }, async (_req, reply) => {
    const [site] = await inPlatform(ctx.db, (tx) => tx.query<{ id: string }>('SELECT id FROM analytics_sites WHERE $1 = ANY(origins) ORDER BY created_at LIMIT 1', [new URL(ctx.config.publicUrl).origin]));
    return site ? reply.redirect(`/demo/${site.id}`, 303) : reply.callNotFound();
  });
  app.get('/demo/:id', { config: { ...OPEN, noPersonalData: 'A demo merchant website using the banner and the tracker' }, schema: { params: SiteParams, hide: true } }, async (req, reply) => {
    const lang = (req.query as Record<string, string>).lang === 'en' ? 'en' : 'vi';
    return reply.type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
      .send(demoSite(req.params.id, lang, (await findSite(ctx.db, req.params.id))?.notice_version ?? '1'));
  });
};
