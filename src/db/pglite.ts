import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { PREPARED_NAMES_SQL, PreparedSet, type Batch } from './prepared.ts';
import type { BatchResult, Db, Sql } from './types.ts';

// int8 as a JS number, the same as the pg driver is set to: counts and ids here stay far below 2^53.
const parsers = { [types.INT8]: (v: string) => Number(v) };

const wrap = (q: PGlite | Transaction): Sql => ({
  query: async <T>(text: string, params?: readonly unknown[]) =>
    (await q.query<T>(text, params as unknown[] | undefined)).rows,
  exec: async (text: string) => {
    await q.exec(text);
  },
});

const toBatch = (b: string | Batch): Batch => (typeof b === 'string' ? { text: b, prepare: [] } : b);

/** Embedded PostgreSQL (WASM) in-process; `dir` undefined keeps it in memory (tests). */
export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir ? `file://${dir}` : undefined, { parsers });
  const base = wrap(pg);
  // One connection, so one set of prepared statements.
  const set = new PreparedSet();
  async function send(q: PGlite | Transaction, b: Batch): Promise<BatchResult> {
    if (set.needsSync) set.sync((await q.query<{ name: string }>(PREPARED_NAMES_SQL)).rows.map((r) => r.name));
    const { text, added } = set.plan(b);
    try {
      const res = (await q.exec(text)).map((r) => r.rows as Array<Record<string, unknown>>);
      set.settled(added, true);
      return res.slice(added.length);
    } catch (err) {
      set.settled(added, false);
      throw err;
    }
  }
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn, setup, onSetup) =>
      pg.transaction(async (tx) => {
        if (setup) {
          const rows = await send(tx, toBatch(setup));
          onSetup?.(rows);
        }
        return fn(wrap(tx));
      }),
    batch: (b) => send(pg, toBatch(b)),
    // One connection: nothing to share a round trip with; a multi-statement exec is one implicit transaction.
    read: (statements, prepare) => send(pg, { text: statements.join('; '), prepare }),
    listen: async (channel, fn) => {
      const off = await pg.listen(channel, fn);
      return async () => off();
    },
    close: () => pg.close(),
  };
}
