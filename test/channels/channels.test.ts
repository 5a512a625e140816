import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../src/channels/events.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { createMerchant, createStaff, type Merchant } from '../support/factories.ts';
import { startFakePlatforms, type FakePlatforms } from '../support/fake-platforms.ts';
import { messengerDelivery, messengerText, telegramDelivery, telegramText, zaloDelivery, zaloText, type Signed } from '../support/channel-fixtures.ts';
import { runJob } from '../support/jobs.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';

const CREDS = { messenger: { token: 'EAAB-page-token-1', appSecret: 'meta-app-secret-1' }, zalo: { token: 'zalo-oa-token-1' }, telegram: { token: '123456:bot-token-1' } };

type Account = { id: string; platform: Platform; platformAccount: string; secrets: { verifyToken?: string; secretToken?: string } };

let h: Harness;
let fake: FakePlatforms;
let shop: Merchant;
let other: Merchant;
const accounts = {} as Record<Platform, Account>;
let update = 1000;

/** Runs every job the intake and the send path queued, as the workers would, until none is left. */
async function drain(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const events = await inPlatform(h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>('SELECT id, tenant_id FROM channel_events WHERE processed_at IS NULL ORDER BY received_at'));
    for (const e of events) await runJob(h, 'process-channel-event', { tenantId: e.tenant_id, eventId: e.id });
    const sends = await inPlatform(h.ctx.db, (tx) => tx.query<{ id: string; tenant_id: string }>("SELECT id, tenant_id FROM outbound_messages WHERE status = 'queued' ORDER BY created_at"));
    for (const m of sends) await runJob(h, 'deliver-channel-message', { tenantId: m.tenant_id, messageId: m.id });
    if (events.length === 0 && sends.length === 0) return;
  }
}

const post = (platform: Platform, accountId: string, s: Signed) =>
  h.app.inject({ method: 'POST', url: `/webhooks/${platform}/${accountId}`, headers: s.headers, payload: s.body });

/** A signed text message from `user` on the platform of `a`. */
function textFrom(a: Account, user: string, text: string): Signed {
  const id = `${++update}`;
  if (a.platform === 'messenger') return messengerDelivery(CREDS.messenger.appSecret, a.platformAccount, [messengerText(user, `mid.${id}`, text)]);
  if (a.platform === 'zalo') return zaloDelivery('zalo-app-1', 'zalo-oa-secret-1', a.platformAccount, zaloText(user, a.platformAccount, `msg${id}`, text));
  return telegramDelivery(a.secrets.secretToken!, telegramText(Number(id), Number(user), text));
}

async function subscriberOf(a: Account, tenantId: string): Promise<string> {
  const [s] = await inTenant(h.ctx.db, tenantId, (tx) => tx.query<{ id: string }>('SELECT id FROM subscribers WHERE channel_account_id = $1 ORDER BY created_at DESC LIMIT 1', [a.id]));
  return s!.id;
}

const send = (m: Merchant, subscriberId: string, body: Record<string, unknown>) =>
  h.app.inject({ method: 'POST', url: `/api/subscribers/${subscriberId}/messages`, headers: m.headers, payload: body });

async function giveMarketingConsent(m: Merchant, subscriberId: string): Promise<void> {
  const notice = await h.app.inject({ method: 'POST', url: '/api/consent-notices', headers: m.headers, payload: { slug: `offers-${subscriberId.slice(0, 8)}`, lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi.' } });
  expect(notice.statusCode, notice.body).toBe(201);
  const r = await h.app.inject({ method: 'POST', url: `/api/subjects/subscriber/${subscriberId}/consents`, headers: m.headers, payload: { purpose: 'contact', given: true, noticeId: notice.json().id, method: 'bot_keyword', marketing: true } });
  expect(r.statusCode, r.body).toBe(201);
}

for (const kind of testStores()) describe(`channels, webhooks, the opt-out model and the send gate (${kind})`, () => {
beforeAll(async () => {
  fake = await startFakePlatforms(CREDS);
  fake.sent.length = 0;
  h = await bootHarness(kind, { CHANNEL_API_MESSENGER: fake.url, CHANNEL_API_ZALO: fake.url, CHANNEL_API_TELEGRAM: fake.url });
  shop = await createMerchant(h);
  other = await createMerchant(h);
  const bodies: Record<Platform, Record<string, unknown>> = {
    messenger: { platform: 'messenger', platformAccount: '1029384756', appSecret: CREDS.messenger.appSecret, accessToken: CREDS.messenger.token, label: 'Hoa Mai page' },
    zalo: { platform: 'zalo', platformAccount: '4455667788', appRef: 'zalo-app-1', oaSecretKey: 'zalo-oa-secret-1', accessToken: CREDS.zalo.token },
    telegram: { platform: 'telegram', platformAccount: 'hoamai_bot', accessToken: CREDS.telegram.token },
  };
  for (const p of PLATFORMS) {
    const r = await h.app.inject({ method: 'POST', url: '/api/channels', headers: shop.headers, payload: bodies[p] });
    expect(r.statusCode, r.body).toBe(201);
    accounts[p] = r.json();
  }
}, 60_000);

afterAll(async () => {
  await h?.app.close();
  await h?.ctx.db.close();
  await fake?.close();
});

  it('[C10] a channel account\'s secrets are sealed at rest and shown once; rotation makes new ones; another shop and staff see none of it', async () => {
    expect(accounts.messenger.secrets.verifyToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(accounts.telegram.secrets.secretToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const list = await h.app.inject({ method: 'GET', url: '/api/channels', headers: shop.headers });
    expect(list.json().items).toHaveLength(3);
    expect(list.body).not.toContain(accounts.messenger.secrets.verifyToken);
    expect(list.body).not.toContain(CREDS.messenger.appSecret);
    const stored = await inPlatform(h.ctx.db, (tx) => tx.query<{ secrets: string }>('SELECT secrets FROM channel_accounts'));
    for (const s of stored) {
      expect(s.secrets).toMatch(/^enc:v1:/);
      for (const secret of [CREDS.messenger.appSecret, CREDS.zalo.token, accounts.telegram.secrets.secretToken!]) expect(s.secrets).not.toContain(secret);
    }
    expect((await h.app.inject({ method: 'GET', url: '/api/channels', headers: other.headers })).json().items).toEqual([]);
    const staff = await createStaff(h);
    expect((await h.app.inject({ method: 'GET', url: '/api/channels', headers: staff.headers })).statusCode).toBe(403);
    const missing = await h.app.inject({ method: 'POST', url: '/api/channels', headers: shop.headers, payload: { platform: 'zalo', platformAccount: '999', accessToken: 'zalo-token-xx' } });
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'channel_secret_missing']);

    // Meta's handshake answers the challenge only to this account's verify token.
    const hs = (t: string) => h.app.inject({ method: 'GET', url: `/webhooks/messenger/${accounts.messenger.id}?hub.mode=subscribe&hub.verify_token=${t}&hub.challenge=1158201444` });
    const ok = await hs(accounts.messenger.secrets.verifyToken!);
    expect([ok.statusCode, ok.body]).toEqual([200, '1158201444']);
    expect((await hs('wrong-token-123')).statusCode).toBe(403);
  });

  it('[C10] [C11] signed fixtures of all three platforms pass through the real endpoints; wrong or missing signatures get 401 and are audited; a replay is stored and processed once', async () => {
    for (const p of PLATFORMS) {
      const a = accounts[p];
      const user = p === 'messenger' ? '6024000000000001' : p === 'zalo' ? '8800000000000001' : '700000001';
      const s = textFrom(a, user, 'Chào shop, còn áo size M không?');
      const first = await post(p, a.id, s);
      expect([first.statusCode, first.json()], p).toEqual([200, { received: 1 }]);
      // The same delivery again (a platform retry, or a replay): acknowledged, not stored again.
      const again = await post(p, a.id, s);
      expect([again.statusCode, again.json()], p).toEqual([200, { received: 0 }]);
      // A wrong signature and none at all.
      const wrong = { ...s, headers: { ...s.headers } };
      const header = p === 'messenger' ? 'x-hub-signature-256' : p === 'zalo' ? 'x-zevent-signature' : 'x-telegram-bot-api-secret-token';
      wrong.headers[header] = p === 'telegram' ? 'not-the-secret-token' : `${s.headers[header]!.slice(0, -4)}beef`;
      const bad = await post(p, a.id, wrong);
      expect([bad.statusCode, bad.json().code], p).toEqual([401, 'signature_invalid']);
      const { [header]: _dropped, ...unsigned } = s.headers;
      const none = await h.app.inject({ method: 'POST', url: `/webhooks/${p}/${a.id}`, headers: unsigned, payload: s.body });
      expect([none.statusCode, none.json().code], p).toEqual([401, 'signature_missing']);
      // A body changed after signing fails too (Telegram's secret token does not cover the body).
      if (p !== 'telegram') {
        const tampered = Buffer.from(s.body.toString('utf8').replace('size M', 'size L'));
        expect((await post(p, a.id, { ...s, body: tampered })).statusCode, p).toBe(401);
      }
    }
    await drain();
    const events = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ outcome: string; n: number }>('SELECT outcome, count(*)::int AS n FROM channel_events GROUP BY outcome'));
    expect(events).toEqual([{ outcome: 'stored', n: 3 }]);
    const rows = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ channel: string; opt_in_source: string; payload: string }>(
      'SELECT s.channel, s.opt_in_source, e.payload FROM subscribers s JOIN channel_events e ON e.subscriber_id = s.id ORDER BY s.channel'));
    expect(rows.map((r) => [r.channel, r.opt_in_source])).toEqual([['messenger', 'first_message'], ['telegram', 'first_message'], ['zalo', 'first_message']]);
    for (const r of rows) expect(r.payload).toMatch(/^enc:v1:/);
    const messages = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM messages'));
    expect(messages[0]!.n).toBe(3);
    const audit = await inPlatform(h.ctx.db, (tx) => tx.query<{ action: string; details: { code?: string } }>("SELECT action, details FROM audit_log WHERE action = 'webhook.refused' AND details->>'code' LIKE 'signature%'"));
    expect(audit.map((a) => a.details.code).sort()).toEqual([...Array(3).fill('signature_invalid'), ...Array(2).fill('signature_invalid'), ...Array(3).fill('signature_missing')].sort());
  });

  it('[C10] an unknown page, OA or bot gets the 200 its platform expects, audited, and nothing is stored; a malformed body is a 400', async () => {
    const otherPage = messengerDelivery(CREDS.messenger.appSecret, '5555555555', [messengerText('6024000000000009', 'mid.x1', 'hello')]);
    const r = await post('messenger', accounts.messenger.id, otherPage);
    expect([r.statusCode, r.json()]).toEqual([200, { received: 0 }]);
    const otherOa = zaloDelivery('zalo-app-1', 'zalo-oa-secret-1', '1111', zaloText('8800000000000009', '1111', 'msgx', 'hi'));
    expect((await post('zalo', accounts.zalo.id, otherOa)).json()).toEqual({ received: 0 });
    const unknownBot = await post('telegram', '7d0f5b7e-3c1a-4c55-9a57-000000000000', telegramDelivery('whatever-token', telegramText(1, 2, 'hi')));
    expect([unknownBot.statusCode, unknownBot.json()]).toEqual([200, { received: 0 }]);
    const malformed = telegramDelivery(accounts.telegram.secrets.secretToken!, {});
    const m = await post('telegram', accounts.telegram.id, { ...malformed, body: Buffer.from('{"update_id": ') });
    expect([m.statusCode, m.json().code]).toEqual([400, 'payload_malformed']);
    const audit = await inPlatform(h.ctx.db, (tx) => tx.query<{ action: string; details: { code?: string } }>("SELECT action, details FROM audit_log WHERE action IN ('webhook.ignored', 'webhook.malformed') ORDER BY id"));
    expect(audit.map((a) => `${a.action}:${a.details.code ?? ''}`)).toEqual(['webhook.ignored:recipient_unknown', 'webhook.ignored:recipient_unknown', 'webhook.ignored:account_unknown', 'webhook.malformed:']);
  });

  it('[C11] [C19] after "hủy" (or any stop form) on any channel every later marketing message is refused until the Subscriber opts back in; the bot confirms in their language', async () => {
    const stops: Record<Platform, (a: Account, user: string) => Signed> = {
      messenger: (a, u) => textFrom(a, u, 'hủy'),
      zalo: (a, u) => textFrom(a, u, 'HUỶ!!'),
      telegram: (a, u) => telegramDelivery(a.secrets.secretToken!, telegramText(++update, Number(u), '/stop')),
    };
    for (const p of PLATFORMS) {
      const a = accounts[p];
      const user = p === 'messenger' ? '6024000000000002' : p === 'zalo' ? '8800000000000002' : '700000002';
      expect((await post(p, a.id, textFrom(a, user, 'Xin chào'))).statusCode).toBe(200);
      await drain();
      const sid = await subscriberOf(a, shop.tenantId);
      // Without marketing consent a promotion is refused already (C19); a reply goes.
      expect((await send(shop, sid, { kind: 'marketing', text: 'Giảm 20% hôm nay' })).json().code, p).toBe('consent_missing');
      await giveMarketingConsent(shop, sid);
      expect((await send(shop, sid, { kind: 'marketing', text: 'Giảm 20% hôm nay' })).statusCode, p).toBe(202);
      await drain();

      expect((await post(p, a.id, stops[p](a, user))).statusCode).toBe(200);
      await drain();
      for (const body of [{ kind: 'marketing', text: 'Flash sale!' }, { kind: 'reply', text: 'Cảm ơn bạn' }]) {
        const refused = await send(shop, sid, body);
        expect([refused.statusCode, refused.json().code, refused.json().clause], p).toEqual([403, 'opted_out', 'C11']);
      }
      const state = await h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}/channel`, headers: shop.headers });
      expect(state.json().state, p).toBe('opted_out');
      // A second stop records nothing new: one opt-out per (Subscriber, channel account).
      await post(p, a.id, p === 'telegram' ? telegramDelivery(a.secrets.secretToken!, telegramText(++update, Number(user), 'STOP')) : textFrom(a, user, 'Stop.'));
      await drain();
      const opts = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ kind: string }>('SELECT kind FROM opt_events WHERE subscriber_id = $1', [sid]));
      expect(opts.map((o) => o.kind), p).toEqual(['opt_out']);

      // Opting back in lets marketing through again (the marketing consent still stands).
      await post(p, a.id, p === 'telegram' ? telegramDelivery(a.secrets.secretToken!, telegramText(++update, Number(user), '/start')) : textFrom(a, user, p === 'zalo' ? 'đăng ký' : 'START'));
      await drain();
      expect((await send(shop, sid, { kind: 'marketing', text: 'Welcome back' })).statusCode, p).toBe(202);
      await drain();
    }
    // The platform received the confirmations in the person's language, and no message in between.
    const to = (p: Platform) => fake.sent.filter((s) => s.platform === p).map((s) => s.text);
    expect(to('messenger')).toEqual(['Giảm 20% hôm nay', expect.stringMatching(/^Bạn đã hủy nhận tin/), 'You are subscribed again. Reply STOP at any time to stop.', 'Welcome back']);
    expect(to('zalo')[1]).toMatch(/^Bạn đã hủy nhận tin/);
    expect(to('telegram')[1]).toMatch(/^Bạn đã hủy nhận tin/);
    expect(fake.refused).toEqual([]);
  });

  it('[C11] platform stop signals — Zalo unfollow, Telegram kicked, Messenger STOP_NOTIFICATIONS — are opt-outs; follow, member and RESUME opt back in', async () => {
    const cases: Array<[Platform, string, (u: string) => Signed, (u: string) => Signed]> = [
      ['zalo', '8800000000000003',
        (u) => zaloDelivery('zalo-app-1', 'zalo-oa-secret-1', accounts.zalo.platformAccount, { event_name: 'unfollow', follower: { id: u } }),
        (u) => zaloDelivery('zalo-app-1', 'zalo-oa-secret-1', accounts.zalo.platformAccount, { event_name: 'follow', follower: { id: u } })],
      ['telegram', '700000003',
        (u) => telegramDelivery(accounts.telegram.secrets.secretToken!, { update_id: ++update, my_chat_member: { chat: { id: Number(u), type: 'private' }, from: { id: Number(u) }, date: 1, new_chat_member: { status: 'kicked' } } }),
        (u) => telegramDelivery(accounts.telegram.secrets.secretToken!, { update_id: ++update, my_chat_member: { chat: { id: Number(u), type: 'private' }, from: { id: Number(u) }, date: 1, new_chat_member: { status: 'member' } } })],
      ['messenger', '6024000000000003',
        (u) => messengerDelivery(CREDS.messenger.appSecret, accounts.messenger.platformAccount, [{ sender: { id: u }, optin: { type: 'notification_messages', notification_messages_status: 'STOP_NOTIFICATIONS' } }]),
        (u) => messengerDelivery(CREDS.messenger.appSecret, accounts.messenger.platformAccount, [{ sender: { id: u }, optin: { type: 'notification_messages', notification_messages_status: 'RESUME_NOTIFICATIONS' } }])],
    ];
    for (const [p, user, stop, resume] of cases) {
      const a = accounts[p];
      await post(p, a.id, p === 'zalo' ? resume(user) : textFrom(a, user, 'hi'));
      await drain();
      const sid = await subscriberOf(a, shop.tenantId);
      await post(p, a.id, stop(user));
      await drain();
      expect((await send(shop, sid, { kind: 'reply', text: 'Chào bạn' })).json().code, p).toBe('opted_out');
      await new Promise((r) => setTimeout(r, 5)); // distinct timestamps in the Messenger fallback key
      await post(p, a.id, resume(user));
      await drain();
      expect((await send(shop, sid, { kind: 'reply', text: 'Chào bạn' })).statusCode, p).toBe(202);
      const signals = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ signal: string; evidence: string }>('SELECT signal, evidence FROM opt_events WHERE subscriber_id = $1 ORDER BY created_at', [sid]));
      expect(signals.map((s) => s.signal), p).toHaveLength(2);
      for (const s of signals) expect(s.evidence).toMatch(/^enc:v1:/);
    }
    await drain();
  });

  it('[C11] [C19] a shop\'s own stop phrase opts out like the built-in ones; the platform windows refuse late messages; "help" is answered in the person\'s language', async () => {
    const kw = await h.app.inject({ method: 'POST', url: '/api/opt-keywords', headers: shop.headers, payload: { phrase: 'Thôi nhé', kind: 'opt_out', language: 'vi' } });
    expect([kw.statusCode, kw.json().phrase]).toEqual([201, 'thoi nhe']);
    expect((await h.app.inject({ method: 'GET', url: '/api/opt-keywords', headers: other.headers })).json().items).toEqual([]);
    const z = accounts.zalo;
    await post('zalo', z.id, textFrom(z, '8800000000000005', 'Thôi nhé, để mai mình mua'));
    await drain();
    const zid = await subscriberOf(z, shop.tenantId);
    expect((await send(shop, zid, { kind: 'reply', text: 'Dạ vâng' })).statusCode).toBe(202);
    await post('zalo', z.id, textFrom(z, '8800000000000005', 'THÔI NHÉ!'));
    await drain();
    expect((await send(shop, zid, { kind: 'reply', text: 'Dạ vâng' })).json().code).toBe('opted_out');

    // Messenger: a day after the person's last message only a tagged, non-promotional message goes.
    const m = accounts.messenger;
    await post('messenger', m.id, textFrom(m, '6024000000000006', 'help'));
    await drain();
    const mid = await subscriberOf(m, shop.tenantId);
    expect(fake.sent.at(-1)).toMatchObject({ platform: 'messenger', to: '6024000000000006', text: expect.stringMatching(/^Gửi "HỦY" để ngừng nhận tin/) });
    await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query("UPDATE subscribers SET last_inbound_at = now() - interval '25 hours' WHERE id = $1", [mid]));
    expect((await send(shop, mid, { kind: 'reply', text: 'Đơn của bạn đã gửi' })).json().code).toBe('window_closed');
    expect((await send(shop, mid, { kind: 'reply', text: 'Đơn của bạn đã gửi', tag: 'POST_PURCHASE_UPDATE' })).statusCode).toBe(202);
    await drain();
    expect(fake.sent.at(-1)).toMatchObject({ platform: 'messenger', tag: 'POST_PURCHASE_UPDATE' });
    await giveMarketingConsent(shop, mid);
    const promo = await send(shop, mid, { kind: 'marketing', text: 'Sale!', tag: 'POST_PURCHASE_UPDATE' });
    expect([promo.statusCode, promo.json().code]).toEqual([403, 'tag_not_for_promotion']);
    // Zalo: 48 hours.
    const t = accounts.zalo;
    await post('zalo', t.id, textFrom(t, '8800000000000007', 'hello'));
    await drain();
    const tid = await subscriberOf(t, shop.tenantId);
    await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query("UPDATE subscribers SET last_inbound_at = now() - interval '49 hours' WHERE id = $1", [tid]));
    expect((await send(shop, tid, { kind: 'reply', text: 'Chào bạn' })).json().code).toBe('window_closed');
    const refusedRows = await inTenant(h.ctx.db, shop.tenantId, (tx) => tx.query<{ n: number }>("SELECT count(*)::int AS n FROM outbound_messages WHERE status = 'refused' AND refused_code = 'window_closed'"));
    expect(refusedRows[0]!.n).toBe(2);
  });

  it('[C11] a Subscriber who writes "XÓA DỮ LIỆU" in the chat has an erasure request in the shop\'s requests, answered by the bot in their language', async () => {
    const a = accounts.telegram;
    await post('telegram', a.id, textFrom(a, '700000008', 'Xin chào'));
    await drain();
    const sid = await subscriberOf(a, shop.tenantId);
    await post('telegram', a.id, textFrom(a, '700000008', 'XÓA DỮ LIỆU'));
    await drain();
    const r = await h.app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sid}/requests`, headers: shop.headers });
    expect(r.json().items).toEqual([expect.objectContaining({ kind: 'erasure', receivedVia: 'bot', evidenceRef: expect.stringMatching(/^channel_event:/) })]);
    expect(fake.sent.at(-1)).toMatchObject({ platform: 'telegram', to: '700000008', text: expect.stringMatching(/^Cửa hàng đã nhận yêu cầu/) });
    expect((await h.app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sid}/requests`, headers: other.headers })).statusCode).toBe(404);
  });

  it('[C19] [C21] a marketing list admits a Subscriber only with a marketing consent record and a Customer only when they allowed it; a broadcast goes through the send gate per member', async () => {
    const list = await h.app.inject({ method: 'POST', url: '/api/lists', headers: shop.headers, payload: { label: 'Khách VIP', channel: 'channel' } });
    expect(list.statusCode, list.body).toBe(201);
    const a = accounts.telegram;
    await post('telegram', a.id, textFrom(a, '700000004', 'xin chào'));
    await drain();
    const sid = await subscriberOf(a, shop.tenantId);
    const add = (type: string, id: string) => h.app.inject({ method: 'POST', url: `/api/lists/${list.json().id}/members`, headers: shop.headers, payload: { subjectType: type, subjectId: id } });
    const refused = await add('subscriber', sid);
    expect([refused.statusCode, refused.json().code, refused.json().clause]).toEqual([403, 'consent_missing', 'C19']);
    // A Buyer from an order joins only on their own marketing consent (C19).
    const buyer = await inTenant(h.ctx.db, shop.tenantId, (tx) => insertBuyer(tx, h.ctx.keys, shop.tenantId, { name: 'Trần Thị B', email: 'b@buyer.example', source: 'form:checkout' }));
    const buyerRefused = await add('buyer', buyer);
    expect([buyerRefused.statusCode, buyerRefused.json().code, buyerRefused.json().clause]).toEqual([403, 'consent_missing', 'C19']);
    // A Customer's own contact data serves communication: a marketing list needs their consent too (C21).
    const customer = await add('customer', shop.userId);
    expect([customer.statusCode, customer.json().code]).toEqual([403, 'consent_missing']);
    await giveMarketingConsent(shop, sid);
    const added = await add('subscriber', sid);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().consentRef).toMatch(/^[0-9a-f-]{36}$/);
    const b = await h.app.inject({ method: 'POST', url: `/api/lists/${list.json().id}/broadcasts`, headers: shop.headers, payload: { text: 'Sale cuối tuần' } });
    expect([b.statusCode, b.json()]).toEqual([202, { queued: 1, refused: 0 }]);
    await drain();
    expect(fake.sent.at(-1)).toMatchObject({ platform: 'telegram', to: '700000004', text: 'Sale cuối tuần' });
  });

  it('[C11] erasing a channel Subscriber removes their events, opt events, messages sent and received, and list memberships', async () => {
    const sid = await subscriberOf(accounts.messenger, shop.tenantId);
    const { eraseSubject } = await import('../../src/dsr/erase.ts');
    const { keyringFor } = await import('../../src/crypto/envelope.ts');
    const left = () => inPlatform(h.ctx.db, (tx) => tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM channel_events WHERE subscriber_id = $1) + (SELECT count(*) FROM opt_events WHERE subscriber_id = $1)
            + (SELECT count(*) FROM outbound_messages WHERE subscriber_id = $1) + (SELECT count(*) FROM messages WHERE subscriber_id = $1)
            + (SELECT count(*) FROM marketing_list_members WHERE subject_id = $1) + (SELECT count(*) FROM subscribers WHERE id = $1) AS n`, [sid]));
    expect(Number((await left())[0]!.n)).toBeGreaterThan(3);
    await inPlatform(h.ctx.db, (tx) => eraseSubject({ tx, ring: keyringFor(h.ctx.config), keys: h.ctx.keys }, { type: 'subscriber', id: sid, tenantId: shop.tenantId }));
    expect(Number((await left())[0]!.n)).toBe(0);
  });

  it('[C29] staff and platform code paths cannot message a shop\'s Subscribers or read them across tenants', async () => {
    const sid = await subscriberOf(accounts.telegram, shop.tenantId);
    const staff = await createStaff(h);
    const tries = [
      h.app.inject({ method: 'POST', url: `/api/subscribers/${sid}/messages`, headers: staff.headers, payload: { kind: 'reply', text: 'Hello from ECOMKEY' } }),
      h.app.inject({ method: 'POST', url: '/api/channels', headers: staff.headers, payload: { platform: 'telegram', platformAccount: 'ecomkey_bot', accessToken: 'x:yyyyyyyy' } }),
      h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}/channel`, headers: staff.headers }),
      h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}`, headers: staff.headers }),
    ];
    for (const r of await Promise.all(tries)) expect(r.statusCode, r.body).toBe(403);
    // Another shop cannot send to, or see, this shop's Subscriber.
    expect((await send(other, sid, { kind: 'reply', text: 'hi' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}/channel`, headers: other.headers })).statusCode).toBe(404);
    // A platform job that reaches the one send path is refused by the gate (C29), and the refusal is kept.
    const { queueMessage } = await import('../../src/channels/outbound.ts');
    const { keyringFor } = await import('../../src/crypto/envelope.ts');
    const q = await inTenant(h.ctx.db, shop.tenantId, (tx) => queueMessage(tx, { ring: keyringFor(h.ctx.config), auditKey: h.ctx.keys.audit, jobs: h.ctx.jobs },
      { party: 'platform', audit: { type: 'system', id: null } }, { tenantId: shop.tenantId, subscriberId: sid, kind: 'reply', text: 'ECOMKEY news' }));
    expect(q).toMatchObject({ status: 'refused', code: 'platform_contact_forbidden', clause: 'C29' });
    const before = fake.sent.length;
    await drain();
    expect(fake.sent.length).toBe(before);
  });
});
