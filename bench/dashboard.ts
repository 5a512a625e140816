// The analytics dashboard (issue 14) over one site's events, in process against the real store:
// PostgreSQL when BENCH_DATABASE_URL is set, else PGlite. Seeds the events in SQL
// (INSERT … SELECT generate_series, a million per statement), rolls the closed days up with the
// analytics-rollup job's own code, then times the console's analytics page for the last 30 days
// through the real HTTP pipeline (session, tenant transaction, the figures of the range and of
// the 30 days before, the render): everything the page needs. Targets: < 500 ms on PostgreSQL
// at 10,000,000 events, < 2 s on PGlite at 1,000,000.
//   DASH_EVENTS   events of the site (10,000,000 on PostgreSQL, 1,000,000 on PGlite)
//   DASH_DAYS     days they are spread over, ending now (400: a site's retention of 14 months)
//   DASH_RUNS     timed page loads after one warm-up (10)
//   DASH_RAW=1    also time the 30-day figures read from raw events only (no rollups), once
import { loadavg } from 'node:os';
import { siteFigures } from '../src/analytics/overview.ts';
import { ensurePartition } from '../src/analytics/partitions.ts';
import { addDays, dayOf } from '../src/analytics/ranges.ts';
import { rollUpAll } from '../src/analytics/rollup.ts';
import { createSite } from '../src/analytics/sites.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { inPlatform, inTenant } from '../src/db/scope.ts';
import { buildApp } from '../src/http/app.ts';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';

const ctx = await bootBenchContext();
const pg = ctx.db.kind === 'postgres';
const store = pg ? 'PostgreSQL' : 'PGlite';
const num = (name: string, d: number) => Number(process.env[name] ?? d);
const EVENTS = num('DASH_EVENTS', pg ? 10_000_000 : 1_000_000);
const DAYS = num('DASH_DAYS', 400);
const RUNS = num('DASH_RUNS', 10);
const TARGET_MS = pg ? 500 : 2000;
const CHUNK = 1_000_000;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

const m = await createBenchMerchant(ctx, 0);
const site = await inTenant(ctx.db, m.tenantId, (tx) => createSite(tx, m.tenantId, { origins: ['https://shop.example'], searchParam: 'q' }));
const cookie = await inPlatform(ctx.db, async (tx) => `${SESSION_COOKIE}=${(await createSession(tx, 'customer', m.userId)).token}`);

// Event g of n happens at now − span·(n−g)/n: evenly spread, 8 events per visitor a second or so
// apart (one visit), page popularity skewed, a third of visits referred, some with UTM keys.
const SEED = `
INSERT INTO analytics_events (site_id, at, kind, visitor_hash, path, referrer_host, utm_source, utm_medium, utm_campaign, goal, search_term,
  outbound_url, engaged_ms, visit_number, country, agent_family, os_family, form_factor, consent_analytics, consent_marketing, gpc)
SELECT $1, $2::timestamptz - make_interval(secs => $3::float8 * ($4::float8 - g) / $4::float8), k.kind, decode(md5((g / 8)::text), 'hex'),
       '/p' || floor(power(random(), 3) * 200)::int,
       CASE WHEN g % 8 = 0 AND random() < 0.35 THEN 'r' || floor(random() * 30)::int || '.example' END,
       CASE WHEN g % 8 = 0 AND random() < 0.2 THEN (ARRAY['zalo', 'facebook', 'google', 'tiktok'])[1 + floor(random() * 4)::int] END,
       CASE WHEN g % 8 = 0 AND random() < 0.2 THEN (ARRAY['cpc', 'social', 'email'])[1 + floor(random() * 3)::int] END,
       CASE WHEN g % 8 = 0 AND random() < 0.15 THEN 'campaign-' || floor(random() * 12)::int END,
       CASE WHEN k.kind = 'event' THEN (ARRAY['add_to_cart', 'checkout', 'signup', 'chat'])[1 + floor(random() * 4)::int] END,
       CASE WHEN k.kind = 'pageview' AND random() < 0.05 THEN 'term-' || floor(power(random(), 2) * 300)::int END,
       CASE WHEN k.kind = 'outbound' THEN 'https://o' || floor(random() * 20)::int || '.example/' END,
       CASE WHEN k.kind = 'engagement' THEN floor(random() * 120000)::int END, 1, NULL,
       (ARRAY['Chrome', 'Safari', 'Firefox', 'Edge', 'Samsung Internet'])[1 + ((g / 8) % 5)::int], (ARRAY['Android', 'iOS', 'Windows', 'macOS', 'Linux'])[1 + ((g / 40) % 5)::int],
       (ARRAY['mobile', 'desktop', 'tablet'])[1 + ((g / 8) % 3)::int], (g / 8) % 3 <> 0, (g / 8) % 5 = 0, (g / 8) % 7 = 0
  FROM generate_series($5::bigint, $6::bigint) g,
       LATERAL (SELECT CASE g % 8 WHEN 1 THEN 'consent' WHEN 5 THEN 'event' WHEN 6 THEN 'outbound' WHEN 7 THEN 'engagement' ELSE 'pageview' END AS kind) k`;

const now = new Date();
const spanS = DAYS * 86_400 - 60;
for (let d = 0; d <= DAYS; d += 20) await ensurePartition(ctx.db, new Date(now.getTime() - d * 86_400_000));
await ensurePartition(ctx.db, now);
const t0 = process.hrtime.bigint();
for (let from = 1; from <= EVENTS; from += CHUNK) {
  const to = Math.min(EVENTS, from + CHUNK - 1);
  await inPlatform(ctx.db, (tx) => tx.query(SEED, [site.id, now.toISOString(), spanS, EVENTS, from, to]));
  process.stderr.write(`seeded ${to.toLocaleString('en')} events\n`);
}
await ctx.db.exec('ANALYZE analytics_events');
const seedS = ms(t0) / 1000;

const t1 = process.hrtime.bigint();
const rolled = await rollUpAll(ctx.db, now);
await ctx.db.exec('ANALYZE analytics_daily');
const rollS = ms(t1) / 1000;
const [today] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events WHERE site_id = $1 AND at >= $2', [site.id, `${dayOf(now)}T00:00:00Z`]);
const [month] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_events WHERE site_id = $1 AND at >= $2', [site.id, `${addDays(dayOf(now), -29)}T00:00:00Z`]);

const app = await buildApp(ctx);
await app.ready();
const page = async () => {
  const t = process.hrtime.bigint();
  const r = await app.inject({ method: 'GET', url: `/console/analytics?site=${site.id}&range=30d&lang=vi`, headers: { cookie } });
  if (r.statusCode !== 200 || !r.body.includes('data-figure="visitors"')) throw new Error(`page failed: ${r.statusCode}`);
  return ms(t);
};
await page();
const times: number[] = [];
for (let i = 0; i < RUNS; i++) times.push(await page());

let rawMs: number | null = null;
if (process.env.DASH_RAW === '1') {
  const t = process.hrtime.bigint();
  await inPlatform(ctx.db, (tx) => siteFigures(tx, site.id, { from: addDays(dayOf(now), -29), to: dayOf(now) }, { rawOnly: true }));
  rawMs = ms(t);
}
await app.close();

const f = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 0 });
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`\n${store}, ${f(EVENTS)} events of one site over ${DAYS} days (${f(month!.n)} in the last 30 days, ${f(today!.n)} today); load average ${load}`);
console.log(`seeded in ${seedS.toFixed(1)} s; first rollup of ${rolled} days in ${rollS.toFixed(1)} s (${(rollS / Math.max(1, rolled)).toFixed(2)} s per day)\n`);
console.log('| 30-day overview page (vs the 30 days before) | measured | target | |\n|---|---:|---|---|');
const met = p(times, 0.5) < TARGET_MS;
console.log(`| median of ${RUNS} loads | ${f(p(times, 0.5))} ms | < ${f(TARGET_MS)} ms | ${met ? 'met' : 'MISSED'} |`);
console.log(`| slowest load | ${f(Math.max(...times))} ms | | |`);
if (rawMs !== null) console.log(`| the 30-day figures from raw events only (no rollups), once | ${f(rawMs)} ms | | |`);
await ctx.db.close();
