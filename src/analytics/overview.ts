/** The dashboard's figures for one site and period: counts and top lists, never a visitor. */
import type { Sql } from '../db/index.ts';

export type Overview = {
  visitors: number; pageviews: number; events: number;
  topPages: { path: string; views: number }[];
  consent: { choices: number; analytics: number; marketing: number; gpc: number };
};

/** Figures of `siteId` between `from` and `to` (the caller has checked the site is the tenant's). */
export async function siteOverview(tx: Sql, siteId: string, from: Date, to: Date): Promise<Overview> {
  const p = [siteId, from.toISOString(), to.toISOString()];
  const where = 'site_id = $1 AND at >= $2 AND at < $3';
  const [t] = await tx.query<{ visitors: string; pageviews: string; events: string; choices: string; analytics: string; marketing: string; gpc: string }>(
    `SELECT count(DISTINCT visitor_hash) FILTER (WHERE kind <> 'consent') AS visitors, count(*) FILTER (WHERE kind = 'pageview') AS pageviews,
            count(*) FILTER (WHERE kind = 'event') AS events, count(*) FILTER (WHERE kind = 'consent') AS choices,
            count(*) FILTER (WHERE kind = 'consent' AND consent_analytics) AS analytics, count(*) FILTER (WHERE kind = 'consent' AND consent_marketing) AS marketing,
            count(*) FILTER (WHERE kind = 'consent' AND gpc) AS gpc
       FROM analytics_events WHERE ${where}`, p);
  const top = await tx.query<{ path: string; views: string }>(
    `SELECT path, count(*) AS views FROM analytics_events WHERE ${where} AND kind = 'pageview' GROUP BY path ORDER BY 2 DESC, 1 LIMIT 10`, p);
  const n = (s: string | undefined) => Number(s ?? 0);
  return {
    visitors: n(t?.visitors), pageviews: n(t?.pageviews), events: n(t?.events),
    topPages: top.map((r) => ({ path: r.path, views: n(r.views) })),
    consent: { choices: n(t?.choices), analytics: n(t?.analytics), marketing: n(t?.marketing), gpc: n(t?.gpc) },
  };
}
