import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inPlatform } from '../../src/db/scope.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { telegramDelivery, telegramText } from '../support/channel-fixtures.ts';
import { createMerchant } from '../support/factories.ts';
import { startFakePlatforms, type FakePlatforms } from '../support/fake-platforms.ts';
import { runJob } from '../support/jobs.ts';

const BOT_TOKEN = '424242:console-bot-token';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('console channel pages (pglite, chromium)', () => {
  let b: BrowserHarness;
  let fake: FakePlatforms;
  beforeAll(async () => {
    fake = await startFakePlatforms({ messenger: { token: 'x', appSecret: 'y' }, zalo: { token: 'z' }, telegram: { token: BOT_TOKEN } });
    b = await startBrowserHarness({ CHANNEL_API_MESSENGER: fake.url, CHANNEL_API_ZALO: fake.url, CHANNEL_API_TELEGRAM: fake.url });
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await fake?.close();
  });

  /** Runs what the webhook intake and the send path queued, as the workers would. */
  async function drain(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const events = await inPlatform(b.h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>('SELECT id, tenant_id FROM channel_events WHERE processed_at IS NULL ORDER BY received_at'));
      for (const e of events) await runJob(b.h, 'process-channel-event', { tenantId: e.tenant_id, eventId: e.id });
      const sends = await inPlatform(b.h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>("SELECT id, tenant_id FROM outbound_messages WHERE status = 'queued' ORDER BY created_at"));
      for (const m of sends) await runJob(b.h, 'deliver-channel-message', { tenantId: m.tenant_id, messageId: m.id });
      if (events.length === 0 && sends.length === 0) return;
    }
  }

  it('[C10] [C11] [C19] in Chromium a shop connects a Telegram bot, sees a /start Subscriber with its opt-in source, sees "hủy" opt them out with history, and a broadcast from the Lists page refuses them', async () => {
    const m = await createMerchant(b.h);
    const page = await b.newPage();
    await page.context().addCookies([{ name: 'pledge_session', value: m.cookie.split('=')[1]!, url: b.baseUrl }]);
    const violations: string[] = [];

    // Connect the bot in the console; Pledge sets its webhook, and the secret token is shown this once.
    await page.goto('/console/channels');
    expect(await page.getByRole('link', { name: 'Kênh' }).getAttribute('aria-current')).toBe('page');
    violations.push(...await seriousViolations(page));
    await page.selectOption('#c-platform', 'telegram');
    await page.fill('#c-account', 'hoamai_bot');
    await page.fill('#c-label', 'Bot Hoa Mai');
    await page.fill('#c-token', BOT_TOKEN);
    await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
    const secret = (await page.locator('[data-secret="secretToken"]').textContent())!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await page.locator('[data-secrets-once]').textContent()).toContain('Pledge đã đặt webhook');
    expect(fake.webhooks.at(-1)).toMatchObject({ token: BOT_TOKEN, secretToken: secret });
    const channelId = (await page.locator('[data-channel]').getAttribute('data-channel'))!;
    // Never shown again: the channels page no longer holds the secret, and it is sealed at rest.
    await page.goto('/console/channels');
    expect(await page.content()).not.toContain(secret);
    const [stored] = await inPlatform(b.h.ctx.db, (tx) => tx.query<{ secrets: string }>('SELECT secrets FROM channel_accounts WHERE id = $1', [channelId]));
    expect(stored!.secrets).toMatch(/^enc:v1:/);

    // A signed webhook `/start` with a deep-link payload creates the Subscriber.
    const hook = async (update: Record<string, unknown>) => {
      const d = telegramDelivery(secret, update);
      const r = await fetch(`${b.baseUrl}/webhooks/telegram/${channelId}`, { method: 'POST', headers: d.headers, body: new Uint8Array(d.body) });
      expect(r.status).toBe(200);
      await drain();
    };
    await hook(telegramText(5001, 880001, '/start spring-sale'));
    await page.getByRole('link', { name: 'Xem người đăng ký' }).click();
    await page.waitForURL(`**/console/channels/${channelId}/subscribers`);
    const row = page.locator('tr[data-subscriber]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-opt-in]').textContent()).toBe('Lệnh /start');
    expect(await row.locator('[data-opt-state]').getAttribute('data-opt-state')).toBe('subscribed');
    violations.push(...await seriousViolations(page));
    const subscriberId = (await row.getAttribute('data-subscriber'))!;

    // The shop records the Subscriber's marketing consent (their own "yes" to offers) and adds them to a list from the Lists page.
    const notice = await b.h.app.inject({ method: 'POST', url: '/api/consent-notices', headers: m.headers, payload: { slug: 'offers-bot', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi.' } });
    const consent = await b.h.app.inject({ method: 'POST', url: `/api/subjects/subscriber/${subscriberId}/consents`, headers: m.headers, payload: { purpose: 'contact', given: true, noticeId: notice.json().id, method: 'bot_keyword', marketing: true } });
    expect(consent.statusCode, consent.body).toBe(201);
    await page.goto('/console/channels/lists');
    await page.fill('#l-label', 'Khách thân thiết');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.waitForURL('**/console/channels/lists');
    const list = page.locator('li[data-list]');
    await list.getByLabel('Thêm người đăng ký (mã)').fill(subscriberId);
    await list.getByRole('button', { name: 'Thêm', exact: true }).click();
    await page.waitForURL('**/console/channels/lists?added=1');
    expect(await page.locator('li[data-list] [data-members]').textContent()).toBe('1');

    // "hủy" in the chat: the Subscriber's page shows them opted out, with the history of both signals.
    await hook(telegramText(5002, 880001, 'hủy'));
    await page.goto(`/console/channels/${channelId}/subscribers`);
    expect(await page.locator('tr[data-subscriber] [data-opt-state]').getAttribute('data-opt-state')).toBe('opted_out');
    await page.locator('tr[data-subscriber] a').click();
    await page.waitForURL(`**/console/subscribers/${subscriberId}`);
    expect(await page.locator('[data-opt-state]').textContent()).toBe('Đã hủy nhận tin');
    const history = page.locator('#opt-history tbody tr');
    // The opt-in is the Subscriber's creation (its source above); the stop is the history's first event.
    expect(await history.count()).toBe(1);
    expect(await history.first().getAttribute('data-opt-event')).toBe('opt_out');
    expect(await history.first().locator('td').nth(1).textContent()).toBe('Hủy nhận tin');
    // The evidence's kind, never the words typed.
    expect(await history.first().locator('td').nth(2).textContent()).toBe('keyword');
    violations.push(...await seriousViolations(page));

    // The conversation view shows the messages in and the bot's confirmation out.
    await page.getByRole('link', { name: 'Xem hội thoại' }).click();
    await page.waitForURL(`**/console/subscribers/${subscriberId}/conversation`);
    expect(await page.locator('li[data-direction="out"]').count()).toBeGreaterThan(0);
    violations.push(...await seriousViolations(page));

    // A broadcast from the Lists page: the send gate refuses the opted-out member, nothing reaches the platform.
    const sentBefore = fake.sent.filter((s) => s.text === 'Ưu đãi cuối tuần').length;
    await page.goto('/console/channels/lists');
    await page.locator('li[data-list]').getByLabel('Nội dung tin').fill('Ưu đãi cuối tuần');
    await page.locator('li[data-list]').getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.waitForURL('**/console/channels/lists?queued=*');
    const result = page.locator('[data-broadcast-result]');
    expect([await result.getAttribute('data-queued'), await result.getAttribute('data-refused')]).toEqual(['0', '1']);
    violations.push(...await seriousViolations(page));
    await drain();
    expect(fake.sent.filter((s) => s.text === 'Ưu đãi cuối tuần').length).toBe(sentBefore);

    // The same pages in English.
    await page.goto(`/console/subscribers/${subscriberId}?lang=en`);
    expect(await page.locator('[data-opt-state]').textContent()).toBe('Opted out');
    violations.push(...await seriousViolations(page));
    await page.goto('/console/channels/lists?lang=en');
    violations.push(...await seriousViolations(page));
    expect(violations).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 180_000);
});
