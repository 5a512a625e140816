import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';
import { createMerchant } from '../support/factories.ts';
import { runJob, until } from '../support/jobs.ts';
import { mailTo } from '../sealing/support.ts';
import { post, subscriberWithEmail } from '../dsr/support.ts';

describeInBrowser('data-subject requests', (b) => {
  it('[C33][C31][C34] in Chromium a visitor files an erasure, confirms it from the e-mailed link, the merchant fulfils it in the console, the visitor sees it done; an export opens and validates against its JSON Schema', async () => {
    const { h } = b();
    const m = await createMerchant(h, { name: 'Shop Hoa Mai' });
    const s = await subscriberWithEmail(h, m);

    // The visitor, without an account, files an erasure request on the shop's form.
    const visitor = await b().newPage();
    await visitor.goto(`/privacy-center/${m.tenantId}/request?lang=en`);
    await visitor.getByLabel('E-mail address').fill(s.email);
    await visitor.getByLabel('You want').selectOption('erasure');
    await visitor.getByRole('button', { name: 'Send the request' }).click();
    await visitor.locator('#rq-sent').waitFor();
    await until(async () => (await mailTo(h, s.email, 'request_confirmation')).length > 0, 'the confirmation mail');

    // The link in the dev mailbox opens the confirmation page; confirming starts the clock.
    await visitor.goto('/dev/mailbox?lang=en');
    await visitor.locator('.mail', { hasText: s.email }).locator('a[href*="requests/confirm"]').click();
    await visitor.waitForURL('**/privacy-center/requests/confirm**');
    await visitor.getByRole('button', { name: 'Confirm the request' }).click();
    await visitor.locator('#rq-confirmed').waitFor();
    await visitor.getByRole('link', { name: 'See its status' }).click();
    await visitor.waitForURL('**/privacy-center/requests/status/**');
    expect(await visitor.locator('#rq-status tbody tr').getAttribute('data-state')).toBe('verified');
    const statusUrl = visitor.url();

    // The merchant sees it in the console inbox with its due date, opens it and fulfils it.
    const console_ = await b().newPage();
    await console_.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b().baseUrl }]);
    await console_.goto('/console/requests?lang=en');
    const row = console_.locator('#rq-inbox tbody tr[data-state="verified"]');
    expect(await row.textContent()).toContain('Erasure');
    const requestId = (await row.getAttribute('data-request'))!;
    await row.getByRole('link', { name: 'Erasure' }).click();
    await console_.locator('#rq-detail').waitFor();
    expect(await console_.locator('#rq-found').textContent()).toContain('subscribers');
    await console_.getByRole('button', { name: 'Fulfil' }).click();
    await console_.locator('#rq-detail[data-state="in_progress"]').waitFor();
    // The worker's job (run here, in this process, as a worker runs it).
    await runJob(h, 'fulfil-request', { requestId });
    await console_.reload();
    await console_.locator('#rq-detail[data-state="fulfilled"]').waitFor();
    expect(await console_.locator('#rq-steps li[data-step="erase"]').getAttribute('data-state')).toBe('done');

    // The visitor's status page now says done.
    await visitor.goto(statusUrl);
    expect(await visitor.locator('#rq-status tbody tr').getAttribute('data-state')).toBe('fulfilled');
    expect(await visitor.locator('#rq-status').textContent()).toContain('Done');

    // Another Subscriber's access request: the mailed link downloads a zip whose JSON follows its schema.
    const other = await subscriberWithEmail(h, m);
    const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: other.id }, kind: 'access', receivedVia: 'email', evidenceRef: 'mail:e2e', identityVerified: true }, m.headers);
    const accessId = filed.json().request.id as string;
    await post(h, `/api/requests/${accessId}/fulfil`, {}, m.headers);
    await runJob(h, 'fulfil-request', { requestId: accessId });
    const reader = await b().newPage();
    await reader.goto('/dev/mailbox?lang=en');
    const link = reader.locator('.mail', { hasText: other.email }).locator('a[href*="/api/requests/exports/"]');
    const [download] = await Promise.all([reader.waitForEvent('download'), link.click()]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const schema = await (await fetch(`${b().baseUrl}/schemas/subject-export.v1.json`)).json();
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    const x = JSON.parse(strFromU8(files['export.json']!));
    expect(ajv.validate(schema, x), JSON.stringify(ajv.errors)).toBe(true);
    expect(x.fields.find((f: { table: string; column: string }) => f.table === 'subscribers' && f.column === 'display_name').value).toBe(other.name);
    expect(b().pageErrors).toEqual([]);
  }, 180_000);
});
