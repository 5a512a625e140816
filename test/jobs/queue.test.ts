import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { JOB_SCHEMA } from '../../src/jobs/queue.ts';
import { openJobs, type Job, type Jobs } from '../../src/jobs/runner.ts';
import { signUpBody } from '../accounts/support.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { until } from '../support/jobs.ts';

const LEASE = 2;

for (const kind of testStores()) {
  describe(`the durable job queue (${kind})`, () => {
    let h: Harness;
    let ctx: AppContext;
    let jobs: Jobs;
    const ran: string[] = [];
    let poisonHeals = false;
    let flakyTries = 0;
    const job = (name: string, perform: Job['perform'], over: Partial<Job> = {}): Job =>
      ({ name, feature: 'housekeeping.purge', admit: 'many', why: 'A test job; reads no one\'s data', retries: 0, perform, ...over });
    const TEST_JOBS: Job[] = [
      job('test-ok', async (_c, d) => void ran.push(String(d.n))),
      // Its message names a person, as a driver's error text may: only a code may reach the list.
      job('test-poison', async () => {
        if (!poisonHeals) throw Object.assign(new Error('could not mail lan@hoamai.example'), { code: 'smtp_refused' });
        ran.push('poison healed');
      }),
      job('test-hang', () => new Promise<void>(() => undefined)),
      job('test-flaky', async () => {
        if (++flakyTries < 2) throw new Error('first try fails for Nguyễn Thị Lan');
        ran.push('flaky');
      }, { retries: 3 }),
    ];
    const send = (name: string, data: Record<string, unknown> = {}) => inPlatform(h.ctx.db, (tx) => jobs.enqueue(tx, name, data));
    const state = async (id: string) => (await h.ctx.db.query<{ state: string }>(`SELECT state FROM ${JOB_SCHEMA}.job WHERE id = $1`, [id]))[0]?.state;

    beforeAll(async () => {
      h = await bootHarness(kind, { JOB_LEASE_SECONDS: String(LEASE) });
      jobs = await openJobs(h.ctx.db, { leaseSeconds: LEASE, scheduleCheckSeconds: 1 }, h.ctx.log, [...JOBS, ...TEST_JOBS]);
      ctx = { ...h.ctx, jobs };
      await jobs.startWorkers(ctx, TEST_JOBS);
    });
    afterAll(async () => {
      await jobs?.stop(1);
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('a job enqueued in a transaction runs only if that transaction commits', async () => {
      await expect(inPlatform(h.ctx.db, async (tx) => {
        await jobs.enqueue(tx, 'test-ok', { n: 'rolled back' });
        throw new Error('the change fails');
      })).rejects.toThrow('the change fails');
      await send('test-ok', { n: 'committed' });
      await until(() => ran.includes('committed'), 'the committed job');
      expect(ran).not.toContain('rolled back');
      expect((await h.ctx.db.query(`SELECT 1 FROM ${JOB_SCHEMA}.job WHERE data->>'n' = 'rolled back'`))).toEqual([]);
    });

    it('a job that throws, and one that hangs past its lease, end in the dead-letter list with a code only, and do not hold up others', async () => {
      await send('test-hang');
      await send('test-poison');
      for (let i = 0; i < 5; i++) await send('test-ok', { n: `after ${i}` });
      await until(() => ran.filter((r) => r.startsWith('after ')).length === 5, 'the jobs queued behind the bad ones');
      const dead = await until(async () => {
        const d = await jobs.deadLetters();
        return d.some((j) => j.name === 'test-hang') && d.some((j) => j.name === 'test-poison') ? d : null;
      }, 'both bad jobs in the dead-letter list');
      expect(dead.find((j) => j.name === 'test-poison')).toMatchObject({ code: 'smtp_refused', tries: 1 });
      expect(dead.find((j) => j.name === 'test-hang')).toMatchObject({ code: 'job_timeout' });
      const stored = await h.ctx.db.query<{ output: string }>(`SELECT output::text AS output FROM ${JOB_SCHEMA}.job WHERE state = 'failed'`);
      for (const s of stored) expect(s.output).not.toMatch(/hoamai|lan@/);
      expect(h.logs.lines.join('\n')).not.toMatch(/lan@hoamai|Nguyễn Thị Lan/);
    });

    it('a job that fails is tried again with backoff and completes', async () => {
      await send('test-flaky');
      await until(() => ran.includes('flaky'), 'the flaky job to succeed on a later try', 45_000);
      expect(flakyTries).toBe(2);
    }, 60_000);

    it('staff see the dead-letter list and send a job back to the queue through the API; a merchant cannot', async () => {
      const staff = await createStaff(h, 'support');
      const list = await h.app.inject({ method: 'GET', url: '/api/staff/jobs/dead', headers: staff.headers });
      expect(list.statusCode, list.body).toBe(200);
      const poison = list.json().items.find((j: { name: string }) => j.name === 'test-poison');
      expect(poison).toMatchObject({ code: 'smtp_refused', tries: 1 });
      expect(list.body).not.toMatch(/hoamai/);

      const merchant = await createMerchant(h);
      expect((await h.app.inject({ method: 'GET', url: '/api/staff/jobs/dead', headers: merchant.headers })).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'POST', url: `/api/staff/jobs/dead/${poison.id}/retry`, headers: merchant.headers })).statusCode).toBe(403);
      const unknown = await h.app.inject({ method: 'POST', url: '/api/staff/jobs/dead/00000000-0000-4000-8000-000000000000/retry', headers: staff.headers });
      expect(unknown.statusCode).toBe(404);

      // The privacy officer's console page lists it too, with its code and a retry button, and nothing of its data.
      const officer = await createStaff(h);
      const page = await h.app.inject({ method: 'GET', url: '/staff', headers: { cookie: officer.headers.cookie! } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`data-id="${poison.id}"`);
      expect(page.body).toContain('smtp_refused');
      expect(page.body).not.toMatch(/hoamai/);

      poisonHeals = true;
      const retry = await h.app.inject({ method: 'POST', url: `/api/staff/jobs/dead/${poison.id}/retry`, headers: staff.headers });
      expect(retry.statusCode, retry.body).toBe(202);
      await until(() => ran.includes('poison healed'), 'the retried job');
      await until(async () => (await state(poison.id)) === 'completed', 'the retried job to complete');
      const after = await h.app.inject({ method: 'GET', url: '/api/staff/jobs/dead', headers: staff.headers });
      expect(after.json().items.map((j: { id: string }) => j.id)).not.toContain(poison.id);
      const [audit] = await h.ctx.db.query<{ actor_id: string }>(`SELECT actor_id FROM audit_log WHERE action = 'job.retried' AND target_id = $1`, [poison.id]);
      expect(audit?.actor_id).toBe(staff.staffId);
    });
  });

  describe(`a full queue slows intake (${kind})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await bootHarness(kind, { JOB_QUEUE_LIMIT: '2' });
    });
    afterAll(async () => {
      await h?.app.close();
      await h?.ctx.db.close();
    });

    it('above JOB_QUEUE_LIMIT waiting jobs a write is answered 503 problem+json with Retry-After, and nothing is taken; reads still answer', async () => {
      // No worker runs here: every job waits.
      expect((await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: signUpBody() })).statusCode).toBe(201);
      await inPlatform(h.ctx.db, async (tx) => {
        for (const name of ['purge-tokens', 'expire-sessions']) await h.ctx.jobs.enqueue(tx, name);
      });
      await until(() => h.ctx.jobs.backlog() > 2, 'the backlog to be counted');
      const body = signUpBody();
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: body });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'queue_full', status: 503 });
      expect((await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n).toBe(1);
      expect((await h.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });
  });
}
