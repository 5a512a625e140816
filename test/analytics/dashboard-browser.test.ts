import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, dayOf } from '../../src/analytics/ranges.ts';
import { writerFor } from '../../src/analytics/writer.ts';
import { at, eventRow, type Ev } from '../support/analytics.ts';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function serious(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => (window as unknown as { axe: { run(c: Element, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe.run(document.body, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describeInBrowser('the analytics dashboard in Chromium (issue 14)', (b) => {
  it('[C12] the dashboard shows charts first and tables beside them, passes axe-core, and the date-range picker changes the figures', async () => {
    const m = await createMerchant(b().h);
    const r = await b().h.app.inject({ method: 'POST', url: '/api/analytics/sites', headers: m.headers, payload: { origins: ['https://shop-hoa-mai.example'] } });
    const site = r.json().id as string;
    const today = dayOf(new Date());
    const d3 = addDays(today, -3);
    // Three visitors three days ago (one from Zalo), one today.
    const evs: Ev[] = [
      { who: 'A', kind: 'pageview', at: at(d3, '09:00'), path: '/', utmSource: 'zalo' },
      { who: 'A', kind: 'pageview', at: at(d3, '09:03'), path: '/lan-ho-diep' },
      { who: 'B', kind: 'pageview', at: at(d3, '10:00'), path: '/', formFactor: 'desktop' },
      { who: 'C', kind: 'pageview', at: at(d3, '11:00'), path: '/tim-kiem', searchTerm: 'lan trang' },
      { who: 'C', kind: 'consent', at: at(d3, '10:59'), consentAnalytics: true, gpc: true },
      { who: 'D', kind: 'pageview', at: new Date(Date.now() - 60_000), path: '/' },
    ];
    await writerFor(b().h.ctx.db).write(evs.map((e) => eventRow(site, e)));

    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    expect((await page.goto('/console/analytics?lang=vi'))?.status()).toBe(200);
    const figure = (k: string) => page.locator(`[data-site="${site}"] [data-figure="${k}"]`).textContent();
    // The last 30 days by default: four visitors; the daily chart comes before the summary table.
    expect(await figure('visitors')).toBe('4');
    expect(await figure('pageviews')).toBe('5');
    const order = await page.evaluate(() => [...document.querySelectorAll('[data-chart^="daily-"], [data-summary]')].map((e) => (e.hasAttribute('data-summary') ? 'table' : 'chart')));
    expect(order).toEqual(['chart', 'table']);
    await expect.poll(() => page.getByRole('img', { name: /Khách truy cập mỗi ngày/ }).count()).toBe(1);
    expect(await page.locator(`[data-chart="utm_source-${site}"] [data-bar="zalo"]`).count()).toBe(1);
    expect(await page.locator('[data-consent="gpc"]').textContent()).toBe('100%');
    expect(await serious(page)).toEqual([]);

    // Today only: the picker, by keyboard-reachable controls, re-renders the page with today's figures.
    await page.getByRole('combobox', { name: /^Khoảng/ }).selectOption('today');
    await Promise.all([page.waitForURL(/range=today/), page.getByRole('button', { name: 'Xem số liệu' }).click()]);
    expect(await figure('visitors')).toBe('1');
    expect(await figure('pageviews')).toBe('1');
    expect(await page.locator(`[data-chart="utm_source-${site}"]`).count()).toBe(0);

    // A custom range of the one day three days ago, compared with the day before it: choosing dates makes the range custom.
    await page.getByLabel('Từ ngày').fill(d3);
    await page.getByLabel('Đến ngày').fill(d3);
    expect(await page.getByRole('combobox', { name: /^Khoảng/ }).inputValue()).toBe('custom');
    await Promise.all([page.waitForURL(/range=custom/), page.getByRole('button', { name: 'Xem số liệu' }).click()]);
    expect(await figure('visitors')).toBe('3');
    expect(await figure('visits')).toBe('3');
    expect(await figure('bounceRate')).toBe('67%');
    expect(await page.locator('[data-delta="visitors"]').textContent()).toBe('mới');
    expect(await serious(page)).toEqual([]);

    // Each breakdown's CSV link downloads the same figures.
    const href = await page.getByRole('link', { name: 'Tải CSV: Trang vào' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('"/","2","2","0","0","1"');

    // In English too; on a 360 px phone nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/console/analytics?lang=en&site=${site}&range=custom&from=${d3}&to=${d3}`);
    expect(await page.getByRole('heading', { name: 'Entry pages' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await serious(page)).toEqual([]);
    expect(b().pageErrors).toEqual([]);
  });
});
