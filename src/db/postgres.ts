import { createHash } from 'node:crypto';
import pg from 'pg';
import { PREPARED_NAMES_SQL, PreparedSet, type Batch } from './prepared.ts';
import type { BatchResult, Db, Sql } from './types.ts';

// int8 as a JS number, the same as the PGlite driver.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

type Client = pg.Pool | pg.PoolClient;

// Parameterised statements are sent as named prepared statements: each connection parses and
// plans a text once, not on every call. The texts are code constants; the cap bounds what a
// text built at run time could cost each connection (past it, statements go unnamed).
const MAX_NAMED = 2000;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  let n = names.get(text);
  if (n === undefined && names.size < MAX_NAMED) {
    n = `q_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, n);
  }
  return n;
}

const wrap = (c: Client): Sql => ({
  query: async <T>(text: string, params?: readonly unknown[]) => {
    const name = params && params.length > 0 ? statementName(text) : undefined;
    return (await c.query({ text, values: params as unknown[] | undefined, ...(name ? { name } : {}) })).rows as T[];
  },
  exec: async (text: string) => {
    await c.query(text);
  },
});

const toBatch = (b: string | Batch): Batch => (typeof b === 'string' ? { text: b, prepare: [] } : b);
const rowsOf = (res: pg.QueryResult | pg.QueryResult[]): BatchResult => (Array.isArray(res) ? res : [res]).map((r) => r.rows as Array<Record<string, unknown>>);

/** A pool of connections to a PostgreSQL server. */
export async function openPostgres(url: string, max = 8): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's socket error must not crash the process; the pool replaces the client.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const preparedOn = new WeakMap<pg.PoolClient, PreparedSet>();

  /** Sends `head` + the batch (with the PREPAREs this connection lacks) in one simple query. */
  async function send(client: pg.PoolClient, head: string, b: Batch): Promise<BatchResult> {
    let set = preparedOn.get(client);
    if (!set) preparedOn.set(client, (set = new PreparedSet()));
    if (set.needsSync) set.sync((await client.query<{ name: string }>(PREPARED_NAMES_SQL)).rows.map((r) => r.name));
    const { text, added } = set.plan(b);
    try {
      const res = rowsOf((await client.query(`${head}${text}`)) as unknown as pg.QueryResult | pg.QueryResult[]);
      set.settled(added, true);
      return res.slice((head ? 1 : 0) + added.length);
    } catch (err) {
      set.settled(added, false);
      throw err;
    }
  }

  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn, setup, onSetup) {
      const client = await pool.connect();
      try {
        if (setup) {
          const rows = await send(client, 'BEGIN; ', toBatch(setup));
          onSetup?.(rows);
        } else await client.query('BEGIN');
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
    async batch(b) {
      const client = await pool.connect();
      try {
        return await send(client, '', toBatch(b));
      } finally {
        client.release();
      }
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
