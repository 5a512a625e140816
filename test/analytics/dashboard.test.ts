import { expect, it } from 'vitest';
import { rollUpAll } from '../../src/analytics/rollup.ts';
import { siteFigures } from '../../src/analytics/overview.ts';
import { addDays, dayOf, startOf } from '../../src/analytics/ranges.ts';
import { at, eventRow, type Ev } from '../support/analytics.ts';
import { writerFor } from '../../src/analytics/writer.ts';
import type { EventRow } from '../../src/analytics/writer.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { runJob } from '../support/jobs.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const ORIGIN = 'https://shop-hoa-mai.example';
const CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const today = () => dayOf(new Date());
const row = eventRow;

async function newSite(h: Harness, m: Merchant): Promise<string> {
  const r = await h.app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: [ORIGIN], searchParam: 'q' } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

/**
 * Two closed days of known visits (written as the ingest writes them; the ingest itself refuses
 * events over 24 hours old), and today's through the real POST /api/collect.
 */
async function seedKnownVisits(h: Harness, site: string): Promise<{ d2: string; d1: string }> {
  const d2 = addDays(today(), -2);
  const d1 = addDays(today(), -1);
  const evs: Ev[] = [
    // A: one visit of two pages with a custom event, 8 minutes; then, 52 minutes later, a bounce.
    { who: 'A', kind: 'pageview', at: at(d2, '10:00'), path: '/', referrerHost: 'www.google.com', utmSource: 'zalo', utmCampaign: 'tet' },
    { who: 'A', kind: 'pageview', at: at(d2, '10:05'), path: '/lan-ho-diep', referrerHost: 'shop-hoa-mai.example' },
    { who: 'A', kind: 'event', at: at(d2, '10:06'), path: '/lan-ho-diep', goal: 'add_to_cart' },
    { who: 'A', kind: 'engagement', at: at(d2, '10:08'), path: '/lan-ho-diep', engagedMs: 180_000 },
    { who: 'A', kind: 'pageview', at: at(d2, '11:00'), path: '/lan-ho-diep' },
    { who: 'A', kind: 'consent', at: at(d2, '09:59'), consentAnalytics: true },
    // B: one page read for 30 s, a bounce, on a desktop Firefox; B's choice refused marketing and sent GPC.
    { who: 'B', kind: 'pageview', at: at(d2, '12:00'), path: '/', agentFamily: 'Firefox', osFamily: 'Windows', formFactor: 'desktop' },
    { who: 'B', kind: 'engagement', at: at(d2, '12:00', 30), path: '/', engagedMs: 30_000, agentFamily: 'Firefox', osFamily: 'Windows', formFactor: 'desktop' },
    { who: 'B', kind: 'consent', at: at(d2, '11:59'), consentAnalytics: true, gpc: true },
    // C (the next day): a search, then an outbound click 2 minutes later.
    { who: 'C', kind: 'pageview', at: at(d1, '08:00'), path: '/tim-kiem', searchTerm: 'lan trang' },
    { who: 'C', kind: 'outbound', at: at(d1, '08:02'), path: '/tim-kiem', outboundUrl: 'https://zalo.me/shop' },
    { who: 'C', kind: 'consent', at: at(d1, '07:59'), consentAnalytics: false, consentMarketing: false },
    { who: 'C', kind: 'consent', at: at(d1, '07:59', 5), consentAnalytics: true, consentMarketing: true },
  ];
  await writerFor(h.ctx.db).write(evs.map((e) => row(site, e)));
  // Today: one visitor through the real ingest, two page views.
  const url = (p: string) => `${ORIGIN}${p}?utm_source=facebook`;
  const r = await h.app.inject({
    method: 'POST', url: '/api/collect', remoteAddress: '203.0.113.9', headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': CHROME },
    payload: JSON.stringify({ site, consent: { analytics: true, marketing: false, gpc: false }, events: [{ kind: 'pageview', at: Date.now() - 60_000, url: url('/') }, { kind: 'pageview', at: Date.now() - 30_000, url: url('/lan-ho-diep') }] }),
  });
  expect(r.statusCode, r.body).toBe(202);
  return { d2, d1 };
}

const get = async (h: Harness, m: Merchant, url: string) => {
  const r = await h.app.inject({ method: 'GET', url, headers: m.headers });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r;
};

// Random events over `days` closed days and today: many visitors, pages, referrers, goals, searches.
function randomEvents(site: string, days: number, n: number, seed = 7): EventRow[] {
  let s = seed;
  const rnd = (k: number) => { s = (s * 1103515245 + 12345) % 2147483648; return s % k; };
  const out: EventRow[] = [];
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const t = new Date(now - rnd(days * 86_400) * 1000 - 5_000);
    const kinds = ['pageview', 'pageview', 'pageview', 'event', 'outbound', 'engagement', 'consent', 'search'] as const;
    const kind = kinds[rnd(kinds.length)]!;
    out.push(row(site, {
      who: `v${rnd(40)}`, kind, at: t, path: `/p${rnd(15)}`, referrerHost: rnd(3) ? null : `r${rnd(4)}.example`, utmSource: rnd(4) ? null : `s${rnd(3)}`,
      utmMedium: rnd(5) ? null : 'cpc', utmCampaign: rnd(6) ? null : `c${rnd(2)}`, goal: kind === 'event' ? `g${rnd(3)}` : null,
      searchTerm: kind === 'search' ? `t${rnd(5)}` : null, outboundUrl: kind === 'outbound' ? `https://o${rnd(3)}.example/` : null,
      consentAnalytics: rnd(2) === 0, consentMarketing: rnd(3) === 0, gpc: rnd(4) === 0, formFactor: rnd(2) ? 'mobile' : 'desktop', agentFamily: ['Chrome', 'Safari', 'Firefox'][rnd(3)]!,
    }));
  }
  return out;
}

describeEachStore('the analytics dashboard: figures, ranges, breakdowns and CSV (issue 14)', (h) => {
  it('[C12] visitors, visits, bounce rate, visit duration, entry/exit pages, referrers, UTM, devices, goals, outbound links, search terms and consent rates, per range with the period before', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const { d2, d1 } = await seedKnownVisits(h(), site);
    const o = (await get(h(), m, `/api/analytics/sites/${site}/overview?range=custom&from=${d2}&to=${d1}`)).json();
    expect(o.range).toMatchObject({ from: d2, to: d1, days: 2, previous: { from: addDays(d2, -2), to: addDays(d2, -1) } });
    // A: 2 visits, B: 1, C: 1. Bounces: A's second and B's. Durations 8 min + 0 + 30 s + 2 min.
    expect(o.totals).toEqual({ visitors: 3, visits: 4, pageviews: 5, events: 1, bounces: 2, bounceRate: 0.5, avgDurationMs: (480_000 + 30_000 + 120_000) / 4 });
    expect(o.previous).toMatchObject({ visitors: 0, visits: 0, bounceRate: null });
    expect(o.daily).toEqual([{ day: d2, visitors: 2, visits: 3, pageviews: 4 }, { day: d1, visitors: 1, visits: 1, pageviews: 1 }]);
    const b = o.breakdowns;
    expect(b.page.map((r: { value: string; pageviews: number }) => [r.value, r.pageviews])).toEqual([['/', 2], ['/lan-ho-diep', 2], ['/tim-kiem', 1]]);
    expect(b.entry.map((r: { value: string; visits: number; bounces: number }) => [r.value, r.visits, r.bounces])).toEqual([['/', 2, 1], ['/lan-ho-diep', 1, 1], ['/tim-kiem', 1, 0]]);
    expect(b.exit.map((r: { value: string; visits: number }) => [r.value, r.visits])).toEqual([['/lan-ho-diep', 2], ['/', 1], ['/tim-kiem', 1]]);
    // The referrer is the visit's first page view's: an internal referrer of a later page does not count.
    expect(b.referrer.map((r: { value: string; visits: number }) => [r.value, r.visits])).toEqual([['', 3], ['www.google.com', 1]]);
    expect(b.utm_source).toMatchObject([{ value: 'zalo', visits: 1 }]);
    expect(b.utm_campaign).toMatchObject([{ value: 'tet', visits: 1 }]);
    expect(b.device.map((r: { value: string; visitors: number }) => [r.value, r.visitors])).toEqual([['mobile', 2], ['desktop', 1]]);
    expect(b.browser.map((r: { value: string }) => r.value)).toEqual(['Chrome', 'Firefox']);
    expect(b.os.map((r: { value: string }) => r.value)).toEqual(['Android', 'Windows']);
    expect(b.goal).toMatchObject([{ value: 'add_to_cart', events: 1, visitors: 1 }]);
    expect(b.outbound).toMatchObject([{ value: 'https://zalo.me/shop', events: 1 }]);
    expect(b.search).toMatchObject([{ value: 'lan trang', events: 1 }]);
    expect(b.country).toMatchObject([{ value: '', visitors: 3 }]);
    // Three visitors chose; C's last choice (accept all) is the one that counts.
    expect(o.consent).toEqual({ choices: 3, analytics: 3, marketing: 1, gpc: 1 });

    // Presets: today holds only what came through the ingest today; a one-day range compares with the day before.
    const t = (await get(h(), m, `/api/analytics/sites/${site}/overview?range=today`)).json();
    expect([t.totals.visitors, t.totals.visits, t.totals.pageviews, t.totals.bounces]).toEqual([1, 1, 2, 0]);
    expect(t.breakdowns.utm_source).toMatchObject([{ value: 'facebook', visits: 1 }]);
    expect(t.previous).toMatchObject({ visitors: 1, visits: 1, pageviews: 1 });
    const week = (await get(h(), m, `/api/analytics/sites/${site}/overview?range=7d`)).json();
    expect([week.totals.visitors, week.totals.pageviews, week.daily.length]).toEqual([4, 7, 7]);
    const first = (await get(h(), m, `/api/analytics/sites/${site}/overview?days=30`)).json();
    expect(first).toMatchObject({ visitors: 4, pageviews: 7, events: 1 });
    // A range that is not one is a problem with its code, never a 5xx.
    const bad = await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/overview?range=custom&from=${d1}&to=${d2}`, headers: m.headers });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'range_invalid']);
    const long = await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/overview?from=2020-01-01&to=2026-01-01`, headers: m.headers });
    expect([long.statusCode, long.json().code]).toEqual([400, 'range_too_long']);
    const dim = await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/breakdowns/visitor_hash`, headers: m.headers });
    expect(dim.statusCode).toBe(400);
  });

  it('[C12] each breakdown is served as JSON and as CSV (values quoted, formulas neutralised); another shop gets 404', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const { d2, d1 } = await seedKnownVisits(h(), site);
    await writerFor(h().ctx.db).write([row(site, { who: 'D', kind: 'pageview', at: at(d1, '09:00'), path: '/d"q', searchTerm: '=1+2' })]);
    const q = `range=custom&from=${d2}&to=${d1}`;
    const json = (await get(h(), m, `/api/analytics/sites/${site}/breakdowns/entry?${q}`)).json();
    expect(json).toMatchObject({ dimension: 'entry', range: { from: d2, to: d1 } });
    expect(json.rows[0]).toEqual({ value: '/', visitors: 2, visits: 2, pageviews: 0, events: 0, bounces: 1 });
    const csv = await get(h(), m, `/api/analytics/sites/${site}/breakdowns/page?${q}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`page-${d2}-${d1}.csv`);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('"page","visitors","visits","pageviews","events","bounces"');
    expect(lines).toContain('"/","2","0","2","0","0"');
    expect(lines).toContain('"/d""q","1","0","1","0","0"');
    const search = await get(h(), m, `/api/analytics/sites/${site}/breakdowns/search?${q}&format=csv`);
    expect(search.body).toContain('"\'=1+2","1","0","0","1","0"');
    const referrers = await get(h(), m, `/api/analytics/sites/${site}/breakdowns/referrer?${q}&format=csv`);
    expect(referrers.body).toContain('"www.google.com","1","1","0","0","0"');
    const summary = await get(h(), m, `/api/analytics/sites/${site}/export.csv?${q}`);
    expect(summary.body).toContain('"visits","5","0"');
    expect(summary.body).toContain('"page:/","2",""');
    const other = await createMerchant(h());
    for (const url of [`/api/analytics/sites/${site}/breakdowns/page?format=csv`, `/api/analytics/sites/${site}/overview`]) {
      expect((await h().app.inject({ method: 'GET', url, headers: other.headers })).statusCode).toBe(404);
    }
  });

  it('[C12] the rollup job stores closed days with a watermark; the figures it gives equal the raw figures, and a late event of a day not yet final is counted on the next run', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    await writerFor(h().ctx.db).write(randomEvents(site, 12, 3000));
    const spans = [{ from: addDays(today(), -29), to: today() }, { from: addDays(today(), -6), to: addDays(today(), -2) }, { from: today(), to: today() }];
    const figures = (o: { rawOnly?: boolean }) => inPlatform(h().ctx.db, async (tx) => Promise.all(spans.map((s) => siteFigures(tx, site, s, { ...o, limit: 50 }))));
    const raw = await figures({ rawOnly: true });
    expect(raw[0]!.totals.visits).toBeGreaterThan(100);
    // A first run as if it were five days ago, cut short: it stops at the day before that "now".
    await rollUpAll(h().ctx.db, startOf(addDays(today(), -5)));
    const state = async () => (await inPlatform(h().ctx.db, (tx) => tx.query<{ r: string; f: string }>("SELECT to_char(rolled_through, 'YYYY-MM-DD') AS r, to_char(final_through, 'YYYY-MM-DD') AS f FROM analytics_rollup_state WHERE site_id = $1", [site])))[0];
    expect(await state()).toEqual({ r: addDays(today(), -6), f: addDays(today(), -8) });
    expect(await figures({})).toEqual(raw);
    // The job resumes from its watermark.
    await runJob(h(), 'analytics-rollup');
    expect((await state())!.r).toBe(addDays(today(), -1));
    const [stored] = await inPlatform(h().ctx.db, (tx) => tx.query<{ n: number; days: number }>('SELECT count(*)::int AS n, count(DISTINCT day)::int AS days FROM analytics_daily WHERE site_id = $1', [site]));
    expect(stored!.days).toBe(12);
    expect(await figures({})).toEqual(raw);
    // Yesterday is not final (events may still arrive up to 24 hours late): a late one is counted on the next run.
    await writerFor(h().ctx.db).write([row(site, { who: 'late', kind: 'pageview', at: at(addDays(today(), -1), '23:59'), path: '/late' })]);
    await runJob(h(), 'analytics-rollup');
    const late = await figures({});
    expect(late[0]!.breakdowns.page.find((p) => p.value === '/late')?.pageviews).toBe(1);
    expect(late).toEqual(await figures({ rawOnly: true }));
    // Read through the rollups, the overview answers the same as the raw figures.
    const api = (await get(h(), m, `/api/analytics/sites/${site}/overview?range=30d`)).json();
    expect(api.totals).toEqual(late[0]!.totals);
  });

  it('[C12][C36] the retention job deletes daily figures with the events they count, past the site\'s retention', async () => {
    const m = await createMerchant(h());
    const r = await h().app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: [ORIGIN], retentionMonths: 1 } });
    const site = r.json().id as string;
    await writerFor(h().ctx.db).write(randomEvents(site, 3, 200));
    await runJob(h(), 'analytics-rollup');
    const old = addDays(today(), -70);
    await inPlatform(h().ctx.db, (tx) => tx.query("INSERT INTO analytics_daily (site_id, day, dim, value, visitors, pageviews) VALUES ($1, $2::date, 'page', '/old', 1, 1)", [site, old]));
    await runJob(h(), 'analytics-retention');
    const days = await inPlatform(h().ctx.db, (tx) => tx.query<{ day: string }>("SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_daily WHERE site_id = $1 ORDER BY 1", [site]));
    expect(days.map((d) => d.day)).not.toContain(old);
    expect(days.length).toBeGreaterThan(0);
  });

  it('[C12] the console page shows the range\'s figures with the change on the period before, in Vietnamese and English', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const { d2, d1 } = await seedKnownVisits(h(), site);
    const page = async (q: string) => (await get(h(), m, `/console/analytics?${q}`)).body;
    const vi = await page(`lang=vi&site=${site}&range=custom&from=${d1}&to=${d1}`);
    expect(vi).toContain('Tỷ lệ thoát');
    expect(vi).toMatch(/data-figure="visits">1</);
    expect(vi).toMatch(/data-previous="visits">3</);
    expect(vi).toMatch(/data-delta="visits" class="delta-down">−67%</);
    expect(vi).toContain(`/api/analytics/sites/${site}/breakdowns/search?format=csv&amp;range=custom&amp;from=${d1}&amp;to=${d1}`);
    const en = await page(`lang=en&site=${site}&range=custom&from=${d2}&to=${d2}`);
    expect(en).toContain('Bounce rate');
    expect(en).toMatch(/data-figure="bounceRate">67%</);
    expect(en).toContain('Entry pages');
    const refused = await page(`lang=en&site=${site}&range=custom&from=${d1}&to=${d2}`);
    expect(refused).toContain('data-range-refused');
  });
});
