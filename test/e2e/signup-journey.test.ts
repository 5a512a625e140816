import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';
import { publishPolicyVersion } from '../../src/policies/publish.ts';
import { vietnamToday } from '../../src/domain/age.ts';

/** Fills the sign-up form through its labels, as a person using a screen reader would find it. */
async function fillSignUp(page: Page, p: { name: string; company: string; email: string; dateOfBirth: string }): Promise<void> {
  await page.getByLabel('Họ và tên').fill(p.name);
  await page.getByLabel('Tên công ty').fill(p.company);
  await page.getByLabel('E-mail', { exact: true }).fill(p.email);
  await page.getByLabel('Địa chỉ thanh toán').fill('12 Lê Lợi, Quận 1\nTP. Hồ Chí Minh');
  await page.getByLabel('Mật khẩu').fill('hoa-mai-2024-secret');
  await page.getByLabel('Ngày sinh').fill(p.dateOfBirth);
  await page.getByRole('button', { name: 'Đăng ký' }).click();
}

const v1 = (lang: 'vi' | 'en') => readFileSync(new URL(`../../policies/privacy.v1.${lang}.txt`, import.meta.url), 'utf8');

const yearsAgo = (years: number): string => {
  const [y, m, d] = vietnamToday(new Date()).split('-');
  return `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
};

describeInBrowser('web shell', (b) => {
  it('[C17][C06][C32] in Chromium a merchant signs up without a card, verifies the e-mail from the dev mailbox, accepts the policies and edits the profile', async () => {
    const page = await b().newPage();
    page.on('dialog', (d) => void d.accept());
    const email = `lan-${randomUUID().slice(0, 8)}@hoamai.example`;

    // Sign-up: the four C17 items, no card field, a note that none is needed, the C15 link.
    await page.goto('/signup');
    expect(await page.locator('input[autocomplete^="cc-"], input[name*="card" i]').count()).toBe(0);
    expect(await page.locator('#no-card').textContent()).toContain('không cần thẻ');
    expect(await page.locator('#collected a').getAttribute('href')).toBe('/policies/privacy#section-1');
    await fillSignUp(page, { name: 'Nguyễn Thị Lan', company: 'Shop Hoa Mai', email, dateOfBirth: '1990-04-12' });
    await page.locator('#signup-sent').waitFor();

    // The verification mail, read in the dev mailbox, and its link followed.
    await page.locator('#signup-sent').getByRole('link', { name: 'Hộp thư thử' }).click();
    await page.waitForURL('**/dev/mailbox');
    await page.locator('.mail', { hasText: email }).locator('a[href*="token="]').click();
    await page.waitForURL((u) => u.searchParams.has('token'));
    await page.getByText('E-mail của bạn đã được xác nhận').waitFor();

    // Sign in: sent to /accept, and the API refuses work until the policies are accepted (C06).
    await page.locator('#verify-next').getByRole('link', { name: 'Đăng nhập' }).click();
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Mật khẩu').fill('hoa-mai-2024-secret');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/accept');
    const before = await page.evaluate(async () => {
      const res = await fetch('/api/me');
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    });
    expect(before).toEqual({ status: 403, code: 'policy_acceptance_required' });

    // Both texts shown with their versions; nothing ticked for the user; Accept waits for both boxes.
    await page.locator('#doc-privacy [data-body] h3').first().waitFor();
    expect(await page.locator('#doc-privacy [data-meta]').textContent()).toContain('Phiên bản 1');
    expect(await page.locator('#doc-terms [data-meta]').textContent()).toContain('Phiên bản 1');
    expect(await page.isChecked('#accept-privacy')).toBe(false);
    expect(await page.isChecked('#accept-terms')).toBe(false);
    const accept = page.getByRole('button', { name: 'Chấp nhận' });
    expect(await accept.isDisabled()).toBe(true);
    await page.getByLabel(/Chính sách quyền riêng tư \(phiên bản 1\)/).check();
    expect(await accept.isDisabled()).toBe(true);
    await page.getByLabel(/Điều khoản dịch vụ \(phiên bản 1\)/).check();
    await accept.click();
    await page.waitForURL('**/profile');

    // Profile: review, change, reload; the old value is in the history, not in the form (C32, C16).
    await expect.poll(() => page.getByLabel('Tên công ty').inputValue()).toBe('Shop Hoa Mai');
    expect(await page.locator('[data-field="email"]').textContent()).toBe(email);
    await page.getByLabel('Tên công ty').fill('Hoa Mai Flowers');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Tên công ty').inputValue()).toBe('Hoa Mai Flowers');
    const history = page.locator('#history tbody tr');
    await history.first().waitFor();
    expect(await history.count()).toBe(1);
    expect(await history.first().locator('td').allTextContents()).toEqual([expect.any(String), 'Tên công ty', 'Shop Hoa Mai', 'Hoa Mai Flowers']);

    // API keys: the key is shown once, listed by prefix only, and can be revoked.
    await page.getByLabel('Tên khóa').fill('Kho hàng');
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    await page.locator('#new-key').waitFor();
    const key = (await page.locator('#new-key code').textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    const row = page.locator('#keys tbody tr', { hasText: 'Kho hàng' });
    await row.waitFor();
    expect(await page.locator('#keys').textContent()).not.toContain(key);
    await row.getByRole('button', { name: /Thu hồi/ }).click();
    await row.getByText('Đã thu hồi').waitFor();

    // Signing out ends the session.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto('/profile');
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(b().pageErrors).toEqual([]);
   }, 90_000); // a dozen page loads: generous for a loaded CI machine

  it('[C38] in Chromium a 16-year-old is told a parent\'s consent is needed', async () => {
    const { h } = b();
    const count = async () => (await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n;
    const usersBefore = await count();
    const page = await b().newPage();
    await page.goto('/signup');
    await fillSignUp(page, { name: 'Trần Minh', company: 'Shop Minh', email: `minh-${randomUUID().slice(0, 8)}@example.vn`, dateOfBirth: yearsAgo(16) });
    const minor = page.locator('#signup-minor');
    await minor.waitFor();
    expect(await minor.textContent()).toContain('Cần có sự đồng ý của cha mẹ');
    expect(await page.locator('#signup-form').isVisible()).toBe(false);
    expect(await count()).toBe(usersBefore);
    expect(b().pageErrors).toEqual([]);
  });

  it('in Chromium the language switch changes the text between Vietnamese and English and is remembered', async () => {
    const page = await b().newPage();
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('h1').textContent()).toContain('lời hứa về quyền riêng tư');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toContain('privacy promises, kept by software');

    // Remembered in the pledge_lang cookie: a page without ?lang= stays English.
    await page.goto('/signup');
    await page.getByLabel('Full name').waitFor();
    expect(await page.getByRole('button', { name: 'Sign up' }).isVisible()).toBe(true);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'pledge_lang')?.value).toBe('en');

    // Switching back keeps the page and its other parameters.
    await page.goto('/verify?token=abc');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL((u) => u.pathname === '/verify' && u.searchParams.get('token') === 'abc');
    expect(await page.locator('h1').textContent()).toBe('Xác nhận e-mail');
    // An API error is shown in the reader's language, from its code.
    await page.getByText('Liên kết xác nhận không hợp lệ.').waitFor();
    expect(b().pageErrors).toEqual([]);
  });

  // Last: it publishes version 2 of the Privacy Policy on this shared server.
  it('[C40] in Chromium a significant policy change shows the home notice, the diff to the previous version and every version, and asks for acceptance again', async () => {
    const { h, baseUrl } = b();
    const merchant = await createMerchant(h); // accepted version 1
    await publishPolicyVersion(h.ctx, { type: 'system', id: null }, {
      kind: 'privacy',
      bodyVi: `${v1('vi')}\nChúng tôi dùng cookie phân tích khi bạn đồng ý.`,
      bodyEn: `${v1('en')}\nWe use analytics cookies when you agree.`,
      summaryVi: 'Bổ sung quy định về cookie phân tích.',
      summaryEn: 'Adds rules about analytics cookies.',
      significant: true,
    });

    const page = await b().newPage();
    await page.goto('/');
    const notice = page.locator('#site-notice');
    await notice.getByText('Bổ sung quy định về cookie phân tích.').waitFor();
    expect(await notice.locator('h2').textContent()).toBe('Chính sách quyền riêng tư đã thay đổi (phiên bản 2)');
    await notice.getByRole('link').click();
    await page.waitForURL('**/policies/privacy/2');
    const added = page.locator('[data-diff] ins');
    await added.first().waitFor();
    expect(await added.allTextContents()).toContainEqual(expect.stringContaining('cookie phân tích'));
    expect(await page.locator('[data-diff] h2').textContent()).toBe('So với phiên bản 1');
    expect(await page.locator('[data-versions] li').count()).toBe(2);
    await page.locator('[data-versions]').getByRole('link', { name: 'Phiên bản 1' }).click();
    await page.waitForURL('**/policies/privacy/1');
    await page.getByText('Đây là phiên bản đầu tiên.').waitFor();
    expect(await page.locator('[data-diff]').isVisible()).toBe(false);

    // The merchant who accepted version 1 is asked to accept version 2 before the profile opens.
    const session = merchant.cookie.split('=')[1]!;
    await page.context().addCookies([{ name: 'pledge_session', value: session, url: baseUrl, secure: true, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto('/profile');
    expect(new URL(page.url()).pathname).toBe('/accept');
    await page.locator('#doc-privacy [data-meta]', { hasText: 'Phiên bản 2' }).waitFor();
    expect(await page.isChecked('#accept-privacy')).toBe(false);
    expect(b().pageErrors).toEqual([]);
  });
});
