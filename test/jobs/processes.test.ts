import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { JOB_SCHEMA } from '../../src/jobs/queue.ts';
import { signUpBody } from '../accounts/support.ts';
import { agreementBody } from '../disclosures/support.ts';
import { createStaff } from '../support/factories.ts';
import { startFakeSmtp } from '../support/fake-smtp.ts';
import { bootHarness, freshPostgres, type Harness } from '../support/harness.ts';
import { until } from '../support/jobs.ts';

const ROOT = join(import.meta.dirname, '../..');
const LEASE = 6;

type Server = { proc: ChildProcess; url: string | null; output: () => string };

/** Starts `pledge serve --role <role>` as its own process against `databaseUrl`; resolves once it says it runs. */
async function startServer(role: 'all' | 'worker', env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/pledge.js'), 'serve', '--role', role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', PLEDGE_NO_DEMO: '1', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'pledge-')),
      JOB_LEASE_SECONDS: String(LEASE), JOB_SCHEDULE_CHECK_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await until(() => /is running/.test(out) || proc.exitCode !== null, `${role} server to start`, 90_000);
  if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
  const m = /(http:\/\/[^\s]+:\d+)\//.exec(out);
  return { proc, url: m ? m[1]! : null, output: () => out };
}

const stopped = (s: Server) => new Promise<void>((resolve) => (s.proc.exitCode !== null || s.proc.signalCode !== null ? resolve() : s.proc.once('exit', () => resolve())));

/** A store with ECOMKEY's e-mail provider and its agreement on file, so mail may leave (C26). */
async function storeWithMailProvider(smtpUrl: string): Promise<{ h: Harness; env: Record<string, string> }> {
  const { url, db } = await freshPostgres();
  const secret = randomBytes(32).toString('hex');
  const h = await bootHarness('postgres', { PLEDGE_SECRET: secret, SMTP_URL: smtpUrl, JOB_LEASE_SECONDS: String(LEASE) }, { db });
  const officer = await createStaff(h);
  const p = await h.app.inject({ method: 'POST', url: '/api/staff/processors', headers: officer.headers, payload: { name: 'Mailgun Technologies', kind: 'email' } });
  const a = await h.app.inject({
    method: 'POST', url: `/api/staff/processors/${p.json().id}/agreements`, headers: officer.headers,
    payload: agreementBody({ signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: ['user.contact.email', 'user.content.message', 'user.name'], purposes: ['authenticate', 'communicate'] }),
  });
  expect(a.statusCode, a.body).toBe(201);
  return { h, env: { DATABASE_URL: url, PLEDGE_SECRET: secret, SMTP_URL: smtpUrl } };
}

// Several server processes need one shared store: PostgreSQL (PGlite is one process's own).
describe.skipIf(!process.env.PLEDGE_TEST_PG_URL)('jobs across server processes (postgres)', () => {
  const servers: Server[] = [];
  const harnesses: Harness[] = [];
  const smtps: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
      await stopped(s);
    }
  });
  afterAll(async () => {
    for (const h of harnesses) {
      await h.app.close();
      await h.ctx.db.close();
    }
    for (const s of smtps) await s.close();
  });

  it('two servers against one PostgreSQL send each mail once and run each schedule once', async () => {
    const smtp = await startFakeSmtp();
    smtps.push(smtp);
    const { h, env } = await storeWithMailProvider(smtp.url);
    harnesses.push(h);
    const [a, b] = await Promise.all([startServer('all', env), startServer('all', env)]);
    servers.push(a!, b!);
    const addresses: string[] = [];
    for (let i = 0; i < 16; i++) {
      const body = signUpBody();
      addresses.push(body.email);
      // Alternate: each server enqueues half the mail, either may send any of it.
      const res = await fetch(`${(i % 2 ? a : b)!.url}/api/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
    }
    await until(() => smtp.received.length >= addresses.length, 'every mail to arrive', 60_000);
    // Both servers keep polling a while longer: nothing is sent a second time.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([...addresses].sort());

    // Every minute's purge-minor-notices run is one job, whichever server fired it.
    const slot = await until(async () => (await h.ctx.db.query<{ m: Date }>(
      `SELECT date_trunc('minute', created_on) AS m FROM ${JOB_SCHEMA}.job WHERE name = 'purge-minor-notices' ORDER BY created_on LIMIT 1`))[0]?.m, 'a scheduled run', 90_000);
    // Both servers check the schedule every second: give the slower one time to try.
    await new Promise((r) => setTimeout(r, 5_000));
    const runs = await h.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = 'purge-minor-notices' AND date_trunc('minute', created_on) = $1`, [slot]);
    expect(runs[0]!.n).toBe(1);
    await until(async () => (await h.ctx.db.query(`SELECT 1 FROM ${JOB_SCHEMA}.job WHERE name = 'purge-minor-notices' AND state = 'completed'`)).length > 0, 'the run to complete');
  }, 240_000);

  it('a worker killed with kill -9 mid-send: its job runs again on a restarted worker within the lease, and the mail arrives once', async () => {
    const smtp = await startFakeSmtp({ stallFirst: 1 });
    smtps.push(smtp);
    const { h, env } = await storeWithMailProvider(smtp.url);
    harnesses.push(h);
    const first = await startServer('worker', env);
    servers.push(first);
    const body = signUpBody();
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: body })).statusCode).toBe(201);
    // The provider has the message and never answers: the worker is mid-job.
    await until(() => smtp.stalled() === 1, 'the send to start', 60_000);
    first.proc.kill('SIGKILL');
    await stopped(first);
    const killedAt = Date.now();
    const second = await startServer('worker', env);
    servers.push(second);
    const startup = (Date.now() - killedAt) / 1000;
    await until(() => smtp.received.length === 1, 'the mail to arrive after the restart', 60_000);
    // Bounded by the configuration: the lease, the expiry sweep (half a lease) and the first retry's
    // backoff (≤ 4 s), counted from the kill; the new worker's start-up (slow on a busy machine) is added, with 5 s to spare.
    expect((Date.now() - killedAt) / 1000).toBeLessThan(Math.max(startup, LEASE) + LEASE * 0.5 + 4 + 5);
    expect(smtp.received.map((m) => m.to)).toEqual([[body.email]]);
    // The provider has it a moment before the worker marks it sent.
    await until(async () => (await h.ctx.db.query(`SELECT 1 FROM outbox WHERE kind = 'verify_email' AND sent_at IS NOT NULL`)).length === 1, 'the mail to be marked sent');
  }, 240_000);

  it('a worker stopped with SIGTERM finishes its running job before it exits', async () => {
    const smtp = await startFakeSmtp();
    smtps.push(smtp);
    const { h, env } = await storeWithMailProvider(smtp.url);
    harnesses.push(h);
    const w = await startServer('worker', env);
    servers.push(w);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody() })).statusCode).toBe(201);
    await until(async () => (await h.ctx.db.query(`SELECT 1 FROM ${JOB_SCHEMA}.job WHERE name = 'deliver-mail' AND state IN ('active', 'completed')`)).length > 0, 'the job to start', 60_000);
    w.proc.kill('SIGTERM');
    await stopped(w);
    expect(w.proc.exitCode).toBe(0);
    const left = await h.ctx.db.query(`SELECT state FROM ${JOB_SCHEMA}.job WHERE name = 'deliver-mail' AND state = 'active'`);
    expect(left).toEqual([]);
    expect(smtp.received).toHaveLength(1);
  }, 240_000);
});
