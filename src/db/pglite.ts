import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Db, Sql } from './types.ts';

// int8 as a JS number, the same as the pg driver is set to: counts and ids here stay far below 2^53.
const parsers = { [types.INT8]: (v: string) => Number(v) };

const wrap = (q: PGlite | Transaction): Sql => ({
  query: async <T>(text: string, params?: readonly unknown[]) =>
    (await q.query<T>(text, params as unknown[] | undefined)).rows,
  exec: async (text: string) => {
    await q.exec(text);
  },
});

/** Embedded PostgreSQL (WASM) in-process; `dir` undefined keeps it in memory (tests). */
export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir ? `file://${dir}` : undefined, { parsers });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn, setup, onSetup) =>
      pg.transaction(async (tx) => {
        if (setup) {
          const res = await tx.exec(setup);
          onSetup?.(res.map((r) => r.rows as Array<Record<string, unknown>>));
        }
        return fn(wrap(tx));
      }),
    batch: async (text) => (await pg.exec(text)).map((r) => r.rows as Array<Record<string, unknown>>),
    listen: async (channel, fn) => {
      const off = await pg.listen(channel, fn);
      return async () => off();
    },
    close: () => pg.close(),
  };
}
