import pg from 'pg';
import type { Db, Sql } from './types.ts';

// int8 as a JS number, the same as the PGlite driver.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

type Client = pg.Pool | pg.PoolClient;

const wrap = (c: Client): Sql => ({
  query: async <T>(text: string, params?: readonly unknown[]) =>
    (await c.query(text, params as unknown[] | undefined)).rows as T[],
  exec: async (text: string) => {
    await c.query(text);
  },
});

/** A pool of connections to a PostgreSQL server. */
export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's socket error must not crash the process; the pool replaces the client.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn, setup, onSetup) {
      const client = await pool.connect();
      try {
        const res = (await client.query(setup ? `BEGIN; ${setup}` : 'BEGIN')) as unknown as pg.QueryResult | pg.QueryResult[];
        onSetup?.((Array.isArray(res) ? res : [res]).slice(1).map((r) => r.rows as Array<Record<string, unknown>>));
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async batch(text) {
      const res = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(res) ? res : [res]).map((r) => r.rows as Array<Record<string, unknown>>);
    },
    async listen(channel, fn) {
      // A connection of its own: LISTEN holds it for as long as the process listens.
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (n) => fn(n.payload ?? ''));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return () => client.end();
    },
    close: () => pool.end(),
  };
}
