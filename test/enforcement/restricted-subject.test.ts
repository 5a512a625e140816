import { expect, it } from 'vitest';
import { inTenant } from '../../src/db/scope.ts';
import { runProcessing } from '../../src/http/processing.ts';
import { createMerchant, createSubscriber, type Merchant } from '../support/factories.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const NOTE = 'Khách thích giao buổi sáng';

async function restrict(h: Harness, m: Merchant, sid: string, purpose?: string) {
  const r = await h.app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sid}/restrictions`, headers: m.headers, payload: { kind: 'restriction', ...(purpose ? { purpose } : {}) } });
  expect(r.statusCode, r.body).toBe(201);
}

/** Rows as the database owner sees them: what is really stored, whatever the tenant role is shown. */
const stored = async (h: Harness, table: 'subscriber_notes' | 'messages', sid: string) =>
  (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE subscriber_id = $1`, [sid]))[0]!.n;

describeEachStore('a restricted Subscriber (C34)', (h) => {
  it('[C34] notes and messages of a restricted Subscriber are refused through the API, nothing is stored, and each refusal is audited', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    const note = () => h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: NOTE } });
    const message = () => h().app.inject({ method: 'POST', url: '/api/messages/inbound', headers: m.headers, payload: { channel: 'zalo', subscriberId: sid, text: 'Shop ơi còn hàng không' } });
    expect((await note()).statusCode).toBe(201);
    expect((await message()).statusCode).toBe(201);

    await restrict(h(), m, sid);
    for (const res of [await note(), await message(), await h().app.inject({ method: 'GET', url: `/api/subscribers/${sid}/notes`, headers: m.headers })]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'processing_restricted', clause: 'C34' });
    }
    expect(await stored(h(), 'subscriber_notes', sid)).toBe(1);
    expect(await stored(h(), 'messages', sid)).toBe(1);
    const refusals = await h().ctx.db.query<{ details: { feature: string; code: string } }>(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'gate.refused' AND target_id = $2 ORDER BY seq`, [m.tenantId, sid]);
    expect(refusals.map((r) => [r.details.feature, r.details.code])).toEqual([
      ['subscribers.notes', 'processing_restricted'], ['messages.inbound', 'processing_restricted'], ['subscribers.notes', 'processing_restricted'],
    ]);
    // The restriction itself stays readable and recordable: it is the person's own choice.
    expect((await h().app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sid}/restrictions`, headers: m.headers })).statusCode).toBe(200);
  });

  it('[C34] a query that forgets to ask the gate still cannot read or add a restricted Subscriber\'s notes and messages', async () => {
    const m = await createMerchant(h());
    const [restricted, researchOnly, free] = [await createSubscriber(h(), m.tenantId), await createSubscriber(h(), m.tenantId), await createSubscriber(h(), m.tenantId)];
    for (const sid of [restricted, researchOnly, free]) {
      expect((await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: NOTE } })).statusCode).toBe(201);
      expect((await h().app.inject({ method: 'POST', url: '/api/messages/inbound', headers: m.headers, payload: { channel: 'zalo', subscriberId: sid, text: 'alo' } })).statusCode).toBe(201);
    }
    await restrict(h(), m, restricted);
    await restrict(h(), m, researchOnly, 'research');

    // The forgotten check: a plain tenant transaction, no gate, no purpose.
    const visible = (table: string) => inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ subscriber_id: string }>(`SELECT subscriber_id FROM ${table}`));
    for (const table of ['subscriber_notes', 'messages']) {
      const seen = (await visible(table)).map((r) => r.subscriber_id);
      expect(seen).toEqual([free]);
    }
    // Under a purpose, a restriction of another purpose does not hide; one of that purpose does.
    const under = (purpose: 'provide_service' | 'research') => runProcessing(
      { feature: 'subscribers.notes', purpose, admission: 'many', subject: null, decision: null, pending: null },
      () => inTenant(h().ctx.db, m.tenantId, (tx) => tx.query<{ subscriber_id: string }>('SELECT subscriber_id FROM subscriber_notes')),
    );
    expect((await under('provide_service')).map((r) => r.subscriber_id).sort()).toEqual([researchOnly, free].sort());
    expect((await under('research')).map((r) => r.subscriber_id)).toEqual([free]);
    // Nor can it write one.
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => tx.query(
      `INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body) VALUES ($1, $2, 'user', $3, 'x')`, [m.tenantId, restricted, m.userId],
    ))).rejects.toThrow(/row-level security/);
    expect(await stored(h(), 'subscriber_notes', restricted)).toBe(1);
  });
});
