import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const ORIGIN = 'https://shop-hoa-mai.example';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function newSite(h: Harness, m: Merchant): Promise<string> {
  const r = await h.app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: [ORIGIN] } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

type Choice = { site: string; visitor?: string | null; choice?: string; notice?: string; lang?: 'vi' | 'en'; analytics: boolean; marketing: boolean; gpc?: boolean; dnt?: boolean; services?: { analytics: string[]; marketing: string[] } };
const choose = (h: Harness, c: Choice, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST', url: '/api/banner-consents', remoteAddress: '198.51.100.23',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': CHROME, ...headers },
    payload: JSON.stringify({ choice: randomUUID(), notice: '1', lang: 'vi', gpc: false, dnt: false, ...c }),
  });

type Rec = { purpose: string; given: boolean; marketing: boolean; method: string; evidence: string; notice_hash: string; wording: string; version: number; recorded_by_type: string };
const ledgerOf = (h: Harness, visitor: string) => inPlatform(h.ctx.db, (tx) => tx.query<Rec>(
  `SELECT r.purpose, r.given, r.marketing, r.method, r.evidence, r.notice_hash, n.wording, n.version, r.recorded_by_type
     FROM consent_records r JOIN consent_notices n ON n.id = r.notice_id
    WHERE r.subject_type = 'visitor' AND r.subject_id = $1 ORDER BY r.seq`, [visitor]));

describeEachStore('cookie choices in the consent ledger (C13, C37)', (h) => {
  it('[C13][C37] a banner choice becomes ledger records per category, given to the banner\'s exact words, and later choices join the same consent id', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const first = await choose(h(), { site, analytics: true, marketing: false });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['access-control-allow-origin']).toBe(ORIGIN);
    const { visitor } = first.json() as { visitor: string };
    expect(first.json()).toMatchObject({ analytics: true, marketing: false, replayed: false });
    let rows = await ledgerOf(h(), visitor);
    expect(rows.map((r) => [r.purpose, r.given, r.marketing, r.method, r.recorded_by_type])).toEqual([
      ['improve_service', true, false, 'banner', 'subject'], ['contact', false, true, 'banner', 'subject'],
    ]);
    // The proof names the words the visitor saw: their hash is the notice's, and they are the banner's Vietnamese.
    expect(rows[0]!.notice_hash).toBe(createHash('sha256').update(rows[0]!.wording, 'utf8').digest('hex'));
    expect(rows[0]!.wording).toContain('Quyền riêng tư của bạn');
    expect(rows[0]!.wording).toContain('Tiếp thị');
    expect(rows[0]!.evidence).toBe('gpc=0 dnt=0 site_notice=1 lang=vi');

    // Changing one's mind later ("privacy choices"): same consent id, new records, the latest in force.
    const again = await choose(h(), { site, visitor, analytics: false, marketing: true });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ visitor, analytics: false, marketing: true });
    rows = await ledgerOf(h(), visitor);
    expect(rows.slice(2).map((r) => [r.purpose, r.given])).toEqual([['improve_service', false], ['contact', true]]);
    // The same words, so the same notice.
    expect(new Set(rows.map((r) => r.notice_hash)).size).toBe(1);

    // The merchant's audit log has the choice, by ids only.
    const audit = await inPlatform(h().ctx.db, (tx) => tx.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'consent.banner_choice' AND target_id = $1", [visitor]));
    expect(audit).toHaveLength(2);
  });

  it('[C37] Global Privacy Control (the header or the script\'s reading) and Do Not Track refuse marketing whatever was clicked, and the record says which signal was on', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const viaHeader = await choose(h(), { site, analytics: true, marketing: true }, { 'sec-gpc': '1' });
    expect(viaHeader.json()).toMatchObject({ analytics: true, marketing: false });
    const dnt = await choose(h(), { site, analytics: false, marketing: true, dnt: true });
    expect(dnt.json()).toMatchObject({ marketing: false });
    const [h1, d1] = [await ledgerOf(h(), viaHeader.json().visitor), await ledgerOf(h(), dnt.json().visitor)];
    expect(h1.find((r) => r.purpose === 'contact')).toMatchObject({ given: false, evidence: 'gpc=1 dnt=0 site_notice=1 lang=vi' });
    expect(d1.find((r) => r.purpose === 'contact')).toMatchObject({ given: false, evidence: 'gpc=0 dnt=1 site_notice=1 lang=vi' });
  });

  it('[C13] a retried request records the choice once, even before the browser holds its consent id', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const choice = randomUUID();
    const a = await choose(h(), { site, choice, analytics: true, marketing: true, lang: 'en' });
    const b = await choose(h(), { site, choice, analytics: true, marketing: true, lang: 'en' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ visitor: a.json().visitor, replayed: true, analytics: true, marketing: true });
    expect(b.json().records).toEqual(a.json().records);
    expect(await ledgerOf(h(), a.json().visitor)).toHaveLength(2);
    const [{ n }] = await inPlatform(h().ctx.db, (tx) => tx.query<{ n: number }>("SELECT count(*)::int AS n FROM banner_visitors WHERE site_id = $1", [site])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('[C13] a new notice version makes the old banner\'s choice refused (the banner asks again), and the new words get their own notice', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const first = await choose(h(), { site, analytics: true, marketing: false });
    const visitor = first.json().visitor as string;
    const patch = await h().app.inject({ method: 'PATCH', url: `/api/analytics/sites/${site}/notice`, headers: m.headers, payload: { noticeVersion: '2026-12' } });
    expect(patch.statusCode, patch.body).toBe(200);
    const stale = await choose(h(), { site, visitor, analytics: true, marketing: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'notice_outdated', current: '2026-12' });
    const fresh = await choose(h(), { site, visitor, notice: '2026-12', analytics: true, marketing: false });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const rows = await ledgerOf(h(), visitor);
    expect(rows.map((r) => r.version)).toEqual([1, 1, 2, 2]);
    expect(rows[2]!.notice_hash).not.toBe(rows[0]!.notice_hash);
    // Another shop cannot change this site.
    const other = await createMerchant(h());
    expect((await h().app.inject({ method: 'PATCH', url: `/api/analytics/sites/${site}/notice`, headers: other.headers, payload: { noticeVersion: '3' } })).statusCode).toBe(404);
  });

  it('[C13] the services a page lists under each category are part of the words the choice is given to', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const services = { analytics: ['Pledge Analytics'], marketing: ['Facebook Pixel', 'Zalo Ads'] };
    const a = (await choose(h(), { site, analytics: true, marketing: true, services })).json().visitor as string;
    const b = (await choose(h(), { site, analytics: true, marketing: true })).json().visitor as string;
    const c = (await choose(h(), { site, analytics: false, marketing: false, services })).json().visitor as string;
    const [ra, rb, rc] = [await ledgerOf(h(), a), await ledgerOf(h(), b), await ledgerOf(h(), c)];
    expect(ra[0]!.wording).toContain('Tiếp thị: contact (marketing) (Facebook Pixel, Zalo Ads)');
    expect(rb[0]!.wording).not.toContain('Facebook Pixel');
    // Other words, another notice; the same words again, the same notice.
    expect(rb[0]!.notice_hash).not.toBe(ra[0]!.notice_hash);
    expect(rc[0]!.notice_hash).toBe(ra[0]!.notice_hash);
    expect((await choose(h(), { site, analytics: true, marketing: true, services: { analytics: ['=cmd|calc'], marketing: [] } })).statusCode).toBe(400);
  });

  it('[C13] bad input gets a clear error and records nothing: unknown site, forged origin, malformed or unexpected fields', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const count = async () => (await inPlatform(h().ctx.db, (tx) => tx.query<{ n: number }>("SELECT count(*)::int AS n FROM consent_records WHERE subject_type = 'visitor'")))[0]!.n;
    const before = await count();
    expect((await choose(h(), { site: randomUUID(), analytics: true, marketing: true })).statusCode).toBe(404);
    const forged = await choose(h(), { site, analytics: true, marketing: true }, { origin: 'https://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('origin_not_registered');
    expect(forged.headers['access-control-allow-origin']).toBeUndefined();
    const bad = await h().app.inject({ method: 'POST', url: '/api/banner-consents', headers: { 'content-type': 'text/plain', origin: ORIGIN }, payload: '{"site":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const extra = await h().app.inject({ method: 'POST', url: '/api/banner-consents', headers: { 'content-type': 'text/plain', origin: ORIGIN }, payload: JSON.stringify({ site, choice: randomUUID(), notice: '1', lang: 'vi', analytics: true, marketing: true, gpc: false, dnt: false, email: 'lan@mail.example' }) });
    expect(extra.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('[C13] tenancy is a wall: another shop\'s consent id is not joined, and the tenant role cannot write a record about a visitor it never issued', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const siteA = await newSite(h(), a);
    const siteB = await newSite(h(), b);
    const va = (await choose(h(), { site: siteA, analytics: true, marketing: false })).json().visitor as string;
    const vb = await choose(h(), { site: siteB, visitor: va, analytics: true, marketing: true });
    expect(vb.statusCode).toBe(201);
    expect(vb.json().visitor).not.toBe(va);
    expect(await ledgerOf(h(), va)).toHaveLength(2);
    // The database says no again, below the code: a record naming an unknown visitor.
    const [notice] = await inPlatform(h().ctx.db, (tx) => tx.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM consent_notices WHERE tenant_id = $1 LIMIT 1', [b.tenantId]));
    await expect(inTenant(h().ctx.db, b.tenantId, (tx) => tx.query(
      `INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, given, notice_id, notice_hash, method, recorded_by_type)
       VALUES ($1, 'visitor', $2, 'improve_service', true, $3, $4, 'banner', 'subject')`, [b.tenantId, va, notice!.id, notice!.content_hash]))).rejects.toThrow(/unknown visitor/);
  });
});

// The production per-address limit (RATE_LIMIT_PER_MINUTE, the collect route's floor of 600) and a site budget that does not cut first.
describeEachStore('a flood from one address (issue 14, bad input)', (h) => {
  it('[C12] one address flooding the ingest is cut with 429 while another address is still served', async () => {
    const m = await createMerchant(h());
    const site = await newSite(h(), m);
    const post = (ip: string) => h().app.inject({
      method: 'POST', url: '/api/collect', remoteAddress: ip, headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': CHROME },
      payload: JSON.stringify({ site, consent: { analytics: false, marketing: false, gpc: false }, events: [{ kind: 'consent', at: Date.now(), url: `${ORIGIN}/` }] }),
    });
    let limited = 0;
    for (let i = 0; i < 700 && limited === 0; i++) if ((await post('203.0.113.9')).statusCode === 429) limited = i;
    expect(limited).toBeGreaterThan(0);
    const cut = await post('203.0.113.9');
    expect(cut.statusCode).toBe(429);
    expect(cut.headers['content-type']).toContain('application/problem+json');
    expect((await post('203.0.113.10')).statusCode).toBe(202);
  });
}, { RATE_LIMIT_PER_MINUTE: '600', ANALYTICS_SITE_EVENTS_PER_SECOND: '100000' });
