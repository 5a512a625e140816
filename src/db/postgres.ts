import { createHash } from 'node:crypto';
import pg from 'pg';
import { PREPARED_NAMES_SQL, PreparedSet, type Batch, type Prepared } from './prepared.ts';
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

type QueuedRead = { statements: readonly string[]; prepare: readonly Prepared[]; resolve: (r: BatchResult) => void; reject: (e: unknown) => void };

// Reads in flight at once; those that arrive meanwhile wait and then travel together. An idle
// server sends a read at once; a busy one sends one round trip for many (fewer writes, wake-ups
// and protocol messages on both sides), each read in its own BEGIN … COMMIT.
const READ_FLIGHTS = 2;
const MAX_READ_GROUP = 64;

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

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  const readOne = (client: pg.PoolClient, r: QueuedRead) => send(client, '', { text: r.statements.join('; '), prepare: r.prepare });

  /** The group as one simple query: BEGIN; statements; COMMIT per read. */
  async function readGroup(client: pg.PoolClient, group: QueuedRead[]): Promise<void> {
    if (group.length === 1) return readOne(client, group[0]!).then(group[0]!.resolve, group[0]!.reject);
    const text = group.map((r) => `BEGIN; ${r.statements.join('; ')}; COMMIT`).join('; ');
    let rows: BatchResult;
    try {
      rows = await send(client, '', { text, prepare: group.flatMap((r) => r.prepare) });
    } catch {
      // The statements after a failed one did not run and its block is aborted: clear it, then
      // run each read alone so each gets its own answer or its own error.
      await client.query('ROLLBACK').catch(() => undefined);
      for (const r of group) await readOne(client, r).then(r.resolve, r.reject);
      return;
    }
    let at = 0;
    for (const r of group) {
      r.resolve(rows.slice(at + 1, at + 1 + r.statements.length));
      at += r.statements.length + 2;
    }
  }

  const queued: QueuedRead[] = [];
  let flights = 0;
  function pump(): void {
    while (flights < READ_FLIGHTS && queued.length > 0) {
      const group = queued.splice(0, MAX_READ_GROUP);
      flights++;
      withClient((client) => readGroup(client, group))
        .catch((err) => group.forEach((r) => r.reject(err)))
        .finally(() => {
          flights--;
          pump();
        });
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
    batch: (b) => withClient((client) => send(client, '', toBatch(b))),
    read: (statements, prepare) =>
      new Promise<BatchResult>((resolve, reject) => {
        queued.push({ statements, prepare, resolve, reject });
        pump();
      }),
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
