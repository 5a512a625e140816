import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../support/factories.ts';
import { bootHarness, freshPostgres, type Harness } from '../support/harness.ts';
import { runCli } from '../cli/run.ts';
import { runJob } from '../support/jobs.ts';
import { get, post, subscriberWithEmail } from './support.ts';

describe.skipIf(!process.env.PLEDGE_TEST_PG_URL)('pledge requests (postgres)', () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  it('[C33][C31] an operator lists requests with their due dates, shows one as counts, and fulfils it from the shell', async () => {
    const { url, db } = await freshPostgres();
    const secret = randomBytes(32).toString('hex');
    h = await bootHarness('postgres', { PLEDGE_SECRET: secret }, { db });
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const id = (await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'access', receivedVia: 'email', evidenceRef: 'mail:cli', identityVerified: true }, m.headers)).json().request.id as string;
    const env = { DATABASE_URL: url, PLEDGE_SECRET: secret };

    const list = await runCli(['requests', 'list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).items).toEqual([expect.objectContaining({ id, kind: 'access', state: 'verified', dueRule: 'vn.91.access' })]);
    const fulfil = await runCli(['requests', 'fulfil', id], env);
    expect(fulfil.code, fulfil.stderr).toBe(0);
    expect(fulfil.stdout).toContain(`${id}: fulfilled`);
    const show = await runCli(['requests', 'show', id], env);
    expect(show.code, show.stderr).toBe(0);
    const d = JSON.parse(show.stdout);
    expect(d.state).toBe('fulfilled');
    expect(d.found).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'subscribers', rows: 1 })]));
    expect(show.stdout).not.toContain(s.email);

    // Erasures started in the inbox, erased from the shell as one batch; their jobs finish each.
    const people = [await subscriberWithEmail(h, m), await subscriberWithEmail(h, m)];
    const erasures: string[] = [];
    for (const p of people) {
      const e = (await post(h, '/api/requests', { subject: { type: 'subscriber', id: p.id }, kind: 'erasure', receivedVia: 'phone', evidenceRef: 'call:cli', identityVerified: true }, m.headers)).json().request.id as string;
      expect((await post(h, `/api/requests/${e}/fulfil`, {}, m.headers)).statusCode).toBe(200);
      erasures.push(e);
    }
    const batch = await runCli(['requests', 'erase-batch'], env);
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stdout).toMatch(/^2 erased in /);
    expect(await h.ctx.db.query('SELECT 1 FROM subscribers WHERE id = ANY($1::uuid[])', [people.map((p) => p.id)])).toEqual([]);
    expect((await runCli(['requests', 'erase-batch'], env)).stdout).toMatch(/^0 erased/);
    for (const e of erasures) {
      await runJob(h, 'fulfil-request', { requestId: e });
      expect((await get(h, `/api/requests/${e}`, m.headers)).json().state).toBe('fulfilled');
    }
  }, 120_000);
});
