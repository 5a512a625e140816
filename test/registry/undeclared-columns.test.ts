import { expect, it } from 'vitest';
import { findStale, findUndeclared } from '../../src/domain/personal-columns.ts';
import { REGISTRY } from '../../src/domain/registry.ts';
import type { Sql } from '../../src/db/index.ts';
import { describeEachStore } from '../support/harness.ts';

const columnsOf = (db: Sql, schema: string) =>
  db.query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
    [schema],
  );

describeEachStore('schema registry', (h) => {
  it('[C06] every personal-looking column of the schema is declared in the registry', async () => {
    const columns = await columnsOf(h().ctx.db, 'public');
    expect(columns.length).toBeGreaterThan(50);
    expect(findUndeclared(columns, REGISTRY)).toEqual([]);
    // And every declaration names a column that exists: no typo hides a column from export or erasure.
    expect(findStale(columns, REGISTRY)).toEqual([]);
  });

  it('[C06] the undeclared-column check catches a deliberately undeclared column', async () => {
    const db = h().ctx.db;
    await db.exec('CREATE SCHEMA c06_scratch; CREATE TABLE c06_scratch.orders (id uuid PRIMARY KEY, customer_phone text, created_at timestamptz)');
    try {
      const columns = await columnsOf(db, 'c06_scratch');
      expect(columns.map((c) => c.column)).toEqual(['id', 'customer_phone', 'created_at']);
      expect(findUndeclared(columns, REGISTRY)).toEqual([{ table: 'orders', column: 'customer_phone' }]);
    } finally {
      await db.exec('DROP SCHEMA c06_scratch CASCADE');
    }
  });
});
