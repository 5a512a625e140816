import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { FLOOD_MAX, FloodGuard } from '../../src/channels/flood.ts';
import type { ChannelEvent } from '../../src/channels/events.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { startFakePlatforms, type FakePlatforms } from '../support/fake-platforms.ts';
import { messengerDelivery, messengerText, telegramDelivery, telegramText, type Signed } from '../support/channel-fixtures.ts';
import { runJob } from '../support/jobs.ts';

const CREDS = { messenger: { token: 'EAAB-page-token-2', appSecret: 'meta-app-secret-2' }, zalo: { token: 'zalo-oa-token-2' }, telegram: { token: '654321:bot-token-2' } };

describe('one sender\'s window (in process)', () => {
  it('[C11] a sender beyond the bound is cut off for the rest of the window and counted once; the next window admits them again', () => {
    let now = 0;
    const guard = new FloodGuard(3, 1000, () => now);
    const ev = (user: string, i: number): ChannelEvent => ({ key: `${user}-${i}`, kind: 'message', userId: user, at: 0, raw: {} });
    const first = guard.admit('acc', [ev('a', 1), ev('a', 2), ev('b', 1), ev('a', 3), ev('a', 4), ev('a', 5)]);
    expect([first.kept.map((e) => e.key), first.dropped, first.newlyFlooding]).toEqual([['a-1', 'a-2', 'b-1', 'a-3'], 2, 1]);
    // Still flooding in the same window: dropped, not counted as a new flood.
    expect(guard.admit('acc', [ev('a', 6)])).toMatchObject({ kept: [], dropped: 1, newlyFlooding: 0 });
    // The same person on another account is another sender.
    expect(guard.admit('other', [ev('a', 7)]).kept).toHaveLength(1);
    now = 1000;
    expect(guard.admit('acc', [ev('a', 8)]).kept).toHaveLength(1);
  });
});

for (const kind of testStores()) describe(`channels: a flood from one sender, Telegram setWebhook, the help reply and chat requests (${kind})`, () => {
  let h: Harness;
  let fake: FakePlatforms;
  let shop: Merchant;
  let page: { id: string };
  let bot: { id: string; secrets: { secretToken: string }; telegramWebhook?: string; webhookUrl: string };
  let update = 5000;

  async function drain(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const events = await inPlatform(h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>('SELECT id, tenant_id FROM channel_events WHERE processed_at IS NULL ORDER BY received_at'));
      for (const e of events) await runJob(h, 'process-channel-event', { tenantId: e.tenant_id, eventId: e.id });
      const sends = await inPlatform(h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>("SELECT id, tenant_id FROM outbound_messages WHERE status = 'queued' ORDER BY created_at"));
      for (const m of sends) await runJob(h, 'deliver-channel-message', { tenantId: m.tenant_id, messageId: m.id });
      if (events.length === 0 && sends.length === 0) return;
    }
  }
  const post = (platform: string, id: string, s: Signed) => h.app.inject({ method: 'POST', url: `/webhooks/${platform}/${id}`, headers: s.headers, payload: s.body });
  const tg = (user: number, text: string, language = 'vi') => telegramDelivery(bot.secrets.secretToken, telegramText(++update, user, text, language));

  beforeAll(async () => {
    fake = await startFakePlatforms(CREDS);
    h = await bootHarness(kind, { CHANNEL_API_MESSENGER: fake.url, CHANNEL_API_ZALO: fake.url, CHANNEL_API_TELEGRAM: fake.url });
    shop = await createMerchant(h);
    const p = await h.app.inject({ method: 'POST', url: '/api/channels', headers: shop.headers, payload: { platform: 'messenger', platformAccount: '2029384756', appSecret: CREDS.messenger.appSecret, accessToken: CREDS.messenger.token } });
    expect(p.statusCode, p.body).toBe(201);
    page = p.json();
    const b = await h.app.inject({ method: 'POST', url: '/api/channels', headers: shop.headers, payload: { platform: 'telegram', platformAccount: 'hoamai2_bot', accessToken: CREDS.telegram.token } });
    expect(b.statusCode, b.body).toBe(201);
    bot = b.json();
  }, 60_000);

  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
    await fake?.close();
  });

  it('[C10] connecting a Telegram bot sets its webhook with the secret token through setWebhook; a rotation sets the new one, and the old token is refused', async () => {
    expect(bot.telegramWebhook).toBe('set');
    expect(fake.webhooks).toEqual([{ token: CREDS.telegram.token, url: bot.webhookUrl, secretToken: bot.secrets.secretToken }]);
    const old = bot.secrets.secretToken;
    const r = await h.app.inject({ method: 'POST', url: `/api/channels/${bot.id}/rotate`, headers: shop.headers, payload: {} });
    expect([r.statusCode, r.json().telegramWebhook]).toEqual([200, 'set']);
    const fresh = r.json().secrets.secretToken as string;
    expect(fresh).not.toBe(old);
    expect(fake.webhooks.at(-1)).toEqual({ token: CREDS.telegram.token, url: bot.webhookUrl, secretToken: fresh });
    const stale = await post('telegram', bot.id, telegramDelivery(old, telegramText(++update, 700000100, 'hi')));
    expect([stale.statusCode, stale.json().code]).toEqual([401, 'signature_invalid']);
    bot = { ...bot, secrets: { secretToken: fresh } };
    expect((await post('telegram', bot.id, tg(700000100, 'hi'))).json()).toEqual({ received: 1 });
    // A bot token the platform does not know: the account is connected, and the answer says the webhook was not set.
    const wrong = await h.app.inject({ method: 'POST', url: '/api/channels', headers: shop.headers, payload: { platform: 'telegram', platformAccount: 'other2_bot', accessToken: '999:not-a-real-token' } });
    expect([wrong.statusCode, wrong.json().telegramWebhook]).toEqual([201, 'platform_refused']);
  });

  it('[C11] a flood from one sender is cut at the bound with a 200 and one audit entry; another sender in the same deliveries loses nothing', async () => {
    const flooder = '6024000000000777';
    const calm = '6024000000000778';
    const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => messengerText(flooder, `mid.flood.${from + i}`, `spam ${from + i}`));
    // Two deliveries, each mixing the flooder's burst with one message from a calm sender.
    const d1 = messengerDelivery(CREDS.messenger.appSecret, '2029384756', [...items(0, FLOOD_MAX - 10), messengerText(calm, 'mid.calm.1', 'Cho mình hỏi giá')]);
    const d2 = messengerDelivery(CREDS.messenger.appSecret, '2029384756', [...items(FLOOD_MAX - 10, 40), messengerText(calm, 'mid.calm.2', 'Còn size M không?')]);
    const r1 = await post('messenger', page.id, d1);
    const r2 = await post('messenger', page.id, d2);
    expect([r1.statusCode, r1.json(), r2.statusCode, r2.json()]).toEqual([200, { received: FLOOD_MAX - 9 }, 200, { received: 11 }]);
    // Flooding on: more is dropped, still 200, no second audit entry for the same window.
    const r3 = await post('messenger', page.id, messengerDelivery(CREDS.messenger.appSecret, '2029384756', items(500, 5)));
    expect([r3.statusCode, r3.json()]).toEqual([200, { received: 0 }]);
    await drain();
    const counts = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ who: string; n: number }>(
      `SELECT CASE WHEN e.event_key LIKE 'mid.calm.%' THEN 'calm' ELSE 'flood' END AS who, count(*)::int AS n
         FROM channel_events e WHERE e.channel_account_id = $1 AND e.processed_at IS NOT NULL GROUP BY 1 ORDER BY 1`, [page.id]));
    expect(counts).toEqual([{ who: 'calm', n: 2 }, { who: 'flood', n: FLOOD_MAX }]);
    const audit = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'webhook.flood_dropped'"));
    expect(audit.map((a) => a.details)).toEqual([{ platform: 'messenger', code: 'sender_flood', senders: 1, limit: FLOOD_MAX, windowSeconds: 60 }]);
    expect(JSON.stringify(audit)).not.toContain(flooder);
  });

  it('[C11] the bot\'s help reply tells a Subscriber in English and in Vietnamese how to stop and how to ask for their data; "MY DATA" puts an access request in the shop\'s requests inbox', async () => {
    await post('telegram', bot.id, tg(700000200, 'help', 'en'));
    await post('telegram', bot.id, tg(700000201, 'Trợ giúp'));
    await drain();
    const en = fake.sent.find((s) => s.to === '700000200')!.text;
    const vi = fake.sent.find((s) => s.to === '700000201')!.text;
    expect(en).toMatch(/STOP/);
    expect(en).toMatch(/MY DATA/);
    expect(en).toMatch(/DELETE MY DATA/);
    expect(vi).toMatch(/HỦY/);
    expect(vi).toMatch(/XÓA DỮ LIỆU/);
    expect(vi).toMatch(/SỬA DỮ LIỆU/);
    // Doing what the reply says: the request lands in the merchant's inbox, over the real webhook.
    await post('telegram', bot.id, tg(700000200, 'my data', 'en'));
    await post('telegram', bot.id, tg(700000201, 'sửa dữ liệu'));
    await drain();
    const inbox = await h.app.inject({ method: 'GET', url: '/api/requests', headers: shop.headers });
    expect(inbox.statusCode, inbox.body).toBe(200);
    const viaBot = (inbox.json().items as { kind: string; receivedVia: string }[]).filter((i) => i.receivedVia === 'bot').map((i) => i.kind).sort();
    expect(viaBot).toEqual(['access', 'rectification']);
    expect(fake.sent.filter((s) => s.to === '700000200').at(-1)!.text).toMatch(/^The shop has received your request/);
  });
  it('[C11] [C19] a list broadcast queues each member\'s copy after the send gate: the member who sent /stop gets nothing, the others get it through the batched delivery job', async () => {
    const users = [700000301, 700000302, 700000303];
    const ids: string[] = [];
    for (const u of users) {
      await post('telegram', bot.id, tg(u, 'Xin chào'));
      await drain();
      const [s] = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ id: string }>('SELECT id FROM subscribers WHERE channel_account_id = $1 ORDER BY created_at DESC LIMIT 1', [bot.id]));
      ids.push(s!.id);
    }
    const notice = await h.app.inject({ method: 'POST', url: '/api/consent-notices', headers: shop.headers, payload: { slug: 'tg-offers-b', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi.' } });
    const list = await h.app.inject({ method: 'POST', url: '/api/lists', headers: shop.headers, payload: { label: 'Khách Telegram', channel: 'channel' } });
    for (const id of ids) {
      const c = await h.app.inject({ method: 'POST', url: `/api/subjects/subscriber/${id}/consents`, headers: shop.headers, payload: { purpose: 'contact', given: true, noticeId: notice.json().id, method: 'bot_keyword', marketing: true } });
      expect(c.statusCode, c.body).toBe(201);
      expect((await h.app.inject({ method: 'POST', url: `/api/lists/${list.json().id}/members`, headers: shop.headers, payload: { subjectType: 'subscriber', subjectId: id } })).statusCode).toBe(201);
    }
    await post('telegram', bot.id, tg(users[1]!, '/stop'));
    await drain();
    fake.sent.length = 0;
    const b = await h.app.inject({ method: 'POST', url: `/api/lists/${list.json().id}/broadcasts`, headers: shop.headers, payload: { text: 'Giảm 20% cuối tuần' } });
    expect([b.statusCode, b.json()]).toEqual([202, { queued: 2, refused: 1 }]);
    // The delivery job as the broadcast enqueued it: one job for a batch of copies.
    const rows = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ id: string; subscriber_id: string; status: string; refused_code: string | null }>(
      'SELECT id, subscriber_id, status, refused_code FROM outbound_messages WHERE list_id = $1', [list.json().id]));
    expect(rows.find((r) => r.subscriber_id === ids[1])).toMatchObject({ status: 'refused', refused_code: 'opted_out' });
    await runJob(h, 'deliver-channel-message', { tenantId: shop.tenantId, messageIds: rows.filter((r) => r.status === 'queued').map((r) => r.id) });
    expect(fake.sent.map((x) => x.to).sort()).toEqual(['700000301', '700000303']);
    const audit = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'broadcast.queued'"));
    expect(audit.map((a) => a.details)).toEqual([{ queued: 2, refused: 1, codes: { opted_out: 1 } }]);
  });
});
