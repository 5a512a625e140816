import { expect, it } from 'vitest';
import { restrictProcessing } from '../../src/consents/index.ts';
import { inTenant } from '../../src/db/scope.ts';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { giveConsent, subscriberFrom, withdraw } from '../disclosures/support.ts';

const DISCLOSURE_WORDING = 'Tôi đồng ý để cửa hàng chia sẻ thông tin liên hệ của tôi với đối tác giao hàng.';

describeInBrowser('merchant console', (b) => {
  it('[C22] in Chromium the console shows a subject\'s consent history and prints its proof', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const s = await subscriberFrom(h, m.tenantId);
    // A consent to disclosure, a consent to research later withdrawn, and a restriction on research.
    const given = await giveConsent(h, m.tenantId, s, 'provide_service', { disclosure: true });
    await giveConsent(h, m.tenantId, s, 'research');
    await withdraw(h, m.tenantId, s, 'research');
    await inTenant(h.ctx.db, m.tenantId, (tx) =>
      restrictProcessing({ tx, auditKey: h.ctx.keys.audit }, { type: 'subject', id: null }, { subject: { tenantId: m.tenantId, ...s }, purpose: 'research' }),
    );

    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await page.goto('/console');
    await page.waitForURL('**/console/subjects');
    await page.getByRole('link', { name: 'Trần Thị B' }).click();
    await page.waitForURL(`**/console/subjects/subscriber/${s.id}`);

    // The whole history, newest first: the withdrawal is a record of its own, nothing was edited.
    const history = page.locator('#consent-history tbody tr');
    expect(await history.count()).toBe(3);
    expect(await history.first().locator('td').nth(2).textContent()).toBe('Đã rút lại');
    expect(await history.nth(1).locator('td').nth(2).textContent()).toBe('Đã đồng ý');
    expect(await page.getByRole('region', { name: 'Sự đồng ý hiện hành' }).locator('tbody tr').count()).toBe(2);
    await page.getByRole('region', { name: 'Giới hạn và phản đối xử lý' }).getByText('Đang áp dụng').waitFor();

    // The proof of the consent to disclosure: the record and the exact words the person saw.
    await page.locator(`#consent-history tr[data-record="${given}"]`).getByRole('link', { name: /In bằng chứng/ }).click();
    await page.waitForURL(`**/console/consents/${given}/proof`);
    expect(await page.locator('[data-notice-text]').textContent()).toBe(DISCLOSURE_WORDING);
    expect(await page.locator('[data-intact]').getAttribute('data-intact')).toBe('true');
    expect(await page.locator('.proof-facts').textContent()).toContain(given);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'In bằng chứng' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Printed, the page is the document alone: no site header, no buttons; the notice text stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In bằng chứng' }).isVisible()).toBe(false);
    expect(await page.locator('[data-notice-text]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    // The same page in English.
    await page.goto(`/console/subjects/subscriber/${s.id}?lang=en`);
    await page.getByRole('heading', { name: 'Consent history' }).waitFor();
    expect(await page.locator('#consent-history tbody tr').first().locator('td').nth(2).textContent()).toBe('Withdrawn');
    expect(b().pageErrors).toEqual([]);
  }, 90_000);

  it('[C27] in Chromium the console records a legal disclosure only with its order reference', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const s = await subscriberFrom(h, m.tenantId);
    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await page.goto(`/console/subjects/subscriber/${s.id}`);
    await page.getByRole('link', { name: 'Ghi nhận một lần tiết lộ dữ liệu của người này' }).click();
    await page.waitForURL('**/console/disclosures?**');
    expect(await page.getByLabel('Mã chủ thể').inputValue()).toBe(s.id);
    await page.getByLabel('Loại bên nhận').selectOption('court');
    await page.getByLabel('Tên tổ chức nhận').fill('Tòa án nhân dân Quận 1');
    await page.getByLabel('Căn cứ').selectOption('required_by_law');
    await page.getByLabel('Mục đích').selectOption('prevent_fraud');
    await page.getByLabel('Loại dữ liệu').selectOption(['user.name', 'user.contact.phone']);
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByRole('alert').getByText('Hãy nhập số quyết định, yêu cầu hoặc hồ sơ.').waitFor();

    await page.getByLabel('Số quyết định, yêu cầu hoặc hồ sơ').fill('12/2025/QĐ-TA');
    const recorded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await recorded;
    const row = page.locator('tr[data-disclosure]');
    await row.waitFor();
    expect(await row.textContent()).toContain('12/2025/QĐ-TA');
    expect(await row.textContent()).toContain('Tòa án nhân dân Quận 1');
    expect(b().pageErrors).toEqual([]);
  }, 90_000);

  it('[C26] in Chromium the console registers a processor and shows it may not receive data until an agreement is filed', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const page = await b().newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await page.goto('/console/processors?lang=en');
    await page.getByLabel('Company name').fill('Giao Hàng Tiết Kiệm');
    await page.getByLabel('Service').selectOption('other');
    const registered = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await registered;
    const card = page.locator('li.processor', { hasText: 'Giao Hàng Tiết Kiệm' });
    await card.locator('[data-no-agreement]').waitFor();
    await card.getByText('Add a data-processing agreement').click();
    await card.getByLabel('Signed').fill('2025-02-01');
    await card.getByLabel('Effective from').fill('2025-02-01');
    await card.getByLabel('Categories it may receive').selectOption(['user.name', 'user.contact.address']);
    await card.getByLabel('Purposes').selectOption(['provide_service']);
    await card.getByLabel('Retention', { exact: true }).fill('30 days after delivery');
    await card.getByLabel('Retention in days').fill('30');
    await card.getByLabel('Document').fill('dpa-ghtk-2025.pdf');
    await card.getByRole('button', { name: 'Save agreement' }).click();
    await card.locator('.form-error').getByText('The agreement must bind the provider to this Privacy Policy.').waitFor();
    await card.getByLabel(/binds the provider/).check();
    const saved = page.waitForEvent('load');
    await card.getByRole('button', { name: 'Save agreement' }).click();
    await saved;
    await page.locator('li.processor', { hasText: 'Giao Hàng Tiết Kiệm' }).getByText('In force', { exact: true }).waitFor();
    expect(await page.locator('li.processor', { hasText: 'Giao Hàng Tiết Kiệm' }).locator('[data-no-agreement]').count()).toBe(0);
    expect(b().pageErrors).toEqual([]);
  }, 90_000);

  it('[C27] in Chromium the privacy officer files an ECOMKEY processor and records a legal disclosure with its reference and reason', async () => {
    const { h } = b();
    const m = await createMerchant(h);
    const s = await subscriberFrom(h, m.tenantId);
    const officer = await createStaff(h, 'privacy_officer');
    const page = await b().newPage();
    await page.goto('/staff?lang=en');
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await page.context().addCookies([{ name: 'pledge_session', value: officer.headers.cookie!.split('=')[1]!, url: b().baseUrl }]);
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Privacy officer console' }).waitFor();

    await page.getByLabel('Company name').fill('VNPay');
    await page.getByLabel('Service').selectOption('payment');
    const registered = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await registered;
    await page.locator('li.processor', { hasText: 'VNPay' }).getByText('ECOMKEY\'s').waitFor();

    const form = page.locator('#disclosure-form');
    await form.getByLabel('Shop id').fill(m.tenantId);
    await form.getByLabel('Why you access this data').fill('Court order served on ECOMKEY 2025-03-02');
    await form.getByLabel('Kind of recipient').selectOption('court');
    await form.getByLabel('Receiving organisation').fill('People\'s Court of District 1');
    await form.getByLabel('Basis').selectOption('required_by_law');
    await form.getByLabel('Order, request or case reference').fill('45/2025/QĐ-TA');
    await form.getByLabel('Purpose').selectOption('prevent_fraud');
    await form.getByLabel('Data categories').selectOption(['user.name']);
    await form.getByLabel('Subject id').fill(s.id);
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await form.getByText('The disclosure is recorded.').waitFor();
    const list = await h.app.inject({ method: 'GET', url: '/api/disclosures', headers: m.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ orderReference: '45/2025/QĐ-TA', basis: 'required_by_law', recordedBy: { type: 'staff', id: officer.staffId } })]);
    expect(b().pageErrors).toEqual([]);
  }, 90_000);
});
