import { expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';

const SECTIONS_VI = ['Chủ thể dữ liệu', 'Sự đồng ý', 'Yêu cầu', 'Kênh', 'Phân tích', 'Sổ tiết lộ dữ liệu', 'Bên xử lý dữ liệu', 'Lưu giữ', 'Sự cố'];

describeInBrowser('console shell', (b) => {
  it('in Chromium at 360 px the console names every section, each empty one says what it will hold, and nothing scrolls sideways but the tabs', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const page = await b().newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await page.goto('/console/subjects');
    const nav = page.getByRole('navigation', { name: 'Các mục của bảng điều khiển' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(SECTIONS_VI);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Keyboard only: the sections are links reached with Tab and followed with Enter.
    await nav.getByRole('link', { name: 'Yêu cầu' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/requests');
    expect(await page.locator('[data-empty="requests"]').textContent()).toContain('hạn xử lý');
    expect(await nav.getByRole('link', { name: 'Yêu cầu' }).getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.goto('/console/incidents?lang=en');
    await page.getByRole('heading', { name: /Incidents/ }).waitFor();
    expect(await page.locator('[data-empty="incidents"]').textContent()).toContain('72-hour');
    expect(b().pageErrors).toEqual([]);
  }, 120_000);
});
