import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMING_SECTIONS, CONSOLE_SECTIONS } from '../../src/web/pages/console-common.tsx';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';
import { subscriberFrom } from '../disclosures/support.ts';

const SECTIONS_VI = ['Chủ thể dữ liệu', 'Sự đồng ý', 'Yêu cầu', 'Kênh', 'Phân tích', 'Sổ tiết lộ dữ liệu', 'Bên xử lý dữ liệu', 'Lưu giữ', 'Sự cố'];

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** What has keyboard focus: its tag, text or label, href, and whether a focus ring is drawn. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return { tag: el.tagName.toLowerCase(), name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(), href: el.getAttribute('href'), ring, visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth };
});

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
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    // Keyboard only: the sections are links reached with Tab and followed with Enter.
    await nav.getByRole('link', { name: 'Yêu cầu' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/requests');
    expect(await page.locator('[data-empty="requests"]').textContent()).toContain('hạn xử lý');
    expect(await nav.getByRole('link', { name: 'Yêu cầu' }).getAttribute('aria-current')).toBe('page');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    // Every section still to come says, in both languages, what it will hold; none scrolls sideways.
    for (const lang of ['vi', 'en']) {
      for (const section of COMING_SECTIONS) {
        await page.goto(`/console/${section}?lang=${lang}`);
        expect((await page.locator(`[data-empty="${section}"]`).textContent())?.length ?? 0, `${lang} ${section}`).toBeGreaterThan(30);
        expect(await scrollWidth(page), `${lang} ${section}`).toBeLessThanOrEqual(360);
      }
    }
    expect(await page.locator('[data-empty="incidents"]').textContent()).toContain('72-hour');

    // On a desktop every section shows in one row, nothing to scroll.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/console/subjects?lang=en');
    const tabs = page.locator('.console-tabs ul');
    expect(await tabs.evaluate((ul) => ul.scrollWidth <= ul.clientWidth)).toBe(true);
    const tops = await tabs.locator('a').evaluateAll((as) => [...new Set(as.map((a) => Math.round(a.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);
    expect(b().pageErrors).toEqual([]);
  }, 120_000);

  it('in Chromium the console works by keyboard alone: Tab reaches every navigation link and action, each with a visible focus ring, at 360 px and on a desktop', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    await subscriberFrom(h, m.tenantId);
    for (const width of [360, 1280]) {
      const page = await b().newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
      await page.goto('/console/subjects?lang=en');
      const expected = await page.locator('main a[href], main button, header a[href], header button').evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('href') ?? (e.textContent ?? '').trim()));
      const reached: string[] = [];
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (!f) continue;
        if (f.tag === 'a' || f.tag === 'button') {
          expect(f.ring, `${width}px: ${f.name} has a visible focus ring`).toBe(true);
          expect(f.visible, `${width}px: ${f.name} is on screen when focused`).toBe(true);
          reached.push(f.href ?? f.name);
        }
        if (f.href === '/docs') break; // the footer: past every link and action of the page
      }
      for (const target of expected) expect(reached, `${width}px: Tab reaches ${target}`).toContain(target);
      for (const [href] of CONSOLE_SECTIONS) expect(reached, `${width}px: ${href}`).toContain(href);
      // The skip link comes first and lands on the main content.
      await page.goto('/console/subjects?lang=en');
      await page.keyboard.press('Tab');
      expect((await focused(page))?.href).toBe('#main');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.context().close();
    }
    expect(b().pageErrors).toEqual([]);
  }, 120_000);
});
