import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseRequestBatch } from '../../src/dsr/batch.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { get, post, subscriberWithEmail } from './support.ts';

/** An erasure the merchant took by phone, verified and started from the inbox (its job not yet run). */
async function startedErasure(h: Harness, m: Merchant, subscriberId: string): Promise<string> {
  const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: subscriberId }, kind: 'erasure', receivedVia: 'phone', evidenceRef: `call-${subscriberId.slice(0, 8)}`, identityVerified: true }, m.headers);
  expect(filed.statusCode, filed.body).toBe(201);
  const id = filed.json().request.id as string;
  expect((await post(h, `/api/requests/${id}/fulfil`, {}, m.headers)).statusCode).toBe(200);
  return id;
}

const present = async (h: Harness, ids: readonly string[]) => Number((await h.ctx.db.query<{ n: string }>(
  `SELECT (SELECT count(*) FROM subscribers WHERE id = ANY($1::uuid[])) + (SELECT count(*) FROM subject_keys WHERE subject_id = ANY($1::uuid[]))
     + (SELECT count(*) FROM subscriber_notes WHERE subscriber_id = ANY($1::uuid[])) AS n`, [ids]))[0]!.n);

for (const store of testStores()) {
  describe(`batch erasure (${store})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bootHarness(store);
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('[C33] a batch of erasure requests is erased in one transaction: a failure midway leaves every subject whole, the rerun erases them all once, and each request then completes through its own job', async () => {
      const m = await createMerchant(h);
      const people = [await subscriberWithEmail(h, m), await subscriberWithEmail(h, m), await subscriberWithEmail(h, m)];
      const bystander = await subscriberWithEmail(h, m);
      for (const p of [...people, bystander]) expect((await post(h, `/api/subscribers/${p.id}/notes`, { text: 'Giao buổi sáng' }, m.headers)).statusCode).toBe(201);
      const ids = people.map((p) => p.id);
      const requests = [];
      for (const id of ids) requests.push(await startedErasure(h, m, id));
      const before = await present(h, ids);
      expect(before).toBe(9);

      // The last statement of the batch fails (as a crash there would): nothing of it is kept.
      await h.ctx.db.exec(`CREATE FUNCTION fail_key_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk gone'; END $$;
        CREATE TRIGGER fail_key_delete BEFORE DELETE ON subject_keys FOR EACH ROW EXECUTE FUNCTION fail_key_delete();`);
      await expect(eraseRequestBatch(h.ctx, requests)).rejects.toThrow(/disk gone/);
      await h.ctx.db.exec('DROP TRIGGER fail_key_delete ON subject_keys; DROP FUNCTION fail_key_delete();');
      expect(await present(h, ids)).toBe(before);
      for (const id of requests) expect((await get(h, `/api/requests/${id}`, m.headers)).json().steps.find((s: { step: string }) => s.step === 'erase').state).toBe('pending');

      expect(await eraseRequestBatch(h.ctx, requests)).toEqual({ erased: 3, skipped: 0 });
      expect(await present(h, ids)).toBe(0);
      expect(await present(h, [bystander.id])).toBe(3);
      // Run again (a retry after a lost answer): each is erased once only.
      expect(await eraseRequestBatch(h.ctx, requests)).toEqual({ erased: 0, skipped: 3 });
      for (const id of requests) {
        await runJob(h, 'fulfil-request', { requestId: id });
        const d = (await get(h, `/api/requests/${id}`, m.headers)).json();
        expect(d.state).toBe('fulfilled');
        expect(d.steps.find((s: { step: string }) => s.step === 'erase')).toMatchObject({ state: 'done', attempts: 1 });
      }
    });
  });
}
