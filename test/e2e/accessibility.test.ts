import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { giveConsent, subscriberFrom } from '../disclosures/support.ts';
import { hashToken, newToken } from '../../src/crypto/keys.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { SUBJECT_COOKIE } from '../../src/privacy-center/auth.ts';

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
      [[m.cookie], '/console/requests'], [[m.cookie], '/console/analytics'],
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

  it('axe-core finds no serious or critical violation on a Subscriber\'s own privacy center and on a form showing field errors, in both languages', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const s = await subscriberFrom(h, m.tenantId);
    await giveConsent(h, m.tenantId, s, 'provide_service');
    const token = newToken();
    await inPlatform(h.ctx.db, (tx) => tx.query(
      `INSERT INTO subject_sessions (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, 'subscriber', $3, now() + interval '1 hour')`,
      [hashToken(token), m.tenantId, s.id],
    ));
    const found: string[] = [];
    for (const lang of ['vi', 'en']) {
      const center = await b().newPage();
      await center.context().addCookies([{ name: SUBJECT_COOKIE, value: token, url: b().baseUrl }]);
      await center.goto(`/privacy-center/${m.tenantId}?lang=${lang}`);
      await center.locator('#pc-main').waitFor();
      for (const v of await seriousViolations(center)) found.push(`${lang} privacy center: ${v}`);
      await center.context().close();

      const profile = await b().newPage();
      await profile.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
      await profile.goto(`/profile?lang=${lang}`);
      await profile.locator('#company').fill('');
      await profile.locator('#profile-form button[type=submit]').click();
      await profile.locator('#company-error').waitFor();
      for (const v of await seriousViolations(profile)) found.push(`${lang} profile with errors: ${v}`);
      await profile.context().close();
    }
    expect(found).toEqual([]);
    expect(b().pageErrors).toEqual([]);
  }, 120_000);
});
