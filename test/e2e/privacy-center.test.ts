import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';
import { createSubscriberWithEmail, publishNotice } from '../consents/support.ts';

const WORDING = 'Tôi đồng ý để Shop Hoa Mai nhắn tin cho tôi qua Zalo về đơn hàng và ưu đãi. Tôi có thể rút lại bất cứ lúc nào.';

describeInBrowser('privacy center', (b) => {
  it('[C22][C34] in Chromium a subscriber gives and withdraws a consent and restricts research in the privacy center', async () => {
    const { h } = b();
    const m = await createMerchant(h, { name: 'Shop Hoa Mai' });
    const email = `bich-${randomUUID().slice(0, 8)}@mail.example`;
    const sub = await createSubscriberWithEmail(h, m.tenantId, email);
    const notice = await publishNotice(h, m, { purposes: ['contact'], marketing: true, wording: WORDING });
    const ask = (purpose: string, extra: Record<string, unknown> = {}) =>
      h.app.inject({ method: 'POST', url: '/api/gate/decide', headers: m.headers, payload: { subject: { type: 'subscriber', id: sub }, purpose, ...extra } });
    const contact = () => ask('contact', { categories: ['user.contact.phone'], use: 'marketing_message' });
    const research = () => ask('research', { categories: ['user.device'], use: 'analytics', feature: 'analytics.collect' });

    // Sign in with the address the shop has, and follow the link from the dev mailbox.
    const page = await b().newPage();
    await page.goto(`/privacy-center/${m.tenantId}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Gửi liên kết đăng nhập' }).click();
    await page.locator('#pc-sent').getByRole('link', { name: 'Hộp thư thử' }).click();
    await page.waitForURL('**/dev/mailbox');
    await page.locator('.mail', { hasText: email }).locator('a[href*="token="]').click();
    await page.locator('#pc-main').waitFor();
    expect(new URL(page.url()).search).toBe(''); // the single-use link is gone from the address bar
    expect(await page.locator('#pc-lead').textContent()).toContain('Shop Hoa Mai');
    await page.getByText('Bạn chưa cho sự đồng ý nào').waitFor();

    // Giving: the box is not pre-ticked, and Agree without a tick records nothing.
    const box = page.getByLabel(WORDING);
    expect(await box.isChecked()).toBe(false);
    const offer = page.locator(`form[data-notice="${notice.id}"]`);
    await offer.getByRole('button', { name: 'Đồng ý' }).click();
    await offer.getByText('Hãy đánh dấu ô nếu bạn đồng ý.').waitFor();
    expect((await contact()).json().code).toBe('consent_missing');
    await box.check();
    await offer.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã ghi nhận sự đồng ý.').waitFor();
    const given = page.locator('#pc-current .consent[data-purpose="contact"]');
    expect(await given.locator('blockquote').textContent()).toBe(WORDING);
    expect(await given.textContent()).toContain('gồm cả tiếp thị');
    expect((await contact()).json()).toMatchObject({ allow: true, basis: 'consent' });

    // Withdrawing: one click, and the gate refuses at once.
    await given.getByRole('button', { name: 'Rút lại: Liên hệ với bạn' }).click();
    await page.getByText('Đã rút lại sự đồng ý.').waitFor();
    await page.getByText('Bạn chưa cho sự đồng ý nào').waitFor();
    expect((await contact()).json().code).toBe('consent_withdrawn');

    // Restricting research: the gate refuses research even with a consent; lifting it is the subject's own act.
    expect((await research()).json().code).toBe('consent_missing');
    await page.getByLabel('Loại yêu cầu').selectOption('restriction');
    await page.getByLabel('Mục đích').selectOption('research');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    const restriction = page.locator('#pc-restrictions li', { hasText: 'Nghiên cứu' });
    await restriction.getByText('Đang có hiệu lực').waitFor();
    expect((await research()).json().code).toBe('processing_restricted');
    await restriction.getByRole('button', { name: /Gỡ bỏ/ }).click();
    await restriction.getByText('Bạn đã gỡ bỏ').waitFor();
    expect((await research()).json().code).toBe('consent_missing');

    // History: both records, newest first, and the page in English says the same.
    const rows = page.locator('#pc-history tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('Rút lại');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Your consents' }).waitFor();
    await page.getByText('You have not given any consent.').waitFor();
    expect(b().pageErrors).toEqual([]);
  }, 90_000);

  it('[C21][C22] in Chromium a signed-in merchant sees their own consents to ECOMKEY in the privacy center', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await page.goto('/privacy-center');
    await page.locator('#pc-main').waitFor();
    expect(await page.locator('#pc-lead').textContent()).toContain('ECOMKEY');
    const box = page.getByLabel(/dùng thông tin tài khoản của tôi cho nghiên cứu/);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.locator('form.offer', { has: box }).getByRole('button', { name: 'Đồng ý' }).click();
    await page.locator('#pc-current .consent[data-purpose="research"]').waitFor();
    const anonymous = await b().newPage();
    await anonymous.goto('/privacy-center');
    expect(new URL(anonymous.url()).pathname).toBe('/signin');
    expect(b().pageErrors).toEqual([]);
  }, 60_000);

  it('[C22][C34] in Chromium without JavaScript a subscriber signs in by link, gives and withdraws a consent, restricts and lifts, every form answered on the server', async () => {
    const { h } = b();
    const m = await createMerchant(h, { name: 'Shop Hoa Mai' });
    const email = `lan-${randomUUID().slice(0, 8)}@mail.example`;
    await createSubscriberWithEmail(h, m.tenantId, email);
    const notice = await publishNotice(h, m, { purposes: ['contact'], marketing: true, wording: WORDING });
    const context = await b().browser.newContext({ baseURL: b().baseUrl, javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`/privacy-center/${m.tenantId}?lang=en`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.locator('#pc-sent').getByText('a sign-in link is on its way').waitFor();
    // The dev mailbox is filled by its script: read the link from the outbox API instead.
    const mailed = async () => /https?:\/\/[^\s"\\]+token=[\w-]+/.exec((await h.app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(email)}` })).body)?.[0];
    await expect.poll(mailed).toBeTruthy();
    const link = (await mailed())!;
    await page.goto(link);
    // Without a script the link is spent by pressing Continue (a prefetcher cannot spend it).
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#pc-main').waitFor();
    expect(new URL(page.url()).search).toBe('');

    const offer = page.locator(`form[data-notice="${notice.id}"]`);
    await offer.getByRole('button', { name: 'Agree' }).click();
    await page.locator(`form[data-notice="${notice.id}"]`).getByText('Tick the box if you agree.').waitFor();
    await page.getByLabel(WORDING).check();
    await page.locator(`form[data-notice="${notice.id}"]`).getByRole('button', { name: 'Agree' }).click();
    await page.getByText('Consent recorded.').waitFor();
    await page.locator('#pc-current .consent[data-purpose="contact"]').getByRole('button', { name: /^Withdraw/ }).click();
    await page.getByText('Consent withdrawn.').waitFor();

    await page.getByLabel('Kind of request').selectOption('objection');
    await page.getByLabel('Purpose').selectOption('research');
    await page.getByRole('button', { name: 'Send request' }).click();
    const objection = page.locator('#pc-restrictions li', { hasText: 'Research' });
    await objection.getByText('In force').waitFor();
    await objection.getByRole('button', { name: /^Lift/ }).click();
    await page.locator('#pc-restrictions li', { hasText: 'Research' }).getByText('Lifted by you').waitFor();
    expect(await page.locator('#pc-history tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Leave the Privacy Center' }).click();
    await page.locator('#pc-signin').waitFor();
    await context.close();
  }, 90_000);
});
