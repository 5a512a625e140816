import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processorWith } from '../disclosures/support.ts';
import { fakeProcessor, get, post, signedAck, subscriberWithEmail } from '../dsr/support.ts';
import { createMerchant } from '../support/factories.ts';
import { bootHarness, freshPostgres, type Harness } from '../support/harness.ts';
import { until } from '../support/jobs.ts';

const ROOT = join(import.meta.dirname, '../..');
const LEASE = 4;

/** `pledge serve --role worker` as its own process on the shared store; resolves once it runs. */
async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/pledge.js'), 'serve', '--role', 'worker'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', PLEDGE_NO_DEMO: '1', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-')),
      JOB_LEASE_SECONDS: String(LEASE), JOB_SCHEDULE_CHECK_SECONDS: '1', ...env },
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await until(() => /is running/.test(out) || proc.exitCode !== null, 'the worker to start', 90_000);
  if (proc.exitCode !== null) throw new Error(`worker exited: ${out}`);
  return proc;
}
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

// Worker processes share one store: PostgreSQL.
describe.skipIf(!process.env.PLEDGE_TEST_PG_URL)('subject requests across a crash (postgres)', () => {
  const procs: ChildProcess[] = [];
  let h: Harness | undefined;
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await Promise.all(procs.map(exited));
    await h?.app.close();
    await h?.ctx.db.close();
  });

  it('[C35][C33] a worker killed with kill -9 mid-fulfilment: a restarted worker resumes from the checkpoint, nothing is erased or filed twice, and the erasure completes when the processor acknowledges', async () => {
    const { url, db } = await freshPostgres();
    const secret = randomBytes(32).toString('hex');
    h = await bootHarness('postgres', { PLEDGE_SECRET: secret, JOB_LEASE_SECONDS: String(LEASE) }, { db });
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    // The processor takes the first webhook and never answers: the worker is mid-call when it dies.
    const fake = await fakeProcessor([0, 202]);
    try {
      const pid = await processorWith(h, m);
      const ep = await h.app.inject({ method: 'PUT', url: `/api/processors/${pid}/request-endpoint`, headers: m.headers, payload: { url: fake.url } });
      fake.setSecret(ep.json().secret);
      expect((await post(h, '/api/disclosures', { recipientKind: 'processor', recipientId: pid, recipientUse: 'service', basis: 'service_provider', purpose: 'provide_service', categories: ['user.name'], subjects: [{ type: 'subscriber', id: s.id }] }, m.headers)).statusCode).toBe(201);
      const env = { DATABASE_URL: url, PLEDGE_SECRET: secret };
      const first = await startWorker(env);
      procs.push(first);
      const id = (await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'erasure', receivedVia: 'email', evidenceRef: 'mail:kill', identityVerified: true }, m.headers)).json().request.id as string;
      expect((await post(h, `/api/requests/${id}/fulfil`, {}, m.headers)).statusCode).toBe(200);

      await until(() => fake.received.length === 1, 'the webhook to reach the processor', 60_000);
      first.kill('SIGKILL');
      await exited(first);
      // What the crash left: the erasure done and checkpointed, the forwarding queued, the request still in progress.
      const mid = (await get(h, `/api/requests/${id}`, m.headers)).json();
      expect(mid.state).toBe('in_progress');
      expect(mid.steps.map((x: { step: string; state: string }) => `${x.step}:${x.state}`)).toEqual(['erase:done', 'forward:done', 'await_acks:running']);
      expect((await h.ctx.db.query('SELECT 1 FROM subscribers WHERE id = $1', [s.id])).length).toBe(0);

      const second = await startWorker(env);
      procs.push(second);
      // The delivery job comes back after its lease and reaches the processor again, with the same delivery id.
      await until(async () => (await get(h!, `/api/requests/${id}`, m.headers)).json().processors[0]?.state === 'delivered', 'the retried delivery', 60_000);
      expect(fake.received).toHaveLength(2);
      expect(fake.received[0]!.delivery).toBe(fake.received[1]!.delivery);
      const ack = signedAck(ep.json().secret, fake.received[1]!.delivery);
      expect((await h.app.inject({ method: 'POST', url: `/api/processor-acks/${fake.received[1]!.delivery}`, headers: ack.headers, payload: ack.body })).statusCode).toBe(200);
      await until(async () => (await get(h!, `/api/requests/${id}`, m.headers)).json().state === 'fulfilled', 'the request to complete', 60_000);

      const done = (await get(h, `/api/requests/${id}`, m.headers)).json();
      // Resumed, not redone: the erase step ran once, one request and one notification exist.
      expect(done.steps.find((x: { step: string }) => x.step === 'erase')).toMatchObject({ state: 'done', attempts: 1 });
      expect((await h.ctx.db.query('SELECT 1 FROM subject_requests WHERE subject_id = $1', [s.id])).length).toBe(1);
      expect((await h.ctx.db.query('SELECT 1 FROM processor_notifications WHERE request_id = $1', [id])).length).toBe(1);
      expect(done.events.filter((e: { to: string }) => e.to === 'fulfilled')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  }, 180_000);
});
