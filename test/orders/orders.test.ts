import { expect, it } from 'vitest';
import { objectToProcessing } from '../../src/consents/index.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import { collectSubjectData } from '../../src/dsr/access.ts';
import { eraseSubject } from '../../src/dsr/erase.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const order = (over: Record<string, unknown> = {}) => ({
  reference: `DH-${Math.floor(Math.random() * 1e9)}`,
  items: [{ sku: 'AO-01', name: 'Áo thun', quantity: 2, unitPrice: 150000 }, { name: 'Mũ', quantity: 1, unitPrice: 90000 }],
  buyer: { name: 'Trần Thị B', email: 'tran.b@buyer.example', phone: '0901 234 567', address: '12 Lê Lợi, Q1' },
  deliveryAddress: '12 Lê Lợi, Quận 1, TP.HCM',
  ...over,
});

describeEachStore('orders and the Buyers they come from', (h: () => Harness) => {
  const post = (m: Merchant, payload: unknown, headers: Record<string, string> = m.headers) =>
    h().app.inject({ method: 'POST', url: '/api/orders', headers, payload: payload as object });

  it('[C19] an order records its Buyer (created, then matched by the blind index of the e-mail or phone) with its items and total', async () => {
    const shop = await createMerchant(h());
    const first = await post(shop, order());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ total: 390000, currency: 'VND', buyerMatched: false, deliveryAddress: '12 Lê Lợi, Quận 1, TP.HCM' });
    // The same person again, written differently: the e-mail's case, then only the phone.
    const again = await post(shop, order({ buyer: { name: 'B', email: 'TRAN.B@buyer.example' } }));
    const byPhone = await post(shop, order({ buyer: { name: 'B', phone: '0901234567' } }));
    expect([again.json().buyerMatched, again.json().buyerId]).toEqual([true, first.json().buyerId]);
    expect([byPhone.json().buyerMatched, byPhone.json().buyerId]).toEqual([true, first.json().buyerId]);
    // Another shop's Buyer with the same address is another person to that shop.
    const other = await createMerchant(h());
    expect((await post(other, order())).json()).toMatchObject({ buyerMatched: false });
    expect((await h().app.inject({ method: 'GET', url: `/api/orders/${first.json().id}`, headers: other.headers })).statusCode).toBe(404);

    const one = await h().app.inject({ method: 'GET', url: `/api/orders/${first.json().id}`, headers: shop.headers });
    expect(one.json()).toMatchObject({ id: first.json().id, items: [{ sku: 'AO-01', name: 'Áo thun', quantity: 2, unitPrice: 150000 }, { name: 'Mũ', quantity: 1, unitPrice: 90000 }] });
    const list = await h().app.inject({ method: 'GET', url: '/api/orders?limit=2', headers: shop.headers });
    expect(list.json().items).toHaveLength(2);
    const rest = await h().app.inject({ method: 'GET', url: `/api/orders?limit=2&cursor=${list.json().nextCursor}`, headers: shop.headers });
    expect([...list.json().items, ...rest.json().items].map((o: { id: string }) => o.id).sort()).toEqual([first.json().id, again.json().id, byPhone.json().id].sort());

    // Contact data is sealed at rest, as the Buyer's own columns are (C07).
    const raw = await inPlatform(h().ctx.db, (tx) => tx.query<{ delivery_address: string }>('SELECT delivery_address FROM orders WHERE id = $1', [first.json().id]));
    expect(raw[0]!.delivery_address).toMatch(/^v1\./);
    expect(raw[0]!.delivery_address).not.toContain('Lê Lợi');
  });

  it('[C19] a Buyer from an order is refused by a marketing list without a marketing consent (403 consent_missing), through an API key too', async () => {
    const shop = await createMerchant(h());
    const key = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: shop.headers, payload: { name: 'shop system', role: 'agent' } });
    const bearer = { authorization: `Bearer ${key.json().key}` };
    const made = await post(shop, order(), bearer);
    expect(made.statusCode, made.body).toBe(201);
    const list = await h().app.inject({ method: 'POST', url: '/api/lists', headers: shop.headers, payload: { label: 'Khách mua', channel: 'email' } });
    const add = await h().app.inject({ method: 'POST', url: `/api/lists/${list.json().id}/members`, headers: shop.headers, payload: { subjectType: 'buyer', subjectId: made.json().buyerId } });
    expect([add.statusCode, add.json().code, add.json().clause]).toEqual([403, 'consent_missing', 'C19']);
    const members = await inPlatform(h().ctx.db, (tx) => tx.query('SELECT 1 FROM marketing_list_members WHERE subject_id = $1', [made.json().buyerId]));
    expect(members).toHaveLength(0);
  });

  it('[C19] a bad order is refused with a code and stores no Buyer: no items, a card number in a name, a duplicate reference', async () => {
    const shop = await createMerchant(h());
    const count = async () => Number((await inPlatform(h().ctx.db, (tx) => tx.query<{ n: string }>('SELECT count(*) AS n FROM buyers WHERE tenant_id = $1', [shop.tenantId])))[0]!.n);
    expect((await post(shop, order({ items: [] }))).statusCode).toBe(400);
    expect((await post(shop, order({ buyer: { name: '4111 1111 1111 1111' } }))).statusCode).toBe(422);
    const o = order();
    expect((await post(shop, o)).statusCode).toBe(201);
    const dup = await post(shop, { ...o, buyer: { name: 'Người khác', email: 'khac@buyer.example' } });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'order_exists']);
    expect(await count()).toBe(1);
  });

  it('[C34] a Buyer who objected to processing is refused a new order through the gate, and their orders are hidden from the list', async () => {
    const shop = await createMerchant(h());
    const made = (await post(shop, order())).json();
    await inTenant(h().ctx.db, shop.tenantId, (tx) =>
      objectToProcessing({ tx, auditKey: h().ctx.keys.audit }, { type: 'subject', id: null }, { subject: { tenantId: shop.tenantId, type: 'buyer', id: made.buyerId }, purpose: null }));
    const refused = await post(shop, order({ buyer: { name: 'B', email: 'tran.b@buyer.example' } }));
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'processing_objected']);
    expect((await h().app.inject({ method: 'GET', url: '/api/orders', headers: shop.headers })).json().items).toEqual([]);
    expect((await h().app.inject({ method: 'GET', url: `/api/orders/${made.id}`, headers: shop.headers })).statusCode).toBe(404);
  });

  it('[C19] [C31] the registry covers orders: a Buyer\'s access export lists them, and erasure removes them with the Buyer', async () => {
    const shop = await createMerchant(h());
    const made = (await post(shop, order())).json();
    const buyer = { type: 'buyer' as const, id: made.buyerId as string, tenantId: shop.tenantId };
    const deps = (tx: Parameters<Parameters<typeof inPlatform>[1]>[0]) => ({ tx, ring: keyringFor(h().ctx.config), keys: h().ctx.keys });
    const exported = await inPlatform(h().ctx.db, (tx) => collectSubjectData(deps(tx), buyer));
    const orders = exported.tables.find((t) => t.table === 'orders');
    expect(orders?.records[0]?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'delivery_address', value: '12 Lê Lợi, Quận 1, TP.HCM' })]));
    await inPlatform(h().ctx.db, (tx) => eraseSubject(deps(tx), buyer));
    const left = await inPlatform(h().ctx.db, (tx) => tx.query('SELECT 1 FROM orders WHERE buyer_id = $1', [made.buyerId]));
    expect(left).toHaveLength(0);
    expect((await h().app.inject({ method: 'GET', url: `/api/orders/${made.id}`, headers: shop.headers })).statusCode).toBe(404);
  });
});
