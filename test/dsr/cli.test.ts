import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../support/factories.ts';
import { bootHarness, freshPostgres, type Harness } from '../support/harness.ts';
import { runCli } from '../cli/run.ts';
import { post, subscriberWithEmail } from './support.ts';

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
  }, 120_000);
});
