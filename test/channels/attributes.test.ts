import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPlatform } from '../../src/db/scope.ts';
import { checkFields, isDate } from '../../src/channels/attributes.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';

describe('typed custom fields (in process)', () => {
  it('[C10] a value is checked against its field\'s type: calendar dates that exist, finite numbers, booleans, text', () => {
    expect([isDate('2026-02-28'), isDate('2024-02-29'), isDate('2026-02-29'), isDate('2026-13-01'), isDate('02/03/2026')]).toEqual([true, true, false, false, false]);
    const defs = [{ key: 'size', label: 'Size', type: 'text' as const }, { key: 'visits', label: 'Visits', type: 'number' as const }, { key: 'vip', label: 'VIP', type: 'boolean' as const }];
    expect(checkFields(defs, { size: 'M', visits: 3, vip: false, other: 1 })).toEqual([{ field: 'other', code: 'field_unknown' }]);
    expect(checkFields(defs, { size: 3, visits: 'three', vip: 'yes' }).map((p) => p.code)).toEqual(['type_mismatch', 'type_mismatch', 'type_mismatch']);
  });
});

for (const kind of testStores()) describe(`Subscriber tags and typed custom fields (${kind})`, () => {
  let h: Harness;
  let shop: Merchant;
  let other: Merchant;
  let sid: string;

  beforeAll(async () => {
    h = await bootHarness(kind);
    shop = await createMerchant(h);
    other = await createMerchant(h);
    const s = await h.app.inject({ method: 'POST', url: '/api/subscribers', headers: shop.headers, payload: { channel: 'zalo', displayName: 'Nguyễn Thị Lan', source: 'channel:zalo', legalBasis: 'consent' } });
    expect(s.statusCode, s.body).toBe(201);
    sid = s.json().id;
    for (const f of [{ key: 'birthday', label: 'Ngày sinh', type: 'date' }, { key: 'shirt_size', label: 'Size áo', type: 'text' }, { key: 'orders', label: 'Số đơn', type: 'number' }, { key: 'wholesale', label: 'Khách sỉ', type: 'boolean' }]) {
      const r = await h.app.inject({ method: 'POST', url: '/api/subscriber-fields', headers: shop.headers, payload: f });
      expect(r.statusCode, r.body).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  const patch = (m: Merchant, body: Record<string, unknown>) => h.app.inject({ method: 'PATCH', url: `/api/subscribers/${sid}/attributes`, headers: m.headers, payload: body });

  it('[C10] a shop tags a Subscriber and sets typed fields; wrong types are refused field by field and nothing changes; values are sealed at rest and hidden from other shops', async () => {
    const ok = await patch(shop, { tags: ['Khách VIP', 'khách vip ', 'Hà Nội'], fields: { birthday: '1994-05-17', shirt_size: 'M', orders: 12, wholesale: true } });
    expect([ok.statusCode, ok.json()]).toEqual([200, { tags: ['Khách VIP', 'Hà Nội'], fields: { birthday: '1994-05-17', shirt_size: 'M', orders: 12, wholesale: true } }]);
    const bad = await patch(shop, { tags: ['x'], fields: { birthday: '1994-02-30', orders: '12', wholesale: 'có', nickname: 'Lan' } });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'attributes_invalid']);
    expect(bad.json().problems).toEqual([
      { field: 'birthday', code: 'date_invalid' }, { field: 'orders', code: 'type_mismatch' }, { field: 'wholesale', code: 'type_mismatch' }, { field: 'nickname', code: 'field_unknown' },
    ]);
    expect(bad.body).not.toContain('1994-02-30');
    // Nothing of the refused change was kept, tags included.
    const read = await h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}/attributes`, headers: shop.headers });
    expect(read.json().tags).toEqual(['Khách VIP', 'Hà Nội']);
    // null removes one field; the others stay.
    expect((await patch(shop, { fields: { shirt_size: null } })).json().fields).toEqual({ birthday: '1994-05-17', orders: 12, wholesale: true });
    const [row] = await inPlatform(h.ctx.db, (tx) => tx.query<{ attributes: string }>('SELECT attributes FROM subscribers WHERE id = $1', [sid]));
    expect(row!.attributes).toMatch(/^enc:v1:/);
    expect(row!.attributes).not.toContain('VIP');
    expect((await h.app.inject({ method: 'GET', url: `/api/subscribers/${sid}/attributes`, headers: other.headers })).statusCode).toBe(404);
    expect((await patch(other, { tags: ['spam'] })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/subscriber-fields', headers: other.headers })).json().items).toEqual([]);
    const dup = await h.app.inject({ method: 'POST', url: '/api/subscriber-fields', headers: shop.headers, payload: { key: 'orders', label: 'x', type: 'text' } });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'field_exists']);
    const badKey = await h.app.inject({ method: 'POST', url: '/api/subscriber-fields', headers: shop.headers, payload: { key: 'Số đơn', label: 'x', type: 'colour' } });
    expect(badKey.statusCode).toBe(400);
  });
});
