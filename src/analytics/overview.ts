/**
 * The dashboard's figures for one site and span of days: counts and top lists, never a visitor.
 * Days the rollup job has stored are read from `analytics_daily`; the days after its watermark
 * (today, and yesterday until the job has run) are computed from raw events by the same SQL
 * (daily.ts), and both are added up in one statement.
 */
import type { Sql } from '../db/index.ts';
import { DAILY_COLUMNS, DIMENSIONS, RANKED_BY, dailyRowsSql, type Dimension } from './daily.ts';
import { addDays, startOf, type DaySpan } from './ranges.ts';

export type Totals = {
  visitors: number; visits: number; pageviews: number; events: number; bounces: number;
  /** Share of visits that bounced, 0–1; null without visits. */
  bounceRate: number | null;
  /** Mean visit duration in milliseconds; null without visits. */
  avgDurationMs: number | null;
};
export type BreakdownRow = { value: string; visitors: number; visits: number; pageviews: number; events: number; bounces: number };
export type Figures = {
  span: DaySpan;
  totals: Totals;
  /** One entry per day of the span, days without events included. */
  daily: { day: string; visitors: number; visits: number; pageviews: number }[];
  breakdowns: Record<Dimension, BreakdownRow[]>;
  /** Visitors (visitor-days) who made a choice in the banner, and of them who accepted each category or sent GPC. */
  consent: { choices: number; analytics: number; marketing: number; gpc: number };
};

type Row = { part: 'top' | 'day'; day: string | null; dim: string; value: string; visitors: number; visits: number; pageviews: number; events: number; bounces: number; duration_ms: number };

const rank = `CASE dim ${Object.entries(RANKED_BY).map(([d, c]) => `WHEN '${d}' THEN ${c}`).join(' ')} ELSE 0 END`;
const SUMS = 'sum(visitors)::float8 AS visitors, sum(visits)::float8 AS visits, sum(pageviews)::float8 AS pageviews, sum(events)::float8 AS events, sum(bounces)::float8 AS bounces, sum(duration_ms)::float8 AS duration_ms';

// $1 site, $2..$3 stored days, $4..$5 raw instants, $6 rows per breakdown, $7 one dimension or null.
// Without days after the watermark the raw part is left out of the statement (no plan, no scan).
const figuresSql = (withRaw: boolean) => `
WITH ${withRaw ? `raw AS MATERIALIZED (${dailyRowsSql('$1', '$4', '$5')}),` : ''}
d AS (
  SELECT ${DAILY_COLUMNS} FROM analytics_daily WHERE site_id = $1 AND day >= $2::date AND day <= $3::date AND ($7::text IS NULL OR dim IN ($7, 'total'))
  ${withRaw ? 'UNION ALL SELECT ' + DAILY_COLUMNS + ' FROM raw WHERE $7::text IS NULL OR dim IN ($7, \'total\')' : 'AND $4::text IS NOT NULL AND $5::text IS NOT NULL'}
), s AS (
  SELECT dim, value, ${SUMS} FROM d GROUP BY dim, value
), ranked AS (
  SELECT s.*, row_number() OVER (PARTITION BY dim ORDER BY ${rank} DESC, value) AS rn FROM s
)
SELECT 'top' AS part, NULL AS day, dim, value, visitors, visits, pageviews, events, bounces, duration_ms FROM ranked WHERE rn <= $6 OR dim IN ('total', 'consent')
UNION ALL
SELECT 'day', to_char(day, 'YYYY-MM-DD'), dim, '', ${SUMS} FROM d WHERE dim = 'total' GROUP BY day, dim`;
const FIGURES = { raw: figuresSql(true), stored: figuresSql(false) };

/** The last day rolled up for `siteId`, or null when the job has not rolled any. */
export async function rolledThrough(tx: Sql, siteId: string): Promise<string | null> {
  const [r] = await tx.query<{ d: string }>("SELECT to_char(rolled_through, 'YYYY-MM-DD') AS d FROM analytics_rollup_state WHERE site_id = $1", [siteId]);
  return r?.d ?? null;
}

export type FigureOptions = { limit?: number; only?: Dimension; rawOnly?: boolean };

/** Figures of `siteId` over `span` (the caller has checked the site is the tenant's). */
export async function siteFigures(tx: Sql, siteId: string, span: DaySpan, o: FigureOptions = {}): Promise<Figures> {
  const rolled = o.rawOnly ? null : await rolledThrough(tx, siteId);
  // Stored days: from..min(to, rolled); raw: the rest of the span.
  const storedTo = rolled && rolled < span.to ? rolled : span.to;
  const stored = rolled !== null && storedTo >= span.from;
  const rawFrom = stored ? addDays(storedTo, 1) : span.from;
  const rawTo = addDays(span.to, 1);
  const rows = await tx.query<Row>(rawFrom < rawTo ? FIGURES.raw : FIGURES.stored, [
    siteId, stored ? span.from : '1970-01-02', stored ? storedTo : '1970-01-01',
    startOf(rawFrom < rawTo ? rawFrom : rawTo).toISOString(), startOf(rawTo).toISOString(), o.limit ?? 10, o.only ?? null,
  ]);
  return assemble(span, rows);
}

const n = (x: unknown) => Number(x ?? 0);

function assemble(span: DaySpan, rows: readonly Row[]): Figures {
  const breakdowns = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as BreakdownRow[]])) as Record<Dimension, BreakdownRow[]>;
  const consent = { choices: 0, analytics: 0, marketing: 0, gpc: 0 };
  let total: Row | undefined;
  const byDay = new Map<string, Row>();
  for (const r of rows) {
    if (r.part === 'day') { byDay.set(r.day!, r); continue; }
    if (r.dim === 'total') total = r;
    else if (r.dim === 'consent') { if (r.value in consent) consent[r.value as keyof typeof consent] = n(r.visitors); }
    else if (r.dim in breakdowns) breakdowns[r.dim as Dimension].push({ value: r.value, visitors: n(r.visitors), visits: n(r.visits), pageviews: n(r.pageviews), events: n(r.events), bounces: n(r.bounces) });
  }
  for (const d of DIMENSIONS) breakdowns[d].sort((a, b) => b[RANKED_BY[d]] - a[RANKED_BY[d]] || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const visits = n(total?.visits);
  const daily: Figures['daily'] = [];
  for (let day = span.from; day <= span.to; day = addDays(day, 1)) {
    const r = byDay.get(day);
    daily.push({ day, visitors: n(r?.visitors), visits: n(r?.visits), pageviews: n(r?.pageviews) });
  }
  return {
    span, daily, breakdowns, consent,
    totals: {
      visitors: n(total?.visitors), visits, pageviews: n(total?.pageviews), events: n(total?.events), bounces: n(total?.bounces),
      bounceRate: visits > 0 ? n(total?.bounces) / visits : null,
      avgDurationMs: visits > 0 ? Math.round(n(total?.duration_ms) / visits) : null,
    },
  };
}
