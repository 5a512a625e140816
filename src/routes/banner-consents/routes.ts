import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findSite, forgetSite } from '../../analytics/sites.ts';
import { ingest } from '../../analytics/ingest.ts';
import { CAN } from '../../auth/permissions.ts';
import { recordBannerChoice } from '../../consents/banner.ts';
import { inTenant } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import { acceptTextJson } from '../../http/text-json.ts';
import { merchantOf } from '../consents/access.ts';
import { BannerChoiceBody, BannerReceiptOut, NoticeVersionBody, SiteParams } from './schema.ts';

/**
 * `POST /api/banner-consents`: the consent banner's choice, recorded in the consent ledger as
 * proof before the banner applies it (C13, C37). Only the site's registered origins may send it
 * (CORS answers them alone); a page showing an older notice than the site's is told so, and the
 * banner asks again. The choice is also counted, without the consent id, for the dashboard's
 * consent rates.
 * @clause C13 @clause C37
 */
export const bannerConsentRoutes: RouteModule = async (app, ctx) => {
  // A new notice version (new cookies, new services): every banner on the site asks again.
  app.patch('/api/analytics/sites/:id/notice', {
    config: { noPersonalData: 'Sets the notice version a site\'s banner shows', can: CAN.manageConsents },
    schema: { params: SiteParams, body: NoticeVersionBody, tags: ['analytics'] },
  }, async (req) => {
    const actor = merchantOf(req);
    const [row] = await inTenant(ctx.db, actor.tenantId, (tx) => tx.query<{ id: string; notice_version: string }>(
      'UPDATE analytics_sites SET notice_version = $2 WHERE id = $1 RETURNING id, notice_version', [req.params.id, req.body.noticeVersion]));
    if (!row) throw notFound('site');
    forgetSite(row.id);
    return { id: row.id, noticeVersion: row.notice_version };
  });

  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    acceptTextJson(raw, 4 * 1024);
    raw.post('/api/banner-consents', {
      config: {
        access: 'public', requiresAcceptance: false, feature: 'analytics.banner_consent', can: CAN.anyone,
        subject: { admit: 'anonymous', why: 'A website visitor records their own cookie choice, known only by the consent id their browser keeps' },
        rateLimit: { max: 60, timeWindow: '1 minute' },
      },
      schema: { body: BannerChoiceBody, response: { 201: BannerReceiptOut, 200: BannerReceiptOut }, tags: ['analytics'] },
    }, async (req, reply) => {
      const b = req.body;
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const site = await findSite(ctx.db, b.site);
      if (!site) throw notFound('site');
      if (!origin || !site.origins.includes(origin)) throw forbidden('origin_not_registered', 'This site does not send choices from that origin');
      if (b.notice !== site.notice_version) throw new AppError(409, 'notice_outdated', 'The banner shows another notice than the site\'s: ask again', { current: site.notice_version });
      // Sec-GPC from the browser counts as much as the script's own reading of it.
      const gpc = b.gpc || req.headers['sec-gpc'] === '1';
      const receipt = await inTenant(ctx.db, site.tenant_id, (tx) => recordBannerChoice(tx, ctx.keys.audit, site, { ...b, visitor: b.visitor ?? null, gpc }));
      const given = Object.fromEntries(receipt.records.map((r) => [r.category, r.given]));
      const analytics = given.analytics === true;
      const marketing = given.marketing === true;
      if (!receipt.replayed) {
        // The anonymous count of the choice for consent rates; a refused count loses no proof.
        await ingest(ctx.db, { site: site.id, consent: { analytics, marketing, gpc: gpc || b.dnt }, events: [{ kind: 'consent', at: Date.now(), url: `${origin}/`, name: `notice-${site.notice_version}` }] },
          { ip: req.ip, ua: String(req.headers['user-agent'] ?? ''), origin, secGpc: gpc, userId: null }, { sitePerSecond: ctx.config.analyticsSiteEventsPerSecond }).catch(() => undefined);
      }
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      return reply.code(receipt.replayed ? 200 : 201).send({ visitor: receipt.visitor, noticeHash: receipt.noticeHash, replayed: receipt.replayed, analytics, marketing, records: receipt.records });
    });
  });
};
