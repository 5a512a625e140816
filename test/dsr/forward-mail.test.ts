import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../sealing/support.ts';
import { processorWith } from '../disclosures/support.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { get, post, subscriberWithEmail } from './support.ts';

const detail = async (h: Harness, m: Merchant, id: string) => (await get(h, `/api/requests/${id}`, m.headers)).json();


/** A processor of the shop's whose privacy desk takes requests by e-mail, holding the subject's data. */
async function mailProcessorHolding(h: Harness, m: Merchant, subjectId: string, DESK: string): Promise<string> {
  const id = await processorWith(h, m);
  const set = await h.app.inject({ method: 'PUT', url: `/api/processors/${id}/request-mailbox`, headers: m.headers, payload: { mailbox: DESK } });
  expect(set.statusCode, set.body).toBe(200);
  const d = await post(h, '/api/disclosures', {
    recipientKind: 'processor', recipientId: id, recipientUse: 'service', basis: 'service_provider', purpose: 'provide_service',
    categories: ['user.name'], subjects: [{ type: 'subscriber', id: subjectId }],
  }, m.headers);
  expect(d.statusCode, d.body).toBe(201);
  return id;
}

for (const store of testStores()) {
  describe(`forwarding to a processor by e-mail (${store})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bootHarness(store);
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('[C35] an erasure is mailed to the processor\'s privacy desk with a signed link; unacknowledged it is mailed again with backoff, state shown; the link\'s button acknowledges and the erasure completes', async () => {
      const m = await createMerchant(h);
      const s = await subscriberWithEmail(h, m);
      const DESK = `privacy-${randomUUID().slice(0, 8)}@ghn-processor.example`;
      const processorId = await mailProcessorHolding(h, m, s.id, DESK);
      const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'erasure', receivedVia: 'email', evidenceRef: 'mail:5120', identityVerified: true }, m.headers);
      const id = filed.json().request.id as string;
      expect((await post(h, `/api/requests/${id}/fulfil`, {}, m.headers)).json().state).toBe('in_progress');
      await runJob(h, 'fulfil-request', { requestId: id });
      const [n] = await h.ctx.db.query<{ id: string }>('SELECT id FROM processor_notifications WHERE request_id = $1', [id]);
      await runJob(h, 'forward-request', { notificationId: n!.id });

      let d = await detail(h, m, id);
      expect(d.state).toBe('in_progress');
      expect(d.processors).toEqual([expect.objectContaining({ processorId, channel: 'email', state: 'delivered', attempts: 1, lastCode: null })]);
      const mails = await mailTo(h, DESK);
      expect(mails).toHaveLength(1);
      // Ids only: the processor holds what it received under them; nothing of the person's is in the mail.
      expect(mails[0]!.text).toContain(`request: ${id}`);
      expect(mails[0]!.text).toContain(`controller_subscriber_id = ${s.id}`);
      expect(mails[0]!.text).not.toContain(s.email);
      expect(mails[0]!.text).not.toContain(s.name);
      const link = new URL(/(http\S+\/processor-acks\/\S+)/.exec(mails[0]!.text)![1]!);

      // A day on, no answer: the deadline job mails a reminder, and counts it.
      await h.ctx.db.query("UPDATE processor_notifications SET next_attempt_at = now() - interval '1 minute' WHERE id = $1", [n!.id]);
      await runJob(h, 'request-deadline-alerts');
      d = await detail(h, m, id);
      expect(d.processors[0]).toMatchObject({ state: 'delivered', attempts: 2 });
      expect(await mailTo(h, DESK)).toHaveLength(2);
      const [next] = await h.ctx.db.query<{ hours: number }>('SELECT round(extract(epoch FROM next_attempt_at - now()) / 3600)::int AS hours FROM processor_notifications WHERE id = $1', [n!.id]);
      expect(next!.hours).toBe(48);

      // Opening the link acknowledges nothing (a mail scanner may open it); a forged token is refused.
      const page = await h.app.inject({ method: 'GET', url: `${link.pathname}${link.search}&lang=en` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Acknowledge: done');
      expect((await detail(h, m, id)).processors[0].state).toBe('delivered');
      const form = (token: string) => h.app.inject({ method: 'POST', url: `${link.pathname}?lang=en`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token }).toString() });
      const forged = await form('A'.repeat(43));
      expect(forged.statusCode).toBe(401);
      expect(forged.body).toContain('This link is not valid');
      const done = await form(link.searchParams.get('token')!);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.body).toContain('Your acknowledgement is recorded.');

      await runJob(h, 'fulfil-request', { requestId: id });
      d = await detail(h, m, id);
      expect(d.state).toBe('fulfilled');
      expect(d.processors[0]).toMatchObject({ channel: 'email', state: 'acknowledged' });
      // Acknowledged, it is never mailed again.
      await h.ctx.db.query("UPDATE processor_notifications SET next_attempt_at = now() - interval '1 minute' WHERE id = $1", [n!.id]);
      await runJob(h, 'request-deadline-alerts');
      expect(await mailTo(h, DESK)).toHaveLength(2);
    });

    it('[C35] a processor that never acknowledges is marked failed after the last reminder, with its code in the request\'s state', async () => {
      const m = await createMerchant(h);
      const s = await subscriberWithEmail(h, m);
      const DESK = `privacy-${randomUUID().slice(0, 8)}@ghn-processor.example`;
      await mailProcessorHolding(h, m, s.id, DESK);
      const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'erasure', receivedVia: 'phone', evidenceRef: 'call:77', identityVerified: true }, m.headers);
      const id = filed.json().request.id as string;
      await post(h, `/api/requests/${id}/fulfil`, {}, m.headers);
      await runJob(h, 'fulfil-request', { requestId: id });
      const [n] = await h.ctx.db.query<{ id: string }>('SELECT id FROM processor_notifications WHERE request_id = $1', [id]);
      await runJob(h, 'forward-request', { notificationId: n!.id });
      for (let i = 0; i < 3; i++) {
        await h.ctx.db.query("UPDATE processor_notifications SET next_attempt_at = now() - interval '1 minute' WHERE id = $1", [n!.id]);
        await runJob(h, 'request-deadline-alerts');
      }
      const d = await detail(h, m, id);
      expect(d.processors[0]).toMatchObject({ state: 'failed', attempts: 3, lastCode: 'no_acknowledgement' });
      expect(d.state).toBe('in_progress');
      expect(await mailTo(h, DESK)).toHaveLength(3);
      // The merchant's console shows it, by channel, state and code.
      const console_ = await h.app.inject({ method: 'GET', url: `/console/requests?id=${id}`, headers: { cookie: m.cookie } });
      expect(console_.statusCode).toBe(200);
      expect(console_.body).toMatch(/data-state="failed" data-channel="email">[^<]*e-mail[^<]*no_acknowledgement/);
    });
  });
}
