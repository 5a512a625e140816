import { expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';
import { ESCAPES } from '../support/redirects.ts';

describeInBrowser('sign-in redirect', (b) => {
  it('in Chromium signing in with a next that names another site lands on the site, and a path on the site is followed', async () => {
    const page = await b().newPage();
    // The sign-in answer is stubbed: what is under test is where the page goes next.
    await page.route('**/api/auth/sign-in', (route) => route.fulfill({ json: { csrfToken: 'x', acceptanceRequired: false } }));
    const signIn = async (next: string): Promise<URL> => {
      await page.goto(`/signin?next=${encodeURIComponent(next)}`);
      await page.getByLabel('E-mail', { exact: true }).fill('lan@hoamai.example');
      await page.getByLabel('Mật khẩu').fill('hoa-mai-2024-secret');
      const from = page.url();
      // Anywhere but here: the fallback (/profile) itself sends this stubbed, cookie-less visitor back to sign-in.
      const moved = page.waitForURL((u) => u.href !== from);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await moved;
      return new URL(page.url());
    };
    for (const next of ESCAPES) {
      const at = await signIn(next);
      expect(at.origin, next).toBe(b().baseUrl);
    }
    expect((await signIn('/policies/terms')).pathname).toBe('/policies/terms');
    expect(b().pageErrors).toEqual([]);
  }, 90_000);
});
