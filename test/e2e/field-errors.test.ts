import { expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';

// Oversized and shaped like markup: it must come back only as escaped text inside its own field.
const XSS = `<script>alert("pwn")</script><img src=x onerror=alert(1)>${'x'.repeat(220)}`;
const MESSAGES = {
  vi: { tooLong: 'Dài quá: tối đa 200 ký tự.', required: 'Vui lòng điền mục này.', card: 'Không nhập số thẻ thanh toán ở đây.' },
  en: { tooLong: 'Too long: at most 200 characters.', required: 'Please fill in this field.', card: 'Do not enter a payment card number here.' },
} as const;

/** The error paragraph a field points at, and the field's own opening tag. */
const fieldTag = (html: string, id: string) => new RegExp(`<(?:input|textarea)[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? '';
const errorOf = (html: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

describeInBrowser('server field errors', (b) => {
  it('a profile form posted without JavaScript with missing, oversized, card and markup values is re-rendered with the API\'s refusal beside each field, in both languages, the values escaped', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    for (const lang of ['vi', 'en'] as const) {
      const form = new URLSearchParams({ _csrf: m.csrf, name: XSS, company: '', billingAddress: '12 Lê Lợi', locale: 'vi' });
      const res = await h.app.inject({ method: 'POST', url: `/profile?lang=${lang}`, headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      expect(res.statusCode, lang).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      const html = res.body;
      expect(errorOf(html, 'name'), lang).toBe(MESSAGES[lang].tooLong);
      expect(errorOf(html, 'company'), lang).toBe(MESSAGES[lang].required);
      expect(errorOf(html, 'billingAddress')).toBeUndefined();
      expect(fieldTag(html, 'name')).toContain('aria-invalid="true"');
      expect(fieldTag(html, 'name')).toContain('aria-describedby="name-error"');
      // The value is kept for the person to fix, as escaped text, and never as markup.
      expect(fieldTag(html, 'name')).toContain('value="&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toMatch(/ZodError|at .*\.ts:\d+/);
    }
    // A card number where none belongs: the API's 422, named on its field.
    const card = new URLSearchParams({ _csrf: m.csrf, name: 'Lan', company: 'Hoa Mai', billingAddress: '4111 1111 1111 1111', locale: 'en' });
    const refused = await h.app.inject({ method: 'POST', url: '/profile?lang=en', headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: card.toString() });
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused.body, 'billingAddress')).toBe(MESSAGES.en.card);
    expect(refused.body).not.toContain('4111 1111 1111 1111');
    // Without the session's CSRF token the API refuses, and nothing changes.
    const forged = await h.app.inject({ method: 'POST', url: '/profile', headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=Mallory&company=X&billingAddress=Y&locale=vi' });
    expect(forged.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: m.headers })).json().name).not.toBe('Mallory');
    // Another site cannot post the form for the visitor, token or not.
    const crossSite = await h.app.inject({ method: 'POST', url: '/profile', headers: { cookie: m.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${m.csrf}&name=Mallory` });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().code).toBe('cross_site_form');
    // A valid post is saved and answered 303 back to the page.
    const ok = new URLSearchParams({ _csrf: m.csrf, name: 'Trần Thị Lan', company: 'Hoa Mai', billingAddress: '12 Lê Lợi', locale: 'vi' });
    const saved = await h.app.inject({ method: 'POST', url: '/profile', headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: ok.toString() });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/profile?done=saved');
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: m.headers })).json().name).toBe('Trần Thị Lan');
  }, 60_000);

  it('in Chromium the profile form sent through the JSON API marks the fields the API\'s problem+json names, in both languages', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    for (const lang of ['vi', 'en'] as const) {
      await page.goto(`/profile?lang=${lang}`);
      // The browser's own maxlength would stop typing; the API must refuse it anyway.
      await page.locator('#name').evaluate((el, v) => ((el as HTMLInputElement).value = v), XSS);
      await page.locator('#company').fill('');
      await page.locator('#profile-form button[type=submit]').click();
      await page.locator('#name-error').waitFor();
      expect(await page.locator('#name-error').textContent()).toBe(MESSAGES[lang].tooLong);
      expect(await page.locator('#company-error').textContent()).toBe(MESSAGES[lang].required);
      expect(await page.locator('#name').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#profile-form .form-error').isVisible()).toBe(true);
      expect(await page.locator('img[src=x]').count()).toBe(0);
    }
    expect(b().pageErrors).toEqual([]);
  }, 60_000);
});
