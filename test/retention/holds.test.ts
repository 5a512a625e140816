import { expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { purgeExpiredHolds } from '../../src/retention/holds.ts';
import { PASSWORD, post, signUpAndSignIn } from '../accounts/support.ts';
import { runJob } from '../support/jobs.ts';
import { describeEachStore, type Harness } from '../support/harness.ts';

const heldRows = async (h: Harness, table: string, userId: string) =>
  (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]))[0]!.n;
// A hold's period is years: a test cannot wait them out, so it moves the end into the past.
const endHolds = (h: Harness, table: string) => h.ctx.db.query("UPDATE retention_holds SET until = now() - interval '1 second' WHERE table_name = $1", [table]);

describeEachStore('what an erasure keeps, it keeps for its period (C36)', (h) => {
  it('[C36] the proof kept after an account is closed stays for its period, then the purge job deletes it and says how many rows went', async () => {
    const a = await signUpAndSignIn(h());
    expect((await post(h(), '/api/me/close', { password: PASSWORD }, a.headers)).statusCode).toBe(200);
    const [hold] = await h().ctx.db.query<{ until: Date; ground: string }>("SELECT until, ground FROM retention_holds WHERE table_name = 'policy_acceptances' AND row_key->>'id' IN (SELECT id::text FROM policy_acceptances WHERE user_id = $1)", [a.userId]);
    expect(new Date(hold!.until).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 3);
    expect(hold!.ground).toMatch(/Civil Code 2015 Art 429/);

    await runJob(h(), 'purge-retention-holds');
    expect(await heldRows(h(), 'policy_acceptances', a.userId)).toBeGreaterThan(0);

    await endHolds(h(), 'policy_acceptances');
    await runJob(h(), 'purge-retention-holds');
    expect(await heldRows(h(), 'policy_acceptances', a.userId)).toBe(0);
    expect((await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM retention_holds WHERE table_name = 'policy_acceptances'"))[0]!.n).toBe(0);
    const [audit] = await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.holds_purged'");
    expect(audit!.n).toBeGreaterThan(0);
  });

  it('[C36] a purge cut off between batches loses nothing it should keep, and the next run finishes the job', async () => {
    const people = [await signUpAndSignIn(h()), await signUpAndSignIn(h()), await signUpAndSignIn(h())];
    for (const a of people) expect((await post(h(), '/api/me/close', { password: PASSWORD }, a.headers)).statusCode).toBe(200);
    // Another, still open account's proof: never held, never purged.
    const open = await signUpAndSignIn(h());
    await endHolds(h(), 'policy_acceptances');
    const due = (await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM retention_holds WHERE until < now()"))[0]!.n;
    expect(due).toBeGreaterThanOrEqual(3);

    // The second batch's transaction never commits, as when the server dies mid-purge.
    let calls = 0;
    const db = h().ctx.db;
    const cut: Db = new Proxy(db, { get: (t, k) => (k === 'transaction' ? (...args: Parameters<Db['transaction']>) => (++calls === 2 ? Promise.reject(new Error('killed')) : t.transaction(...args)) : Reflect.get(t, k)) });
    await expect(purgeExpiredHolds({ db: cut, keys: h().ctx.keys }, 1)).rejects.toThrow('killed');
    expect((await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM retention_holds WHERE until < now()"))[0]!.n).toBe(due - 1);

    expect(await purgeExpiredHolds(h().ctx, 1)).toBe(due - 1);
    for (const a of people) expect(await heldRows(h(), 'policy_acceptances', a.userId)).toBe(0);
    expect(await heldRows(h(), 'policy_acceptances', open.userId)).toBeGreaterThan(0);
  });
});
