import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { runJob } from '../support/jobs.ts';
import { bootHarness, freshPostgres, testStores, type Harness } from '../support/harness.ts';
import { SUBJECT_TABLES } from '../../src/domain/subject-map.ts';
import { JOBS } from '../../src/jobs/index.ts';
import { PURGES } from '../../src/jobs/housekeeping.ts';
import { buildRules, RETENTION_RULES } from '../../src/retention/rules.ts';

// On PostgreSQL when the suite has it (the CLI opens the same database as a separate process).
const kind = testStores().at(-1)!;

describe(`retention rules (${kind})`, () => {
  let h: Harness;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    const secret = 'a'.repeat(64);
    if (kind === 'postgres') {
      const { url, db } = await freshPostgres();
      env = { DATABASE_URL: url, PLEDGE_SECRET: secret };
      h = await bootHarness(kind, { PLEDGE_SECRET: secret }, { db });
    } else h = await bootHarness(kind);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  const expireTokens = async () => {
    const m = await createMerchant(h);
    await h.ctx.db.query(`INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
      SELECT $1::uuid, 'verify_email', md5($2 || g), now() - interval '1 hour' FROM generate_series(1, 3) g`, [m.userId, m.userId]);
    return m;
  };

  it('[C36] staff read every rule with its period, start and citation: the billing contact outlives erasure 10 years under the Accounting Law; a merchant may not look', async () => {
    const m = await expireTokens();
    const officer = await createStaff(h);
    const res = await h.app.inject({ method: 'GET', url: '/api/staff/retention', headers: officer.headers });
    expect(res.statusCode, res.body).toBe(200);
    const rules = res.json().rules as Array<{ id: string; table: string; keepText: string; citation: string; dueNow: number | null; purged: boolean }>;
    expect(rules.find((r) => r.table === 'billing_profiles')).toMatchObject({ keepText: '10 years', citation: expect.stringMatching(/Accounting Law 88\/2015/), purged: false });
    expect(rules.find((r) => r.id === 'email-tokens')).toMatchObject({ purged: true, dueNow: expect.any(Number) });
    expect(rules.find((r) => r.id === 'email-tokens')!.dueNow).toBeGreaterThanOrEqual(3);
    expect(rules.find((r) => r.table === 'subscribers')).toMatchObject({ keepText: 'until deleted' });
    expect((await h.app.inject({ method: 'GET', url: '/api/staff/retention', headers: m.headers })).statusCode).toBe(403);
  });

  it('[C36] `pledge retention plan` prints what its purges would delete now; after the purge job ran, nothing of it is due', async () => {
    if (kind !== 'postgres') return; // the CLI needs a database a second process can open
    await expireTokens();
    const before = await runCli(['retention', 'plan'], env);
    expect(before.code, before.stderr).toBe(0);
    const line = before.stdout.split('\n').find((l) => l.startsWith('email-tokens'))!;
    expect(line).toMatch(/email_tokens\s+none\s+expiry\s+\d+ due now/);
    expect(Number(/(\d+) due now/.exec(line)![1])).toBeGreaterThanOrEqual(3);
    expect(before.stdout).toMatch(/billing-profiles-after-erasure\s+billing_profiles\s+10 years\s+record\s+0 due now.*Accounting Law/);

    await runJob(h, 'purge-tokens');
    const after = JSON.parse((await runCli(['retention', 'plan', '--json'], env)).stdout) as Array<{ id: string; dueNow: number | null }>;
    expect(after.find((r) => r.id === 'email-tokens')!.dueNow).toBe(0);
  }, 120_000);
});

describe('the retention table is the only place retention is decided', () => {
  it('[C36] a rule that contradicts another is refused when the rules load, naming both', () => {
    // A purge of the billing contact after 5 years, while the Accounting Law keeps it 10.
    const early = { id: 'billing-five-years', table: 'billing_profiles', keep: 'P5Y', from: 'record' as const, why: 'shorter', citation: 'none', purge: { kind: 'billing', table: 'billing_profiles', where: 'true' } };
    expect(() => buildRules([early])).toThrow(/billing-profiles-after-erasure and billing-five-years both govern billing_profiles/);
    const twice = { id: 'subscribers-a-year', table: 'subscribers', keep: 'P1Y', from: 'record' as const, why: 'x', citation: 'y' };
    expect(() => buildRules([twice])).toThrow(/subscribers-until-deleted and subscribers-a-year both govern subscribers/);
    expect(() => buildRules([{ ...twice, table: 'orders_archive', keep: 'ten years' }])).toThrow(/not an ISO 8601 duration/);
  });

  it('[C36] every table with personal data has a rule, every purge is a rule, and every purge rule is run by a job', () => {
    const ruled = new Set(RETENTION_RULES.filter((r) => !r.column).map((r) => r.table));
    for (const t of SUBJECT_TABLES) expect(ruled, `${t.table} has no retention rule`).toContain(t.table);
    const purgeRules = RETENTION_RULES.filter((r) => r.purge);
    for (const p of Object.values(PURGES)) expect(purgeRules.map((r) => r.purge!.kind), `purge ${p.kind} is no rule`).toContain(p.kind);
    const run = new Set(JOBS.flatMap((j) => ('rules' in j ? (j as { rules: readonly string[] }).rules : [])));
    for (const r of purgeRules) expect(run, `no job runs ${r.id}`).toContain(r.id);
  });
});
