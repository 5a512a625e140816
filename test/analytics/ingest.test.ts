import { expect, it } from 'vitest';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { collectSubjectData } from '../../src/dsr/access.ts';
import { eraseSubject } from '../../src/dsr/erase.ts';
import { ingestCounters } from '../../src/analytics/counters.ts';
import { destroyOldSalts } from '../../src/analytics/salts.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { runJob } from '../support/jobs.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const ORIGIN = 'https://shop-hoa-mai.example';
const CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IP = '203.0.113.77';
const YES = { analytics: true, marketing: false, gpc: false };

async function newSite(h: Harness, m: Merchant, extra: object = {}): Promise<string> {
  const r = await h.app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: [ORIGIN], searchParam: 'q', ...extra } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

const collect = (h: Harness, body: unknown, headers: Record<string, string> = {}, ip = IP) =>
  h.app.inject({ method: 'POST', url: '/api/collect', remoteAddress: ip, headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': CHROME, ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

const ev = (kind: string, extra: object = {}) => ({ kind, at: Date.now(), url: `${ORIGIN}/lan-ho-diep?utm_source=zalo&utm_campaign=tet&email=lan%40mail.example&q=lan+trang`, ...extra });
const rowsOf = (h: Harness, site: string) => inPlatform(h.ctx.db, (tx) => tx.query<Record<string, unknown>>('SELECT * FROM analytics_events WHERE site_id = $1 ORDER BY at, kind', [site]));
const everyValue = async (h: Harness) => {
  const tables = await h.ctx.db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  const parts: string[] = [];
  for (const { t } of tables) parts.push(JSON.stringify(await h.ctx.db.query(`SELECT * FROM ${t}`)));
  return parts.join('\n');
};

// A small per-site budget, so a flood is cut within a few requests.
describeEachStore('Log Data ingest (C12, C13, C37)', (h) => {
  it('[C12] page views, custom events, outbound clicks, site search and time on page are stored, the query string reduced to the allowed UTM keys and search term', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const r = await collect(h(), { site, consent: YES, events: [ev('pageview', { referrer: 'https://www.google.com/search?q=x', visit: 2 }), ev('event', { name: 'add_to_cart' }), ev('outbound', { href: 'https://zalo.me/shop?ref=secret' }), ev('search'), ev('engagement', { engagedMs: 4200 })] });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().accepted).toBe(5);
    const rows = await rowsOf(h(), site);
    expect(rows.map((x) => x.kind).sort()).toEqual(['engagement', 'event', 'outbound', 'pageview', 'search']);
    const pv = rows.find((x) => x.kind === 'pageview')!;
    expect(pv).toMatchObject({ path: '/lan-ho-diep', utm_source: 'zalo', utm_campaign: 'tet', search_term: 'lan trang', referrer_host: 'www.google.com', visit_number: 2, agent_family: 'Chrome', os_family: 'Android', form_factor: 'mobile' });
    expect(rows.find((x) => x.kind === 'event')!.goal).toBe('add_to_cart');
    expect(rows.find((x) => x.kind === 'outbound')!.outbound_url).toBe('https://zalo.me/shop');
    expect(rows.find((x) => x.kind === 'engagement')!.engaged_ms).toBe(4200);
    const all = await everyValue(h());
    expect(all).not.toContain('lan@mail.example');
    expect(all).not.toContain('ref=secret');
    // The dashboard's figures for the merchant.
    const o = await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/overview?days=30`, headers: m.headers });
    expect(o.json()).toMatchObject({ visitors: 1, pageviews: 1, events: 1, topPages: [{ path: '/lan-ho-diep', views: 1 }] });
    const csv = await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/export.csv`, headers: m.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"pageviews","1"');
    expect(csv.body).toContain('"page:/lan-ho-diep","1"');
    // Another shop cannot read this site's figures.
    const other = await createMerchant(h());
    expect((await h().app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/overview`, headers: other.headers })).statusCode).toBe(404);
  });

  it('[C12] after ingest no column of any table holds a full IP address (v4 or v6), nor the user agent, and no salt older than 48 hours exists', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    expect((await collect(h(), { site, consent: YES, events: [ev('pageview')] })).statusCode).toBe(202);
    const v6 = '2001:db8:abcd:12:3456:789a:bcde:f012';
    expect((await collect(h(), { site, consent: YES, events: [ev('pageview')] }, {}, v6)).statusCode).toBe(202);
    // A salt from three days ago, as a server that missed its job would hold it.
    await inPlatform(h().ctx.db, (tx) => tx.query("INSERT INTO analytics_salts (day, salt, created_at) VALUES (current_date - 3, decode(repeat('ab', 32), 'hex'), now() - interval '72 hours') ON CONFLICT DO NOTHING"));
    await runJob(h(), 'analytics-salts');
    const all = await everyValue(h());
    for (const needle of [IP, v6, '3456:789a', CHROME]) expect(all).not.toContain(needle);
    expect(h().logs.lines.join('\n')).not.toContain(IP);
    const [s] = await h().ctx.db.query<{ old: number; today: number }>("SELECT count(*) FILTER (WHERE created_at < now() - interval '48 hours')::int AS old, count(*) FILTER (WHERE day = (now() AT TIME ZONE 'UTC')::date)::int AS today FROM analytics_salts");
    expect(s).toEqual({ old: 0, today: 1 });
    // Two addresses of one network on one day are one visitor; the hash is 16 bytes, not an address.
    const rows = await rowsOf(h(), site);
    expect(new Set(rows.map((r) => Buffer.from(r.visitor_hash as Uint8Array).toString('hex'))).size).toBe(2);
  });

  it('[C13][C37] without analytics consent nothing but the choice is stored; retargeting needs marketing consent and no GPC', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const before = ingestCounters().no_consent;
    const none = { analytics: false, marketing: false, gpc: false };
    const r = await collect(h(), { site, consent: none, events: [ev('pageview'), ev('retarget'), ev('consent', { name: 'notice-1' })] });
    expect(r.json()).toEqual({ accepted: 1, dropped: { no_consent: 2 } });
    expect((await collect(h(), { site, consent: { analytics: true, marketing: true, gpc: false }, events: [ev('retarget')] }, { 'sec-gpc': '1' })).json().dropped).toEqual({ no_consent: 1 });
    expect((await collect(h(), { site, consent: { analytics: true, marketing: true, gpc: true }, events: [ev('retarget')] })).json().accepted).toBe(0);
    expect((await collect(h(), { site, consent: { analytics: true, marketing: true, gpc: false }, events: [ev('retarget')] })).json().accepted).toBe(1);
    expect(ingestCounters().no_consent - before).toBe(4);
    expect((await rowsOf(h(), site)).map((x) => x.kind)).toEqual(expect.arrayContaining(['consent', 'retarget']));
    expect((await rowsOf(h(), site)).filter((x) => x.kind === 'pageview')).toEqual([]);
  });

  it('bad input is refused or dropped with counters and never blocks another site', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const other = await newSite(h(), m);
    const c0 = ingestCounters();
    expect((await collect(h(), '{"site": ')).statusCode).toBe(400);
    expect((await collect(h(), { site, consent: YES, events: [ev('pageview', { url: 'x'.repeat(3000) })] })).statusCode).toBe(400);
    expect((await collect(h(), { site, consent: YES, events: Array.from({ length: 51 }, () => ev('pageview')) })).statusCode).toBe(400);
    expect((await collect(h(), `{"site":"${site}","pad":"${'x'.repeat(20_000)}"}`)).statusCode).toBe(413);
    const unknown = await collect(h(), { site: '00000000-0000-4000-8000-000000000000', consent: YES, events: [ev('pageview')] });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'collect_unknown_site']);
    expect((await collect(h(), { site, consent: YES, events: [ev('pageview')] }, { origin: 'https://evil.example' })).json().code).toBe('collect_forged_origin');
    expect((await collect(h(), { site, consent: YES, events: [ev('pageview')] }, { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).json().code).toBe('collect_bot');
    const skew = await collect(h(), { site, consent: YES, events: [ev('pageview', { at: Date.now() - 40 * 86_400_000 }), ev('pageview', { at: Date.now() + 86_400_000 })] });
    expect(skew.json()).toEqual({ accepted: 0, dropped: { clock_skew: 2 } });
    // A flood on one site is cut; the other site is still served.
    let cut = 0;
    for (let i = 0; i < 20 && cut === 0; i++) {
      const r = await collect(h(), { site, consent: YES, events: Array.from({ length: 50 }, () => ev('pageview')) });
      if (r.statusCode === 429) cut++;
      else expect(r.statusCode).toBe(202);
    }
    expect(cut).toBe(1);
    expect((await collect(h(), { site: other, consent: YES, events: [ev('pageview')] })).statusCode).toBe(202);
    const c1 = ingestCounters();
    for (const k of ['malformed', 'too_large', 'unknown_site', 'forged_origin', 'bot', 'clock_skew', 'rate_limited'] as const) expect(c1[k] - c0[k], k).toBeGreaterThan(0);
    expect(h().logs.lines.join('\n')).not.toMatch(/stack|at Object\./);
  });

  it('[C12][C13] a signed-in Customer\'s events are linked to them only with analytics consent, appear in their access export and go with erasure', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const withCookie = { cookie: m.headers.cookie! };
    await collect(h(), { site, consent: { analytics: false, marketing: false, gpc: false }, events: [ev('consent')] }, withCookie);
    await collect(h(), { site, consent: YES, events: [ev('pageview'), ev('search')] }, withCookie);
    const rows = await rowsOf(h(), site);
    expect(rows.filter((r) => r.user_id === m.userId).map((r) => r.kind).sort()).toEqual(['pageview', 'search']);
    expect(rows.find((r) => r.kind === 'consent')!.user_id).toBeNull();
    const deps = (tx: Parameters<Parameters<typeof inPlatform>[1]>[0]) => ({ tx, ring: keyringFor(h().ctx.config), keys: h().ctx.keys });
    const subject = { type: 'customer' as const, id: m.userId, tenantId: m.tenantId };
    const x = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), subject));
    const mine = x.tables.find((t) => t.table === 'analytics_events');
    expect(mine?.records.length).toBe(2);
    expect(mine!.records.flatMap((r) => r.fields.map((f) => f.value))).toContain('/lan-ho-diep');
    await inPlatform(h().ctx.db, (tx) => eraseSubject(deps(tx), subject));
    expect((await rowsOf(h(), site)).filter((r) => r.user_id !== null)).toEqual([]);
  });

  it('[C12] the retention job drops whole monthly partitions past the sites\' retention', async () => {
    const m = await createMerchant(h());
    await newSite(h(), m);
    await h().ctx.db.exec("CREATE TABLE IF NOT EXISTS analytics_events_p202401 PARTITION OF analytics_events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
    await runJob(h(), 'analytics-retention');
    const [left] = await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'analytics_events_p202401'");
    expect(left!.n).toBe(0);
  });
  it('[C12] fifty batches arriving at once on a day without a salt are all stored under one salt, each answered after its rows', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    // A fresh day for this store: no salt row, none cached (destroyOldSalts forgets the cached one).
    await inPlatform(h().ctx.db, async (tx) => { await destroyOldSalts(h().ctx.db, tx); await tx.query('DELETE FROM analytics_salts'); });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => collect(h(), { site, consent: YES, events: [ev('pageview', { url: `${ORIGIN}/p/${i}` }), ev('event', { name: 'view_item' })] })));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(50).fill(202));
    const rows = await rowsOf(h(), site);
    expect(rows.length).toBe(100);
    // One visitor (same truncated IP and agent): one hash, so every batch used the same salt.
    expect(new Set(rows.map((r) => Buffer.from(r.visitor_hash as Uint8Array).toString('hex'))).size).toBe(1);
    const [salts] = await inPlatform(h().ctx.db, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_salts'));
    expect(salts!.n).toBe(1);
  });
  it('a batch naming __proto__ or constructor, spelt plainly or with \\u escapes, has those keys dropped before the schema: the events are stored, nothing is polluted', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const body = JSON.stringify({ site, consent: YES, events: [ev('pageview')] });
    for (const key of ['"__proto__"', '"\\u005f_proto__"', '"constructor"', '"\\u0063onstructor"']) {
      const r = await collect(h(), body.replace('{"site"', `{${key}:{"polluted":true},"site"`));
      expect(r.statusCode, `${key}: ${r.body}`).toBe(202);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await rowsOf(h(), site)).length).toBe(4);
  });
}, { ANALYTICS_SITE_EVENTS_PER_SECOND: '300' });
