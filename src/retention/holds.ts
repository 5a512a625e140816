/**
 * Rows an erasure keeps, held until their period ends, then deleted (C36). The hold is written in
 * the erasure's own transaction, by each row's primary key; the purge deletes due rows and their
 * holds together in batches, each batch one transaction with its audit entry, so an interrupted
 * purge resumes where it stopped and never deletes a row whose period is still running.
 * @clause C36 What is kept after erasure is kept for its period, then deleted.
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import type { Erasure } from '../domain/subject-map.ts';

type Retain = Extract<Erasure, { action: 'retain' }>;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
// Which of a row's columns say when it was recorded, for a period counted from the record.
const RECORD_TIME = ['created_at', 'recorded_at', 'received_at', 'given_at', 'accepted_at', 'disclosed_at', 'queued_at', 'at'];

type Shape = { pk: string[]; types: string[]; time: string | null };
const keyCache = new Map<string, Promise<Shape>>();
/** A table's primary key columns (with their types) and its record-time column, read once per process (the schema changes by migration only). */
function shapeOf(tx: Sql, table: string): Promise<Shape> {
  if (!keyCache.has(table)) {
    keyCache.set(table, (async () => {
      const keyCols = await tx.query<{ c: string; t: string }>(
        `SELECT a.attname AS c, format_type(a.atttypid, a.atttypmod) AS t FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`, [table]);
      const pk = keyCols.map((r) => r.c);
      if (pk.length === 0) throw new Error(`${table} keeps rows after erasure but has no primary key to hold them by`);
      const cols = new Set((await tx.query<{ c: string }>(
        'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])).map((r) => r.c));
      return { pk, types: keyCols.map((r) => r.t), time: RECORD_TIME.find((c) => cols.has(c)) ?? null };
    })().catch((err: unknown) => {
      keyCache.delete(table);
      throw err;
    }));
  }
  return keyCache.get(table)!;
}

/** Holds the rows `where` selects in `table` until the rule's period ends; a row held twice keeps the later end. */
export async function holdRetained(tx: Sql, table: string, rule: Retain, where: string, params: readonly unknown[]): Promise<void> {
  const { pk, time } = await shapeOf(tx, table);
  const key = `jsonb_build_object(${pk.map((c) => `'${c}', ${ident(c)}`).join(', ')})`;
  // ISO 8601 periods ("P10Y") are PostgreSQL intervals as written.
  const start = rule.from === 'record' && time ? `coalesce(${ident(time)}, now())` : 'now()';
  const n = params.length;
  await tx.query(
    `INSERT INTO retention_holds (table_name, row_key, ground, period, until)
     SELECT $${n + 1}::text, ${key}, $${n + 2}::text, $${n + 3}::text, ${start} + $${n + 4}::interval FROM ${ident(table)} WHERE ${where}
     ON CONFLICT (table_name, row_key) DO UPDATE SET until = greatest(retention_holds.until, excluded.until)`,
    [...params, table, rule.ground, rule.period, rule.period]);
}

export const HOLD_BATCH = 5000;

/** Deletes held rows whose period has ended, with their holds, batch by batch; returns how many rows went. */
export async function purgeExpiredHolds(ctx: Pick<AppContext, 'db' | 'keys'>, batch = HOLD_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      const due = await tx.query<{ id: string; table_name: string }>(
        'SELECT id, table_name FROM retention_holds WHERE until < now() ORDER BY until LIMIT $1 FOR UPDATE SKIP LOCKED', [batch]);
      if (due.length === 0) return 0;
      // Append-only ledgers (consent records, restrictions) open only to erasure and this purge.
      await tx.query("SELECT set_config('pledge.erasure', 'on', true)");
      const byTable = new Map<string, string[]>();
      for (const d of due) (byTable.get(d.table_name) ?? byTable.set(d.table_name, []).get(d.table_name)!).push(d.id);
      const counts: Record<string, number> = {};
      for (const [table, ids] of byTable) {
        const { pk, types } = await shapeOf(tx, table);
        // Each key as its column's own type, so the table's primary key index finds the rows.
        const match = pk.map((c, i) => `t.${ident(c)} = (h.row_key->>'${c}')::${types[i]}`).join(' AND ');
        const rows = await tx.query(`DELETE FROM ${ident(table)} t USING retention_holds h WHERE h.id = ANY($1::bigint[]) AND ${match} RETURNING 1`, [ids]);
        counts[table] = rows.length;
      }
      await tx.query('DELETE FROM retention_holds WHERE id = ANY($1::bigint[])', [due.map((d) => d.id)]);
      await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'retention.holds_purged', details: { rows: counts } });
      return due.length;
    });
    total += n;
    if (n < batch) return total;
  }
}
