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

  it('[C10] reads that arrive together (their statement not yet prepared) share a round trip yet each sees only its own tenant, and one failing read fails alone', async () => {
    const shops = await Promise.all([1, 2, 3].map(() => createMerchant(h())));
    const own = await Promise.all(shops.map((s, i) => createSubscriber(h(), s.tenantId, `Khách ${i}`)));
    // Many at once: on PostgreSQL most of them wait for a flight and travel in one group.
    const reads = Array.from({ length: 30 }, (_, i) => {
      const s = shops[i % 3]!;
      if (i === 7) return tenantRead(h().ctx.db, s.tenantId, `DELETE FROM subscribers RETURNING id`).then(() => 'wrote', (e: { code?: string }) => e.code);
      // A text no earlier test read: every caller needs it prepared, and only one may PREPARE it.
      return tenantRead<{ id: string }>(h().ctx.db, s.tenantId, 'SELECT id FROM subscribers ORDER BY id').then((rows) => rows.map((r) => r.id));
    });
    const answers = await Promise.all(reads);
    answers.forEach((a, i) => {
      if (i === 7) expect(a).toBe('25006');
      else expect(a).toEqual([own[i % 3]]);
    });
  });
});
