/**
 * The one definition of every dashboard figure, as per-day rows (site, UTC day, dimension,
 * value, counts). The rollup job stores these rows for closed days; the overview computes the
 * same rows from raw events for the days not rolled up yet and adds them up with the stored
 * ones, so a rollup can never disagree with the raw figures it replaces.
 *
 * Definitions (README "Dashboard"):
 * - a day is a UTC day: the visitor-hash salt's day, so one hash never spans two days;
 * - visitors are visitor-days (distinct hashes per day, summed over the range): with a daily
 *   salt a visitor of two days cannot be told apart from two visitors, by design (C12);
 * - a visit is a run of one hash's analytics events less than 30 minutes apart, holding at
 *   least one page view (the SDK's `visit_number` is set only with a cookie, so it is not used);
 * - a bounce is a visit with one page view and no custom event, outbound click or search
 *   (time-on-page beacons are sent on every page hide, so they do not count as interaction);
 * - a visit's duration runs from its first event to its last, the time-on-page beacon sent
 *   when the last page hides included;
 * - entry/exit pages, referrer and UTM values are those of the visit's first / last page view;
 * - consent rates: of the hashes that made a choice that day, those whose last choice accepted.
 */

/** The dimensions of a breakdown, as stored in `analytics_daily.dim`. */
export const DIMENSIONS = ['page', 'entry', 'exit', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign',
  'country', 'device', 'browser', 'os', 'goal', 'outbound', 'search'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What a breakdown is ranked by: the count a reader expects first. */
export const RANKED_BY: Record<Dimension, 'pageviews' | 'visits' | 'visitors' | 'events'> = {
  page: 'pageviews', entry: 'visits', exit: 'visits', referrer: 'visits', utm_source: 'visits', utm_medium: 'visits', utm_campaign: 'visits',
  country: 'visitors', device: 'visitors', browser: 'visitors', os: 'visitors', goal: 'events', outbound: 'events', search: 'events',
};

export const DAILY_COLUMNS = 'day, dim, value, visitors, visits, pageviews, events, bounces, duration_ms';

const ANALYTIC = "('pageview', 'event', 'outbound', 'search', 'engagement')";
const BOUNCE = 'pv = 1 AND acts = 0';

/**
 * SQL giving the per-day rows (`DAILY_COLUMNS`) of site `site` for events with `from <= at < to`;
 * the arguments are placeholders (`$1`) of the caller's statement.
 */
export function dailyRowsSql(site: string, from: string, to: string): string {
  const range = `site_id = ${site} AND at >= ${from}::timestamptz AND at < ${to}::timestamptz`;
  // The visit's first (min) or last (max) page view, found without sorting each visit: a key of
  // fixed-width time of day, then the values in a fixed order (ties are broken the same way every run).
  const PV = "ARRAY[to_char(at AT TIME ZONE 'UTC', 'HH24MISSUS'), path, coalesce(referrer_host, ''), coalesce(utm_source, ''), coalesce(utm_medium, ''), coalesce(utm_campaign, '')]";
  const perVisit = (dim: string, col: string, where = 'true') =>
    `SELECT day, '${dim}', ${col}, count(DISTINCT v)::int, count(*)::int, 0, 0, count(*) FILTER (WHERE ${BOUNCE})::int, sum(dur)::bigint FROM visits WHERE ${where} GROUP BY day, ${col}`;
  const perVisitor = (dim: string, col: string) =>
    `SELECT day, '${dim}', ${col}, count(DISTINCT v)::int, 0, 0, 0, 0, 0::bigint FROM agents GROUP BY day, ${col}`;
  const perEvent = (dim: string, col: string, where: string) =>
    `SELECT day, '${dim}', ${col}, count(DISTINCT v)::int, 0, 0, count(*)::int, 0, 0::bigint FROM ev WHERE ${where} GROUP BY day, ${col}`;
  return `
WITH ev AS MATERIALIZED (
  SELECT (at AT TIME ZONE 'UTC')::date AS day, visitor_hash AS v, at, kind, path, referrer_host, utm_source, utm_medium, utm_campaign,
         goal, search_term, outbound_url, country, form_factor, agent_family, os_family
    FROM analytics_events WHERE ${range} AND kind IN ${ANALYTIC}
), marked AS (
  -- Only what a visit needs goes through the sort.
  SELECT day, v, at, kind, path, referrer_host, utm_source, utm_medium, utm_campaign,
         CASE WHEN at - lag(at) OVER (PARTITION BY day, v ORDER BY at) < interval '30 minutes' THEN 0 ELSE 1 END AS starts FROM ev
), numbered AS (
  SELECT marked.*, sum(starts) OVER (PARTITION BY day, v ORDER BY at ROWS UNBOUNDED PRECEDING) AS n FROM marked
), visits AS MATERIALIZED (
  SELECT day, v, pv, acts, dur, f[2] AS entry, l[2] AS exit, f[3] AS referrer, nullif(f[4], '') AS utm_source, nullif(f[5], '') AS utm_medium, nullif(f[6], '') AS utm_campaign
    FROM (SELECT day, v, count(*) FILTER (WHERE kind = 'pageview') AS pv, count(*) FILTER (WHERE kind IN ('event', 'outbound', 'search')) AS acts,
                 (extract(epoch FROM max(at) - min(at)) * 1000)::bigint AS dur,
                 min(${PV}) FILTER (WHERE kind = 'pageview') AS f, max(${PV}) FILTER (WHERE kind = 'pageview') AS l
            FROM numbered GROUP BY day, v, n) g
   WHERE pv > 0
), agents AS (
  -- A hash is of one browser on one device (the user agent is in it): its families, once per day.
  SELECT DISTINCT day, v, coalesce(country, '') AS country, coalesce(form_factor, '') AS form_factor, coalesce(agent_family, '') AS agent_family, coalesce(os_family, '') AS os_family FROM ev
), choices AS (
  SELECT DISTINCT ON (day, v) (at AT TIME ZONE 'UTC')::date AS day, visitor_hash AS v, consent_analytics AS a, consent_marketing AS m, gpc AS g
    FROM analytics_events WHERE ${range} AND kind = 'consent'
   ORDER BY day, v, at DESC, consent_analytics, consent_marketing, gpc
), totals AS (
  SELECT day, count(*) FILTER (WHERE kind = 'pageview')::int AS pageviews, count(*) FILTER (WHERE kind = 'event')::int AS events FROM ev GROUP BY day
), visitor_totals AS (
  SELECT day, count(DISTINCT v)::int AS visitors FROM agents GROUP BY day
), visit_totals AS (
  SELECT day, count(*)::int AS visits, count(*) FILTER (WHERE ${BOUNCE})::int AS bounces, sum(dur)::bigint AS duration FROM visits GROUP BY day
)
SELECT t.day, 'total' AS dim, '' AS value, vv.visitors, coalesce(vt.visits, 0) AS visits, t.pageviews, t.events, coalesce(vt.bounces, 0) AS bounces, coalesce(vt.duration, 0)::bigint AS duration_ms
  FROM totals t JOIN visitor_totals vv ON vv.day = t.day LEFT JOIN visit_totals vt ON vt.day = t.day
UNION ALL SELECT day, 'page', path, count(DISTINCT v)::int, 0, count(*)::int, 0, 0, 0::bigint FROM ev WHERE kind = 'pageview' GROUP BY day, path
UNION ALL ${perVisit('entry', 'entry')}
UNION ALL ${perVisit('exit', 'exit')}
UNION ALL ${perVisit('referrer', 'referrer')}
UNION ALL ${perVisit('utm_source', 'utm_source', 'utm_source IS NOT NULL')}
UNION ALL ${perVisit('utm_medium', 'utm_medium', 'utm_medium IS NOT NULL')}
UNION ALL ${perVisit('utm_campaign', 'utm_campaign', 'utm_campaign IS NOT NULL')}
UNION ALL ${perVisitor('country', 'country')}
UNION ALL ${perVisitor('device', 'form_factor')}
UNION ALL ${perVisitor('browser', 'agent_family')}
UNION ALL ${perVisitor('os', 'os_family')}
UNION ALL ${perEvent('goal', 'goal', "kind = 'event' AND goal IS NOT NULL")}
UNION ALL ${perEvent('outbound', 'outbound_url', "kind = 'outbound' AND outbound_url IS NOT NULL")}
UNION ALL ${perEvent('search', 'search_term', 'search_term IS NOT NULL')}
UNION ALL SELECT day, 'consent', k.value, k.n, 0, 0, 0, 0, 0::bigint
  FROM (SELECT day, count(*)::int AS c, count(*) FILTER (WHERE a)::int AS ca, count(*) FILTER (WHERE m)::int AS cm, count(*) FILTER (WHERE g)::int AS cg FROM choices GROUP BY day) s
  CROSS JOIN LATERAL (VALUES ('choices', s.c), ('analytics', s.ca), ('marketing', s.cm), ('gpc', s.cg)) AS k(value, n)`;
}
