import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/scope.ts';
import { rectificationHistory } from '../../src/dsr/rectify.ts';
import { insertBuyer } from '../../src/subjects/buyers.ts';
import { subscriberIndex } from '../../src/subjects/subscribers.ts';
import { waitForMail } from '../accounts/support.ts';
import { mailTo } from '../sealing/support.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { get, post, subscriberWithEmail } from './support.ts';

/** A privacy-center session of the shop's subject with `email`: the cookie and its CSRF token. */
async function centerSession(h: Harness, m: Merchant, email: string): Promise<Record<string, string>> {
  expect((await post(h, `/api/privacy-center/${m.tenantId}/sign-in`, { email })).statusCode).toBe(202);
  await waitForMail(h, email);
  const token = /token=([A-Za-z0-9_-]+)/.exec((await mailTo(h, email))[0]!.text)![1];
  const s = await post(h, '/api/privacy-center/session', { token });
  expect(s.statusCode, s.body).toBe(200);
  return { cookie: String(s.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': s.json().csrfToken as string };
}

/** The merchant fulfils the request from their inbox; the job runs its steps. */
async function fulfil(h: Harness, m: Merchant, id: string): Promise<void> {
  const started = await post(h, `/api/requests/${id}/fulfil`, {}, m.headers);
  expect(started.statusCode, started.body).toBe(200);
  await runJob(h, 'fulfil-request', { requestId: id });
  expect((await get(h, `/api/requests/${id}`, m.headers)).json().state).toBe('fulfilled');
}

/** Everything a database dump would show of these rows: the person's row, the whole audit log, the request. */
const dump = (h: Harness, table: 'subscribers' | 'buyers', id: string, requestId: string) => h.ctx.db.query(
  `SELECT row_to_json(x) AS person, (SELECT json_agg(l) FROM audit_log l) AS audit, (SELECT row_to_json(r) FROM subject_requests r WHERE r.id = $2) AS request
     FROM ${table} x WHERE x.id = $1`, [id, requestId]).then((r) => JSON.stringify(r));

for (const store of testStores()) {
  describe(`rectification of a shop's subjects (${store})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bootHarness(store);
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('[C16] a Subscriber corrects their name and phone in the privacy center; the merchant fulfils it, the live record changes, the old values live only sealed in the audit', async () => {
      const m = await createMerchant(h);
      const s = await subscriberWithEmail(h, m);
      const headers = await centerSession(h, m, s.email);
      const newName = `Phạm Thị Lan Anh ${randomUUID().slice(0, 6)}`;
      const filed = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { displayName: newName, phone: '0987 654 321' } }, headers);
      expect(filed.statusCode, filed.body).toBe(201);
      const id = filed.json().request.id as string;
      // Waiting in the merchant's inbox, the new values are sealed under the shop's key.
      expect((await get(h, '/api/requests', m.headers)).json().items.map((i: { id: string }) => i.id)).toContain(id);
      expect(await dump(h, 'subscribers', s.id, id)).not.toContain(newName);

      await fulfil(h, m, id);
      const live = (await get(h, `/api/subscribers/${s.id}`, m.headers)).json();
      expect([live.displayName, live.phone]).toEqual([newName, '0987 654 321']);
      // The old values: only in the audit, sealed under the Subscriber's key; nowhere in clear.
      const history = await inTenant(h.ctx.db, m.tenantId, (tx) => rectificationHistory(tx, h.ctx.keys, { type: 'subscriber', id: s.id, tenantId: m.tenantId }));
      expect(history[0]!.changes).toEqual([{ field: 'displayName', from: s.name, to: newName }, { field: 'phone', from: '0912 345 678', to: '0987 654 321' }]);
      const raw = await dump(h, 'subscribers', s.id, id);
      for (const v of [s.name, newName, '0912 345 678', '0987 654 321']) expect(raw).not.toContain(v);
      // The phone's blind index follows the new number: the old one no longer finds them.
      const [{ phone_bidx: index } = { phone_bidx: null }] = await h.ctx.db.query<{ phone_bidx: string | null }>('SELECT phone_bidx FROM subscribers WHERE id = $1', [s.id]);
      expect(index).toBe(subscriberIndex.phone(h.ctx.keys, m.tenantId, '0987 654 321'));
      expect(index).not.toBe(subscriberIndex.phone(h.ctx.keys, m.tenantId, '0912 345 678'));
    });

    it('[C16] a Buyer corrects their postal address and e-mail; the export afterwards shows the new values, and a field they do not have is refused', async () => {
      const m = await createMerchant(h);
      const tag = randomUUID().slice(0, 6);
      const email = `hanh-${tag}@mail.example`;
      const buyerId = await inTenant(h.ctx.db, m.tenantId, (tx) => insertBuyer(tx, h.ctx.keys, m.tenantId, { name: `Võ Thị Hạnh ${tag}`, email, phone: '0903 111 222', address: '12 Lý Thường Kiệt, Huế', source: 'import:csv' }));
      const headers = await centerSession(h, m, email);
      const wrong = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { company: 'Hạnh Co' } }, headers);
      expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'correction_field_not_applicable']);
      expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);

      const newEmail = `hanh.vo-${tag}@mail.example`;
      const filed = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { address: '45 Trần Hưng Đạo, Đà Nẵng', email: newEmail } }, headers);
      expect(filed.statusCode, filed.body).toBe(201);
      const id = filed.json().request.id as string;
      await fulfil(h, m, id);

      const x = (await get(h, '/api/privacy-center/me/export', { cookie: headers.cookie! })).json() as { tables: { table: string; records: { fields: { column: string; value: unknown }[] }[] }[] };
      const fields = x.tables.find((t) => t.table === 'buyers')!.records[0]!.fields;
      expect(fields.find((f) => f.column === 'address')?.value).toBe('45 Trần Hưng Đạo, Đà Nẵng');
      expect(fields.find((f) => f.column === 'email')?.value).toBe(newEmail);
      const history = await inTenant(h.ctx.db, m.tenantId, (tx) => rectificationHistory(tx, h.ctx.keys, { type: 'buyer', id: buyerId, tenantId: m.tenantId }));
      expect(history[0]!.changes).toEqual([{ field: 'email', from: email, to: newEmail }, { field: 'address', from: '12 Lý Thường Kiệt, Huế', to: '45 Trần Hưng Đạo, Đà Nẵng' }]);
      const raw = await dump(h, 'buyers', buyerId, id);
      for (const v of ['12 Lý Thường Kiệt', '45 Trần Hưng Đạo', newEmail]) expect(raw).not.toContain(v);
      // The new address is the one that signs in now.
      expect((await post(h, `/api/privacy-center/${m.tenantId}/sign-in`, { email: newEmail })).statusCode).toBe(202);
      await waitForMail(h, newEmail);
    });
  });
}
