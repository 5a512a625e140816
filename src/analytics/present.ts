/** The dashboard's figures as the API and CSV give them: counts only, never a visitor. */
import type { Sql } from '../db/index.ts';
import { badRequest } from '../errors.ts';
import type { Dimension } from './daily.ts';
import { siteFigures, type BreakdownRow, type Figures } from './overview.ts';
import { resolveRange, type Range, type RangeInput } from './ranges.ts';

/** The range a query names, or a 400 problem with its code. */
export function rangeOf(q: RangeInput, now = new Date()): Range {
  const r = resolveRange(q, now);
  if ('error' in r) throw badRequest(r.error, r.error === 'range_too_long' ? 'A range is at most 400 days' : 'A custom range needs from ≤ to, as YYYY-MM-DD');
  return r;
}

export type Overview = { range: Range; now: Figures; before: Figures };

/** The figures of a range and of the period before it. */
export async function loadOverview(tx: Sql, siteId: string, range: Range): Promise<Overview> {
  return { range, now: await siteFigures(tx, siteId, range), before: await siteFigures(tx, siteId, range.previous) };
}

/** The overview as the API answers it; the first fields are those of the API's first form. */
export function presentOverview(o: Overview) {
  const { now, before } = o;
  return {
    visitors: now.totals.visitors, pageviews: now.totals.pageviews, events: now.totals.events,
    topPages: now.breakdowns.page.map((p) => ({ path: p.value, views: p.pageviews })),
    consent: now.consent,
    range: o.range, totals: now.totals, previous: { ...before.totals, consent: before.consent },
    daily: now.daily, breakdowns: now.breakdowns,
  };
}

// Quoted, with a leading formula character neutralised, so a spreadsheet never runs a path as a formula.
const cell = (v: string | number) => { const s = String(v); return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`; };
/** CSV lines (header first) of `rows`. */
export const toCsv = (rows: readonly (readonly (string | number)[])[]): string => rows.map((l) => l.map(cell).join(',')).join('\n') + '\n';

/** One breakdown as CSV: the value, then every count. */
export function breakdownCsv(dim: Dimension, rows: readonly BreakdownRow[]): string {
  return toCsv([[dim, 'visitors', 'visits', 'pageviews', 'events', 'bounces'], ...rows.map((r) => [r.value, r.visitors, r.visits, r.pageviews, r.events, r.bounces])]);
}
