import { DIMENSIONS, RANKED_BY, type Dimension } from '../../analytics/daily.ts';
import type { Overview } from '../../analytics/present.ts';
import type { Totals } from '../../analytics/overview.ts';
import { PRESETS, type Range } from '../../analytics/ranges.ts';
import type { MessageKey } from '../i18n/index.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ColumnChart } from '../components/column-chart.tsx';
import type { Page, View } from '../view.ts';
import { consoleTabs, Empty } from './console-common.tsx';

export type DashboardData = {
  sites: readonly { id: string; origins: string[] }[];
  /** The site shown, with its figures; null when the tenant has no site. */
  site: { id: string; origins: string[]; overview: Overview } | null;
  /** The range asked for was not one; the default is shown. */
  rangeRefused: boolean;
};

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const share = (n: number, of: number) => (of > 0 ? n / of : null);
const duration = (ms: number | null) => {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const UNIT: Record<(typeof RANKED_BY)[Dimension], MessageKey> = { pageviews: 'console.analytics.pageviews', visits: 'analytics.visits', visitors: 'console.analytics.visitors', events: 'console.analytics.events' };

/** The query string of a range, for links that keep it (CSV, the language switch keeps its own). */
const rangeQuery = (r: Range) => (r.preset === 'custom' ? `range=custom&from=${r.from}&to=${r.to}` : `range=${r.preset}`);

/**
 * The console's analytics: for one site and range, the figures beside the period before —
 * charts first, the same figures in tables beside them, every breakdown as CSV. Counts only: no
 * visitor, hash or account appears. The range form is a GET form: it works without script.
 * @clause C12 @clause C37
 */
export function analyticsPage(v: View, data: DashboardData): Page {
  const { t } = v;
  const o = data.site?.overview;
  return {
    title: t('console.nav.analytics'),
    script: 'console-analytics',
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="analytics-title">
          <h1 id="analytics-title">{t('console.nav.analytics')}</h1>
          <p class="lead">{t('console.analytics.lead')}</p>
          {data.sites.length === 0 && <Empty data-empty="analytics">{t('console.analytics.none')}</Empty>}
          {data.site && o && <RangeForm v={v} sites={data.sites} site={data.site.id} range={o.range} />}
          {data.rangeRefused && <p class="field-error" role="alert" data-range-refused="">{t('analytics.range.invalid')}</p>}
        </section>
        {data.site && o && <SiteFigures v={v} id={data.site.id} origins={data.site.origins} o={o} />}
      </>
    ),
  };
}

function RangeForm({ v, sites, site, range }: { v: View; sites: DashboardData['sites']; site: string; range: Range }) {
  const { t } = v;
  return (
    <form method="get" action="/console/analytics" class="range-form" data-range-form="" aria-label={t('analytics.range.legend')}>
      <input type="hidden" name="lang" value={v.lang} />
      {sites.length > 1 ? (
        <label>{t('analytics.range.site')}
          <select name="site">{sites.map((s) => <option value={s.id} selected={s.id === site}>{s.origins.join(', ')}</option>)}</select>
        </label>
      ) : <input type="hidden" name="site" value={site} />}
      <label>{t('analytics.range.preset')}
        <select name="range">{PRESETS.map((p) => <option value={p} selected={p === range.preset}>{t(`analytics.range.${p}`)}</option>)}</select>
      </label>
      <label>{t('analytics.range.from')}<input type="date" name="from" value={range.from} /></label>
      <label>{t('analytics.range.to')}<input type="date" name="to" value={range.to} /></label>
      <button type="submit">{t('analytics.range.apply')}</button>
    </form>
  );
}

function Delta({ v, now, before, kind = 'relative', id }: { v: View; now: number | null; before: number | null; kind?: 'relative' | 'points'; id: string }) {
  const { text, dir } = deltaOf(now, before, kind);
  return <td data-delta={id} class={dir}>{text ?? v.t('analytics.new')}</td>;
}

// The change on the period before: relative (%), or in percentage points for a rate; null text: new since then.
function deltaOf(a: number | null, b: number | null, kind: 'relative' | 'points'): { text: string | null; dir: string } {
  if (a === null || b === null) return { text: '–', dir: '' };
  const d = kind === 'points' ? Math.round((a - b) * 100) : b === 0 ? null : Math.round(((a - b) / b) * 100);
  if (d === null) return a === 0 ? { text: '–', dir: '' } : { text: null, dir: 'delta-up' };
  const text = `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)}${kind === 'points' ? ' pp' : '%'}`;
  return { text, dir: d > 0 ? 'delta-up' : d < 0 ? 'delta-down' : '' };
}

function SiteFigures({ v, id, origins, o }: { v: View; id: string; origins: string[]; o: Overview }) {
  const { t } = v;
  const r = o.range;
  const now = o.now.totals;
  const before = o.before.totals;
  const q = rangeQuery(r);
  const api = `/api/analytics/sites/${id}`;
  const row = (key: keyof Totals, label: string, show: (x: Totals) => string, kind: 'relative' | 'points' = 'relative') => (
    <tr><th scope="row">{label}</th><td data-figure={key}>{show(now)}</td><td data-previous={key}>{show(before)}</td>
      <Delta v={v} id={key} now={now[key]} before={before[key]} kind={kind} /></tr>
  );
  const c = o.now.consent;
  const consentBars = [
    { label: t('console.analytics.acceptedAnalytics'), value: Math.round((share(c.analytics, c.choices) ?? 0) * 100) },
    { label: t('console.analytics.acceptedMarketing'), value: Math.round((share(c.marketing, c.choices) ?? 0) * 100) },
    { label: t('console.analytics.gpc'), value: Math.round((share(c.gpc, c.choices) ?? 0) * 100) },
  ];
  return (
    <section class="panel" aria-labelledby={`site-${id}`} data-site={id}>
      <h2 id={`site-${id}`}>{origins.join(', ')}</h2>
      <p data-span="">{t('analytics.range.span', { from: r.from, to: r.to, pfrom: r.previous.from, pto: r.previous.to })}</p>
      <p class="hint">{t('analytics.utcNote')}</p>
      <ColumnChart id={`daily-${id}`} title={t('analytics.daily')} description={t('analytics.dailyDesc', { from: r.from, to: r.to })} labelHead={t('analytics.day')}
        unit={t('console.analytics.visitors')} lineUnit={t('console.analytics.pageviews')}
        points={o.now.daily.map((d) => ({ label: d.day, value: d.visitors, line: d.pageviews }))} />
      <table class="chart-table summary-table" data-summary="">
        <caption>{t('analytics.summary')}</caption>
        <thead><tr><th scope="col">{t('analytics.figure')}</th><th scope="col">{t('analytics.value')}</th><th scope="col">{t('analytics.previous')}</th><th scope="col">{t('analytics.change')}</th></tr></thead>
        <tbody>
          {row('visitors', t('console.analytics.visitors'), (x) => String(x.visitors))}
          {row('visits', t('analytics.visits'), (x) => String(x.visits))}
          {row('pageviews', t('console.analytics.pageviews'), (x) => String(x.pageviews))}
          {row('bounceRate', t('analytics.bounceRate'), (x) => pct(x.bounceRate), 'points')}
          {row('avgDurationMs', t('analytics.duration'), (x) => duration(x.avgDurationMs))}
          {row('events', t('console.analytics.events'), (x) => String(x.events))}
        </tbody>
      </table>
      <p><a href={`${api}/export.csv?${q}`} download="">{t('analytics.exportAll')}</a></p>
      <div class="breakdowns">
        {DIMENSIONS.map((d) => <Breakdown v={v} site={id} dim={d} o={o} csv={`${api}/breakdowns/${d}?format=csv&${q}`} />)}
        <section class="breakdown" aria-labelledby={`consent-${id}`}>
          <h3 id={`consent-${id}`}>{t('analytics.consent')}</h3>
          <BarChart id={`consent-${id}-chart`} title={t('analytics.consent')} description={t('analytics.consentDesc', { n: c.choices })} unit={t('analytics.share')}
            bars={c.choices > 0 ? consentBars : []} empty={t('analytics.none')} />
          <table class="chart-table">
            <tbody>
              <tr><th scope="row">{t('analytics.choices')}</th><td data-consent="choices">{c.choices}</td></tr>
              <tr><th scope="row">{t('console.analytics.acceptedAnalytics')}</th><td data-consent="analytics">{pct(share(c.analytics, c.choices))}</td></tr>
              <tr><th scope="row">{t('console.analytics.acceptedMarketing')}</th><td data-consent="marketing">{pct(share(c.marketing, c.choices))}</td></tr>
              <tr><th scope="row">{t('console.analytics.gpc')}</th><td data-consent="gpc">{pct(share(c.gpc, c.choices))}</td></tr>
            </tbody>
          </table>
        </section>
      </div>
    </section>
  );
}

function Breakdown({ v, site, dim, o, csv }: { v: View; site: string; dim: Dimension; o: Overview; csv: string }) {
  const { t } = v;
  const rows = o.now.breakdowns[dim];
  const by = RANKED_BY[dim];
  const name = t(`analytics.dim.${dim}`);
  const unit = t(UNIT[by]);
  const label = (value: string) => (value !== '' ? value : dim === 'referrer' ? t('analytics.direct') : t('analytics.unknown'));
  // The page chart keeps its first id (pages-<site>), which earlier tests and links name.
  const chartId = dim === 'page' ? `pages-${site}` : `${dim}-${site}`;
  return (
    <section class="breakdown" aria-labelledby={`h-${chartId}`} data-breakdown={dim}>
      <h3 id={`h-${chartId}`}>{name}</h3>
      <BarChart id={chartId} title={name} description={t('analytics.dimDesc', { name, unit, from: o.range.from, to: o.range.to })} unit={unit}
        bars={rows.map((r) => ({ label: label(r.value), value: r[by] }))} empty={t('analytics.none')} />
      {rows.length > 0 && (
        <table class="chart-table">
          <thead><tr><th scope="col">{name}</th><th scope="col">{unit}</th>{by !== 'visitors' && <th scope="col">{t('console.analytics.visitors')}</th>}</tr></thead>
          <tbody>{rows.map((r) => <tr><th scope="row">{label(r.value)}</th><td>{r[by]}</td>{by !== 'visitors' && <td>{r.visitors}</td>}</tr>)}</tbody>
        </table>
      )}
      <p><a href={csv} download="" aria-label={t('analytics.csvOf', { name })}>{t('analytics.csv')}</a></p>
    </section>
  );
}
