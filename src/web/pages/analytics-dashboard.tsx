import type { Overview } from '../../analytics/overview.ts';
import { BarChart } from '../components/bar-chart.tsx';
import type { Page, View } from '../view.ts';
import { consoleTabs, Empty } from './console-common.tsx';

export type SiteFigures = { id: string; origins: string[]; now: Overview; before: Overview };

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '–');
const change = (a: number, b: number) => (b === 0 ? '' : ` (${a >= b ? '+' : ''}${Math.round(((a - b) / b) * 100)}%)`);

/**
 * The console's analytics: per site, the last 30 days beside the 30 before — charts first, the
 * same figures in tables beside them. Counts only: no visitor, hash or account appears.
 * @clause C12 @clause C37
 */
export function analyticsPage(v: View, sites: readonly SiteFigures[]): Page {
  const { t } = v;
  return {
    title: t('console.nav.analytics'),
    body: (
      <>
        {consoleTabs(v)}
        <section class="panel" aria-labelledby="analytics-title">
          <h1 id="analytics-title">{t('console.nav.analytics')}</h1>
          <p class="lead">{t('console.analytics.lead')}</p>
          {sites.length === 0 && <Empty data-empty="analytics">{t('console.analytics.none')}</Empty>}
        </section>
        {sites.map((s) => (
          <section class="panel" aria-labelledby={`site-${s.id}`} data-site={s.id}>
            <h2 id={`site-${s.id}`}>{s.origins.join(', ')}</h2>
            <BarChart id={`pages-${s.id}`} title={t('console.analytics.topPages')} description={t('console.analytics.topPagesDesc')} unit={t('console.analytics.views')}
              bars={s.now.topPages.map((p) => ({ label: p.path, value: p.views }))} empty={t('console.analytics.empty')} />
            <table class="chart-table">
              <caption>{t('console.analytics.period')}</caption>
              <tbody>
                <tr><th scope="row">{t('console.analytics.visitors')}</th><td data-figure="visitors">{s.now.visitors}{change(s.now.visitors, s.before.visitors)}</td></tr>
                <tr><th scope="row">{t('console.analytics.pageviews')}</th><td data-figure="pageviews">{s.now.pageviews}{change(s.now.pageviews, s.before.pageviews)}</td></tr>
                <tr><th scope="row">{t('console.analytics.events')}</th><td>{s.now.events}</td></tr>
                <tr><th scope="row">{t('console.analytics.acceptedAnalytics')}</th><td>{pct(s.now.consent.analytics, s.now.consent.choices)}</td></tr>
                <tr><th scope="row">{t('console.analytics.acceptedMarketing')}</th><td>{pct(s.now.consent.marketing, s.now.consent.choices)}</td></tr>
                <tr><th scope="row">{t('console.analytics.gpc')}</th><td>{pct(s.now.consent.gpc, s.now.consent.choices)}</td></tr>
              </tbody>
            </table>
          </section>
        ))}
      </>
    ),
  };
}
