import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, createStaff, type Merchant } from '../support/factories.ts';
import { signUpAndSignIn } from '../accounts/support.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { processorWith } from '../disclosures/support.ts';
import { fakeProcessor, get, mailedLink, post, signedAck, subscriberWithEmail } from './support.ts';

const store = testStores().at(-1)!;

/** A processor of the merchant's with an agreement, a webhook at `url`, and the subject's data disclosed to it. */
async function processorHolding(h: Harness, m: Merchant, subjectId: string, url: string): Promise<{ id: string; secret: string }> {
  const id = await processorWith(h, m);
  const ep = await h.app.inject({ method: 'PUT', url: `/api/processors/${id}/request-endpoint`, headers: m.headers, payload: { url } });
  expect(ep.statusCode, ep.body).toBe(200);
  const d = await post(h, '/api/disclosures', {
    recipientKind: 'processor', recipientId: id, recipientUse: 'service', basis: 'service_provider', purpose: 'provide_service',
    categories: ['user.name'], subjects: [{ type: 'subscriber', id: subjectId }],
  }, m.headers);
  expect(d.statusCode, d.body).toBe(201);
  return { id, secret: ep.json().secret as string };
}

const detail = async (h: Harness, m: Merchant, id: string) => (await get(h, `/api/requests/${id}`, m.headers)).json();

describe(`subject requests: fulfilment, forwarding and export (${store})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await bootHarness(store);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  it('[C35][C33] an erasure is forwarded to the processor that received the data: a 500 is retried with its state shown, and the request completes when the processor acknowledges', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const fake = await fakeProcessor([500, 202]);
    try {
      const p = await processorHolding(h, m, s.id, fake.url);
      fake.setSecret(p.secret);
      const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'erasure', receivedVia: 'email', evidenceRef: 'mail:4411', identityVerified: true }, m.headers);
      const id = filed.json().request.id as string;
      // A processor must act: the law's 30 days apply, as do the policy's.
      expect(filed.json().request.processorInvolved).toBe(true);
      const started = await post(h, `/api/requests/${id}/fulfil`, {}, m.headers);
      expect(started.json().state).toBe('in_progress');

      await runJob(h, 'fulfil-request', { requestId: id });
      let d = await detail(h, m, id);
      expect(d.steps.map((x: { step: string; state: string }) => `${x.step}:${x.state}`)).toEqual(['erase:done', 'forward:done', 'await_acks:running']);
      expect(d.state).toBe('in_progress');
      // Erased already from the live data: the shop's rows are gone, the ledger's proof stays.
      expect((await h.ctx.db.query('SELECT 1 FROM subscribers WHERE id = $1', [s.id])).length).toBe(0);

      const [n] = await h.ctx.db.query<{ id: string }>('SELECT id FROM processor_notifications WHERE request_id = $1', [id]);
      await expect(runJob(h, 'forward-request', { notificationId: n!.id })).rejects.toMatchObject({ code: 'http_500' });
      d = await detail(h, m, id);
      expect(d.processors).toEqual([expect.objectContaining({ processorId: p.id, state: 'retrying', attempts: 1, lastCode: 'http_500' })]);

      await runJob(h, 'forward-request', { notificationId: n!.id });
      d = await detail(h, m, id);
      expect(d.processors[0]).toMatchObject({ state: 'delivered', attempts: 2 });
      // What the processor got: signed with its secret, ids only, one delivery id for both tries.
      expect(fake.received).toHaveLength(2);
      expect(new Set(fake.received.map((r) => r.delivery))).toEqual(new Set([n!.id]));
      const body = JSON.parse(fake.received[1]!.body);
      expect(body).toMatchObject({ subject_request_id: id, subject_request_type: 'erasure', identities: [{ value: s.id }] });
      expect(fake.received[1]!.body).not.toContain(s.email);

      // A forged or stale acknowledgement is refused; the processor's own is accepted once.
      const forged = signedAck('not-the-secret', n!.id);
      expect((await h.app.inject({ method: 'POST', url: `/api/processor-acks/${n!.id}`, headers: forged.headers, payload: forged.body })).statusCode).toBe(401);
      const stale = signedAck(p.secret, n!.id, Date.now() - 3_600_000);
      expect((await h.app.inject({ method: 'POST', url: `/api/processor-acks/${n!.id}`, headers: stale.headers, payload: stale.body })).statusCode).toBe(401);
      const ack = signedAck(p.secret, n!.id);
      const acked = await h.app.inject({ method: 'POST', url: `/api/processor-acks/${n!.id}`, headers: ack.headers, payload: ack.body });
      expect(acked.statusCode, acked.body).toBe(200);
      expect(acked.json()).toEqual({ requestId: id, allAcknowledged: true });
      // A replay changes nothing.
      expect((await h.app.inject({ method: 'POST', url: `/api/processor-acks/${n!.id}`, headers: ack.headers, payload: ack.body })).json().allAcknowledged).toBe(true);

      await runJob(h, 'fulfil-request', { requestId: id });
      d = await detail(h, m, id);
      expect(d.state).toBe('fulfilled');
      expect(d.processors[0]).toMatchObject({ state: 'acknowledged', processorName: 'Giao Hàng Nhanh JSC' });
      expect(d.steps.every((x: { state: string }) => x.state === 'done')).toBe(true);
      expect(d.events.at(-1)).toMatchObject({ to: 'fulfilled', code: 'all_steps_done' });
      // The reply lists what was kept and why (C30, C36), in counts.
      const erased = d.steps.find((x: { step: string }) => x.step === 'erase').result.tables;
      expect(erased).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'subscribers', action: 'delete_row', rows: 1 }), expect.objectContaining({ table: 'disclosure_subjects', action: 'retain', clause: 'C35' })]));
      // Running the job again does nothing more.
      await runJob(h, 'fulfil-request', { requestId: id });
      expect((await detail(h, m, id)).events.filter((e: { to: string }) => e.to === 'fulfilled')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('[C31][C34][C01] an access request gives a zip with JSON that validates against its published schema and a CSV per category; the link works once and its fetch is audited', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    expect((await post(h, `/api/subscribers/${s.id}/notes`, { text: 'Khách thích lan hồ điệp trắng' }, m.headers)).statusCode).toBe(201);
    const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'portability', receivedVia: 'email', evidenceRef: 'mail:99', identityVerified: true }, m.headers);
    const id = filed.json().request.id as string;
    await post(h, `/api/requests/${id}/fulfil`, {}, m.headers);
    await runJob(h, 'fulfil-request', { requestId: id });
    expect((await detail(h, m, id)).state).toBe('fulfilled');

    const token = await mailedLink(h, s.email, 'request_update', /\/api\/requests\/exports\/([A-Za-z0-9_-]+)/);
    // At rest it is sealed: the zip's bytes are nowhere in clear.
    const [row] = await h.ctx.db.query<{ sealed: string }>('SELECT sealed FROM subject_exports WHERE request_id = $1', [id]);
    expect(row!.sealed).toMatch(/^v1\./);
    const res = await get(h, `/api/requests/exports/${token}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['export.json', 'schema.json', 'README.txt', 'csv/user.name.csv']));
    const x = JSON.parse(strFromU8(files['export.json']!));
    const published = (await get(h, '/schemas/subject-export.v1.json')).json();
    expect(JSON.parse(strFromU8(files['schema.json']!))).toEqual(published);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    // A CommonJS module: its function is the default export.
    (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    const valid = ajv.validate(published, x);
    expect(ajv.errors ?? [], 'export.json follows its schema').toEqual([]);
    expect(valid).toBe(true);
    // Every field says its category, source and when it was collected (C01).
    expect(x.fields.find((f: { column: string; table: string }) => f.table === 'subscribers' && f.column === 'display_name')).toMatchObject({ value: s.name, categories: ['user.name'], source: 'channel:zalo' });
    expect(x.fields.every((f: { source: string }) => f.source.length > 0)).toBe(true);
    expect(x.fields.map((f: { value: unknown }) => f.value)).toContain('Khách thích lan hồ điệp trắng');
    expect(strFromU8(files['csv/user.name.csv']!)).toContain(s.name);

    const again = await get(h, `/api/requests/exports/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('export_fetched');
    expect((await h.ctx.db.query<{ sealed: string | null }>('SELECT sealed FROM subject_exports WHERE request_id = $1', [id]))[0]!.sealed).toBeNull();
    const audited = await h.ctx.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'dsr.export_fetched' AND target_id = $1", [s.id]);
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(s.name);
    expect((await get(h, '/api/requests/exports/not-a-real-token-at-all')).statusCode).toBe(404);
  });

  it('[C34] an objection request, fulfilled, records the objection the gate then applies', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'objection', receivedVia: 'letter', evidenceRef: 'letter:12', identityVerified: true, purpose: 'research' }, m.headers);
    const id = filed.json().request.id as string;
    await post(h, `/api/requests/${id}/fulfil`, {}, m.headers);
    await runJob(h, 'fulfil-request', { requestId: id });
    expect((await detail(h, m, id)).state).toBe('fulfilled');
    const list = await get(h, `/api/subjects/subscriber/${s.id}/restrictions`, m.headers);
    expect(list.statusCode, list.body).toBe(200);
    expect(JSON.stringify(list.json())).toMatch(/"kind":"objection"/);
    expect(JSON.stringify(list.json())).toMatch(/"purpose":"research"/);
  });

  it('[C16] a Customer\'s correction, filed in the privacy center, changes the live profile through the profile\'s path; the old value lives only sealed in the audit', async () => {
    const a = await signUpAndSignIn(h, { body: { name: 'Nguyễn Thị Cũ' } });
    const filed = await post(h, '/api/privacy-center/me/requests', { kind: 'rectification', correction: { name: 'Nguyễn Thị Mới' } }, a.headers);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().request.id as string;
    // Waiting, the new value is sealed under the person's key.
    const [waiting] = await h.ctx.db.query<{ correction: string }>('SELECT correction FROM subject_requests WHERE id = $1', [id]);
    expect(waiting!.correction).toMatch(/^v1\./);
    const staff = await createStaff(h);
    const started = await post(h, `/api/staff/requests/${id}/fulfil`, {}, staff.headers);
    expect(started.statusCode, started.body).toBe(200);
    await runJob(h, 'fulfil-request', { requestId: id });
    expect((await get(h, `/api/staff/requests/${id}`, staff.headers)).json().state).toBe('fulfilled');

    expect((await get(h, '/api/me', a.headers)).json().name).toBe('Nguyễn Thị Mới');
    const history = (await get(h, '/api/me/history', a.headers)).json();
    expect(JSON.stringify(history)).toContain('Nguyễn Thị Cũ');
    // Nowhere in clear: not in the user row, not in the audit's text, not left on the request.
    const raw = JSON.stringify(await h.ctx.db.query('SELECT u.*, (SELECT json_agg(l) FROM audit_log l) AS audit, (SELECT correction FROM subject_requests WHERE id = $2) AS left FROM users u WHERE u.id = $1', [a.userId, id]));
    expect(raw).not.toContain('Nguyễn Thị Cũ');
    expect(raw).not.toContain('Nguyễn Thị Mới');
    expect((await h.ctx.db.query<{ correction: string | null }>('SELECT correction FROM subject_requests WHERE id = $1', [id]))[0]!.correction).toBeNull();
  });
});
