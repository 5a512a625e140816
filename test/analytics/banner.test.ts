import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { inPlatform } from '../../src/db/scope.ts';
import { describeInBrowser, type BrowserHarness } from '../support/browser.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { seedDemo } from '../../src/seed/demo.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Headless Chromium names itself in its user agent, which the ingest drops as a bot: a visitor's browser does not.
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function visitorContext(b: BrowserHarness, o: { gpc?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await b.browser.newContext({ baseURL: b.baseUrl, userAgent: UA, locale: o.locale ?? 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(15_000);
  await context.route('**/*', (route) => (route.request().url().startsWith(`${b.baseUrl}/`) ? route.continue() : route.abort('blockedbyclient')));
  if (o.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  return context;
}

async function serious(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => (window as unknown as { axe: { run(c: Element, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe.run(document.body, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

const cookieNames = async (c: BrowserContext) => (await c.cookies()).map((k) => k.name);
const marketingRuns = (p: Page) => p.evaluate(() => (window as unknown as { __marketingRuns?: number }).__marketingRuns ?? 0);
const kinds = async (b: BrowserHarness, site: string) =>
  (await inPlatform(b.h.ctx.db, (tx) => tx.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM analytics_events WHERE site_id = $1 GROUP BY kind', [site])))
    .reduce<Record<string, number>>((a, r) => ({ ...a, [r.kind]: r.n }), {});

describeInBrowser('the consent banner and tracker on a merchant\'s site', (b) => {
  let m: Merchant;
  let site: string;
  const setup = async () => {
    m = await createMerchant(b().h);
    const r = await b().h.app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: [b().baseUrl] } });
    expect(r.statusCode, r.body).toBe(201);
    site = r.json().id as string;
  };

  it('[C13][C37] a vi page shows the banner in Vietnamese, accessible; "reject all" keeps the marketing script from running and sets no analytics cookie, across reloads', async () => {
    await setup();
    const context = await visitorContext(b());
    const page = await context.newPage();
    await page.goto(`/demo/${site}?lang=vi`);
    const dialog = page.getByRole('dialog', { name: 'Quyền riêng tư của bạn' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await serious(page)).toEqual([]);
    // Keyboard only: focus starts inside the dialog and Tab stays there.
    expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    await page.getByRole('button', { name: 'Từ chối tất cả' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.reload();
    await page.waitForLoadState('load');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await marketingRuns(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('script[data-category="marketing"]')?.getAttribute('type'))).toBe('text/plain');
    const names = await cookieNames(context);
    expect(names).toContain('pledge_consent');
    expect(names).not.toContain('_pa');
    expect(names).not.toContain('_pm');
    // Only the choice itself reached the ingest: no page view without consent.
    await expect.poll(() => kinds(b(), site)).toEqual({ consent: 1 });
    await context.close();
  });

  it('[C13][C37] with Global Privacy Control on, marketing is off without a click, stays off on "accept all", and the choice records GPC', async () => {
    await setup();
    const context = await visitorContext(b(), { gpc: true });
    const page = await context.newPage();
    await page.goto(`/demo/${site}?lang=vi`);
    expect(await page.evaluate(() => (window as unknown as { pledge: { consent: { get(): { marketing: boolean; gpc: boolean } } } }).pledge.consent.get())).toMatchObject({ marketing: false, gpc: true });
    await page.getByRole('button', { name: 'Chấp nhận tất cả' }).click();
    await expect.poll(async () => (await kinds(b(), site)).consent ?? 0).toBe(1);
    expect(await marketingRuns(page)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[][] }).dataLayer.map((a) => [a[0], a[1], (a[2] as Record<string, string>).ad_storage]))).toEqual([
      ['consent', 'default', 'denied'], ['consent', 'update', 'denied'],
    ]);
    const [choice] = await inPlatform(b().h.ctx.db, (tx) => tx.query<{ gpc: boolean; consent_marketing: boolean; consent_analytics: boolean }>("SELECT gpc, consent_marketing, consent_analytics FROM analytics_events WHERE site_id = $1 AND kind = 'consent'", [site]));
    expect(choice).toEqual({ gpc: true, consent_marketing: false, consent_analytics: true });
    await context.close();
  });

  it('[C12][C13] accepting analytics makes page views (SPA navigation too) appear in the dashboard, with the visit counter cookie set only then', async () => {
    await setup();
    const context = await visitorContext(b());
    const page = await context.newPage();
    await page.goto(`/demo/${site}?lang=vi`);
    expect(await cookieNames(context)).not.toContain('_pa');
    await page.getByRole('button', { name: 'Tùy chọn' }).click();
    await page.getByRole('checkbox', { name: 'Phân tích' }).check();
    await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await page.evaluate(() => history.pushState({}, '', '/demo/spa-step?utm_source=zalo'));
    // The tracker's beacons are in flight: wait for what the dashboard counts, not for an idle network.
    const overview = async () => (await b().h.app.inject({ method: 'GET', url: `/api/analytics/sites/${site}/overview`, headers: m.headers })).json() as { pageviews: number; topPages: { path: string }[] };
    await expect.poll(async () => (await overview()).pageviews, { timeout: 20_000 }).toBe(2);
    expect((await overview()).topPages.map((p) => p.path).sort()).toEqual([`/demo/${site}`, '/demo/spa-step']);
    expect(await cookieNames(context)).toContain('_pa');
    expect(await marketingRuns(page)).toBe(0);
    await context.close();
    // The merchant's console dashboard shows them, chart first, and passes axe-core.
    const console = await b().newPage();
    await console.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    expect((await console.goto('/console/analytics?lang=vi'))?.status()).toBe(200);
    expect(await console.locator(`[data-site="${site}"] [data-figure="pageviews"]`).textContent()).toBe('2');
    expect(await console.locator(`[data-chart="pages-${site}"] [data-bar="/demo/spa-step"]`).count()).toBe(1);
    expect(await serious(console)).toEqual([]);
    await console.context().close();
  });

  it('[C37] the marketing tag runs only with marketing consent, and opting out through "privacy choices" stops it and its retargeting events at once', async () => {
    await setup();
    const context = await visitorContext(b(), { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`/demo/${site}?lang=en`);
    await page.getByRole('dialog', { name: 'Your privacy' }).waitFor();
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => marketingRuns(page)).toBe(1);
    await expect.poll(async () => (await kinds(b(), site)).retarget ?? 0).toBe(1);
    expect(await cookieNames(context)).toContain('_pm');
    await page.getByRole('link', { name: 'Privacy choices' }).click();
    await page.getByRole('button', { name: 'Reject all' }).click();
    await expect.poll(async () => (await kinds(b(), site)).consent ?? 0).toBe(2);
    expect(await cookieNames(context)).not.toContain('_pm');
    expect(await cookieNames(context)).not.toContain('_pa');
    await page.reload({ waitUntil: 'load' });
    await page.waitForTimeout(300);
    expect(await marketingRuns(page)).toBe(0);
    expect((await kinds(b(), site)).retarget).toBe(1);
    expect(b().pageErrors).toEqual([]);
    await context.close();
  });

  it('[C13][C37] every choice is in the consent ledger under the consent id the cookie keeps; Do Not Track keeps marketing off; a new notice version asks again', async () => {
    await setup();
    const context = await visitorContext(b());
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
    const page = await context.newPage();
    await page.goto(`/demo/${site}?lang=vi`);
    await page.getByRole('button', { name: 'Chấp nhận tất cả' }).click();
    // The ledger's receipt gives the consent id, which the choice cookie then keeps.
    const consentId = async () => decodeURIComponent((await context.cookies()).find((c) => c.name === 'pledge_consent')?.value ?? '').split('|')[5] ?? '';
    await expect.poll(consentId).toMatch(/^[0-9a-f-]{36}$/);
    const visitor = await consentId();
    const ledger = () => inPlatform(b().h.ctx.db, (tx) => tx.query<{ purpose: string; given: boolean; evidence: string; version: number }>(
      `SELECT r.purpose, r.given, r.evidence, n.version FROM consent_records r JOIN consent_notices n ON n.id = r.notice_id
        WHERE r.subject_type = 'visitor' AND r.subject_id = $1 ORDER BY r.seq`, [visitor]));
    expect((await ledger()).map((r) => [r.purpose, r.given, r.evidence])).toEqual([
      ['improve_service', true, 'gpc=0 dnt=1 site_notice=1 lang=vi'], ['contact', false, 'gpc=0 dnt=1 site_notice=1 lang=vi'],
    ]);
    expect(await marketingRuns(page)).toBe(0);
    // The shop adds a cookie to its notice: the next page view asks again, under the same consent id.
    const patch = await b().h.app.inject({ method: 'PATCH', url: `/api/analytics/sites/${site}/notice`, headers: m.headers, payload: { noticeVersion: '2' } });
    expect(patch.statusCode, patch.body).toBe(200);
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('dialog', { name: 'Quyền riêng tư của bạn' }).waitFor();
    await page.getByRole('button', { name: 'Tùy chọn' }).click();
    expect(await page.locator('#pc-id').textContent()).toBe(`Mã đồng ý: ${visitor}`);
    await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await expect.poll(async () => (await ledger()).length).toBe(4);
    expect((await ledger()).slice(2).map((r) => [r.purpose, r.given, r.version])).toEqual([['improve_service', false, 2], ['contact', false, 2]]);
    expect(b().pageErrors).toEqual([]);
    await context.close();
  });

  it('[C13] the home page links the seeded demo shop\'s website, which loads the banner and the tracker', async () => {
    await seedDemo(b().h.ctx);
    const context = await visitorContext(b());
    const page = await context.newPage();
    await page.goto('/?lang=vi');
    await page.locator('a[href="/demo"]').click();
    await page.getByRole('dialog', { name: 'Quyền riêng tư của bạn' }).waitFor();
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')).filter(Boolean))).toEqual(expect.arrayContaining(['/assets/sdk/banner.js', '/assets/sdk/tracker.js']));
    await context.close();
  });
});
