import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { giveConsent, subscriberFrom } from '../disclosures/support.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

/** axe-core's serious and critical violations on the page as it stands, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(AXE);
  const r = await page.evaluate(() => (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeInBrowser('accessibility', (b) => {
  it('axe-core finds no serious or critical violation on any page, in Vietnamese and in English', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const newcomer = await createMerchant(h, { accept: false });
    const officer = await createStaff(h, 'privacy_officer');
    const s = await subscriberFrom(h, m.tenantId);
    const record = await giveConsent(h, m.tenantId, s, 'provide_service', { disclosure: true });
    const cookie = (c: string) => [{ name: 'pledge_session', value: c.split('=')[1]!, url: b().baseUrl }];
    const visits: [string[], string][] = [
      [[], '/'], [[], '/signup'], [[], '/signin'], [[], '/verify'], [[], '/policies/privacy'], [[], '/policies/terms'], [[], '/dev/mailbox'],
      [[], '/staff/signin'], [[], `/privacy-center/${m.tenantId}`],
      [[newcomer.cookie], '/accept'],
      [[m.cookie], '/profile'], [[m.cookie], '/privacy-center'], [[m.cookie], '/console/subjects'], [[m.cookie], `/console/subjects/subscriber/${s.id}`],
      [[m.cookie], `/console/consents/${record}/proof`], [[m.cookie], '/console/disclosures'], [[m.cookie], '/console/processors'],
      [[m.cookie], '/console/requests'],
      [[officer.headers.cookie!], '/staff'],
    ];
    const found: string[] = [];
    for (const lang of ['vi', 'en']) {
      for (const [cookies, path] of visits) {
        const page = await b().newPage();
        if (cookies.length) await page.context().addCookies(cookies.flatMap(cookie));
        const res = await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(res?.status(), path).toBe(200);
        for (const v of await seriousViolations(page)) found.push(`${lang} ${path}: ${v}`);
        await page.context().close();
      }
    }
    expect(found).toEqual([]);
    expect(b().pageErrors).toEqual([]);
  }, 300_000);
});
