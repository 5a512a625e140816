import { expect, it } from 'vitest';
import { restrictProcessing } from '../../src/consents/index.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createMerchant, createSubscriber, type Merchant } from '../support/factories.ts';
import { describeEachStore } from '../support/harness.ts';

const form = (m: Merchant, fields: Record<string, string>) => ({
  headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ _csrf: m.csrf, ...fields }).toString(),
});

describeEachStore('console channel pages without JavaScript', (h) => {
  const page = (m: Merchant, url: string) => h().app.inject({ method: 'GET', url, headers: { cookie: m.cookie } });

  it('[C07] a channel connected from the console shows its new secret once; the channels page never shows it again', async () => {
    const m = await createMerchant(h());
    const made = await h().app.inject({ method: 'POST', url: '/console/channels', ...form(m, { platform: 'messenger', platformAccount: '1029384756', appSecret: 'meta-secret-console', accessToken: 'EAAB-page-token-console' }) });
    expect(made.statusCode, made.body).toBe(201);
    const token = /data-secret="verifyToken">([^<]+)</.exec(made.body)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const later = await page(m, '/console/channels');
    expect(later.body).toContain('1029384756');
    for (const s of [token!, 'meta-secret-console', 'EAAB-page-token-console']) expect(later.body).not.toContain(s);
    // The same page again is refused with the API's code, and the typed secret is not sent back.
    const again = await h().app.inject({ method: 'POST', url: '/console/channels', ...form(m, { platform: 'messenger', platformAccount: '1029384756', appSecret: 'meta-secret-again', accessToken: 'EAAB-page-token-again' }) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Trang, OA hoặc bot này đã được kết nối.');
    expect(again.body).not.toContain('meta-secret-again');
    // Rotating makes a new verify token, shown once.
    const id = /data-channel="([0-9a-f-]{36})"/.exec(later.body)![1]!;
    const rotated = await h().app.inject({ method: 'POST', url: `/console/channels/${id}/rotate`, ...form(m, {}) });
    const next = /data-secret="verifyToken">([^<]+)</.exec(rotated.body)?.[1];
    expect(next).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(next).not.toBe(token);
  });

  it('[C10] the tags and fields form sets typed values through the attributes API, and a wrong type changes nothing', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId, 'Lê Văn C');
    for (const f of [{ key: 'size', label: 'Cỡ áo', type: 'number' }, { key: 'vip', label: 'Khách VIP', type: 'boolean' }]) {
      expect((await h().app.inject({ method: 'POST', url: '/api/subscriber-fields', headers: m.headers, payload: f })).statusCode).toBe(201);
    }
    const ok = await h().app.inject({ method: 'POST', url: `/console/subscribers/${sid}/attributes`, ...form(m, { tags: 'khách quen, Hà Nội', f_size: '42', f_vip: 'true' }) });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, `/console/subscribers/${sid}?saved=1`]);
    expect((await h().app.inject({ method: 'GET', url: `/api/subscribers/${sid}/attributes`, headers: m.headers })).json()).toEqual({ tags: ['khách quen', 'Hà Nội'], fields: { size: 42, vip: true } });
    const bad = await h().app.inject({ method: 'POST', url: `/console/subscribers/${sid}/attributes`, ...form(m, { tags: 'x', f_size: 'bốn hai', f_vip: '' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Có trường không hợp lệ');
    expect((await h().app.inject({ method: 'GET', url: `/api/subscribers/${sid}/attributes`, headers: m.headers })).json().fields).toEqual({ size: 42, vip: true });
    const shown = await page(m, `/console/subscribers/${sid}?saved=1`);
    expect(shown.body).toContain('value="khách quen, Hà Nội"');
  });

  it('[C10] the CSV import form imports a good file whole and refuses a file with a bad row, naming the row, storing nothing', async () => {
    const m = await createMerchant(h());
    const made = await h().app.inject({ method: 'POST', url: '/api/channels', headers: m.headers, payload: { platform: 'zalo', platformAccount: '5566778899', appRef: '1122', oaSecretKey: 'zalo-oa-secret-1', accessToken: 'zalo-oa-token-1' } });
    const cid = made.json().id as string;
    const count = async () => (await h().app.inject({ method: 'GET', url: '/api/subscribers?limit=200', headers: m.headers })).json().items.length as number;
    const bad = await h().app.inject({ method: 'POST', url: `/console/channels/${cid}/import`, ...form(m, { legalBasis: 'consent', csv: 'display_name,email\nAn,an@shop.example\n,no-name@shop.example\n' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Dòng 3');
    expect(await count()).toBe(0);
    const good = await h().app.inject({ method: 'POST', url: `/console/channels/${cid}/import`, ...form(m, { legalBasis: 'consent', csv: 'display_name,email\nAn,an@shop.example\nBình,binh@shop.example\n' }) });
    expect([good.statusCode, good.headers.location]).toEqual([303, `/console/channels/${cid}/subscribers?imported=2`]);
    expect(await count()).toBe(2);
    expect((await page(m, good.headers.location as string)).body).toContain('Đã nhập 2 người đăng ký.');
  });

  it('[C34] the conversation view shows a Subscriber\'s messages, and hides their content while they restrict processing', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId, 'Phạm Thị D');
    const sent = await h().app.inject({ method: 'POST', url: '/api/messages/inbound', headers: m.headers, payload: { channel: 'zalo', subscriberId: sid, text: 'Còn áo cỡ M không shop?' } });
    expect(sent.statusCode, sent.body).toBe(201);
    const open = await page(m, `/console/subscribers/${sid}/conversation`);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('Còn áo cỡ M không shop?');
    await inTenant(h().ctx.db, m.tenantId, (tx) =>
      restrictProcessing({ tx, auditKey: h().ctx.keys.audit }, { type: 'subject', id: null }, { subject: { tenantId: m.tenantId, type: 'subscriber', id: sid }, purpose: null }));
    const hidden = await page(m, `/console/subscribers/${sid}/conversation`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('data-content-hidden');
    expect(hidden.body).not.toContain('Còn áo cỡ M không shop?');
    // Another shop does not find the page.
    expect((await page(await createMerchant(h()), `/console/subscribers/${sid}/conversation`)).statusCode).toBe(404);
  });

  it('[C19] a Buyer\'s console page lists their orders, never the delivery address', async () => {
    const m = await createMerchant(h());
    const o = await h().app.inject({ method: 'POST', url: '/api/orders', headers: m.headers, payload: {
      reference: 'DH-1001', items: [{ name: 'Áo', quantity: 3, unitPrice: 100000 }], buyer: { name: 'Võ Văn E', email: 'e@buyer.example' }, deliveryAddress: '5 Đường Canary' } });
    expect(o.statusCode, o.body).toBe(201);
    const p = await page(m, `/console/subjects/buyer/${o.json().buyerId}`);
    expect(p.body).toContain('DH-1001');
    expect(p.body).toContain('300.000');
    expect(p.body).not.toContain('5 Đường Canary');
  });
});
