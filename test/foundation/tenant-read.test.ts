import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { tenantRead } from '../../src/db/scope.ts';
import { sqlLiteral } from '../../src/db/literal.ts';

describeEachStore('one-round-trip tenant reads', (h) => {
  it('[C10] see only their tenant, even without a filter, and cannot write', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const aSub = await createSubscriber(h(), a.tenantId, 'Khách A');
    await createSubscriber(h(), b.tenantId, 'Khách B');
    const rows = await tenantRead<{ id: string }>(h().ctx.db, a.tenantId, 'SELECT id FROM subscribers');
    expect(rows.map((r) => r.id)).toEqual([aSub]);
    await expect(tenantRead(h().ctx.db, a.tenantId, `DELETE FROM subscribers RETURNING id`)).rejects.toMatchObject({ code: '25006' });
    // A failed batch leaves the connection usable and the session back at platform rights.
    const [n] = await h().ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM subscribers');
    expect(n!.n).toBeGreaterThanOrEqual(2);
  });

  it('renders hostile text as a literal, never as SQL', async () => {
    const a = await createMerchant(h());
    const evil = "x\\'); DROP TABLE subscribers; -- \\\\ ''";
    const rows = await tenantRead<{ v: string }>(h().ctx.db, a.tenantId, 'SELECT $1::text AS v', [evil]);
    expect(rows[0]!.v).toBe(evil);
    expect(() => sqlLiteral('a\0b')).toThrow();
  });
});
