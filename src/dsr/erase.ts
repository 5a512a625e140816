/**
 * Erasing a subject, table by table, as the subject map says: delete the row, overwrite its
 * personal columns, shred the subject's key (which erases every value sealed with it, where it
 * lies), or keep it with its ground and period. Runs in the caller's one transaction, from the
 * live rows at that moment, and reports counts and grounds, never values: the reply to the
 * person lists what was kept and why (C30, C36).
 * @clause C30 @clause C33 @clause C36
 */
import type { Sql } from '../db/index.ts';
import type { Erasure, SubjectTable } from '../domain/subject-map.ts';
import type { SubjectRef } from '../subjects/ref.ts';
import { LIVE_MAP, subjectSetWhere, type DataMap, type DsrDeps } from './access.ts';
import { quoteIdent, type Identities, type SubjectSet } from './locate.ts';
import { holdRetained } from '../retention/holds.ts';

export type ErasedTable = { table: string; rows: number; action: Erasure['action']; ground?: string; period?: string; clause?: string };
export type ErasureReport = { subject: { type: string; id: string }; tables: ErasedTable[] };

// The foreign keys among a set of tables, read once per set and process: the schema changes only by migration.
const fkCache = new Map<string, Promise<{ child: string; parent: string }[]>>();
const foreignKeys = (tx: Sql, tables: readonly string[]) => {
  const key = [...tables].sort().join(',');
  if (!fkCache.has(key)) {
    fkCache.set(key, tx.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
        WHERE k.contype = 'f' AND c.relname <> p.relname AND c.relname = ANY($1::text[]) AND p.relname = ANY($1::text[])`, [tables]).catch((err: unknown) => {
      fkCache.delete(key);
      throw err;
    }));
  }
  return fkCache.get(key)!;
};

/** Tables in an order where a row is deleted before the rows it references (children first). */
async function deleteOrder(tx: Sql, tables: readonly string[]): Promise<string[]> {
  const fks = await foreignKeys(tx, tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const f of fks) if (parents.has(f.child) && parents.has(f.parent)) parents.get(f.parent)!.add(f.child);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const child of parents.get(t) ?? []) visit(child);
    out.push(t);
  };
  // `parents` maps a table to the tables referencing it: those go first.
  for (const t of tables) visit(t);
  return out;
}

/** Erases `subject` everywhere the map reaches. Needs a platform transaction (append-only ledgers open only for erasure). */
export async function eraseSubject(d: DsrDeps, subject: SubjectRef, ids: Identities = {}, map: DataMap = LIVE_MAP): Promise<ErasureReport> {
  const report = await eraseSubjects(d, { type: subject.type, ids: [subject.id], tenantId: subject.tenantId ?? null }, ids, map);
  return { subject: { type: subject.type, id: subject.id }, tables: report.tables };
}

/**
 * Erases every subject of `set` (one type, one tenant) with one statement per table: the same
 * plan as a single erasure, over an array of ids, so a batch's cost grows with its rows, not with
 * its statements. Counts in the report are the batch's totals. Runs in the caller's transaction:
 * the whole batch is erased or none of it.
 */
export async function eraseSubjects(d: DsrDeps, set: SubjectSet, ids: Identities = {}, map: DataMap = LIVE_MAP): Promise<{ subjects: number; tables: ErasedTable[] }> {
  if (set.ids.length === 0) return { subjects: 0, tables: [] };
  // The ledgers' triggers let this transaction (and only a platform one) clear what erasure clears.
  await d.tx.query("SELECT set_config('pledge.erasure', 'on', true)");
  const plans: { entry: SubjectTable; where: string; params: unknown[] }[] = [];
  for (const entry of map.tables) {
    const w = await subjectSetWhere(d, entry, set, ids);
    if (w) plans.push({ entry, ...w });
  }
  const report = new Map<string, ErasedTable>();
  const note = (t: SubjectTable, rows: number) => {
    const e = t.erase;
    report.set(t.table, { table: t.table, rows, action: e.action, ...(e.action === 'retain' ? { ground: e.ground, period: e.period, ...(e.clause ? { clause: e.clause } : {}) } : {}) });
  };

  // Overwrites first (per column, then whole tables), while every row is still there to be found.
  for (const { entry, where, params } of plans) {
    const sets: string[] = [];
    const values: unknown[] = [];
    const personal = map.columns.filter((c) => c.table === entry.table).map((c) => c.column);
    for (const column of new Set([...personal, ...Object.keys(entry.columns ?? {})])) {
      const rule = entry.columns?.[column] ?? (entry.erase.action === 'anonymise' ? entry.erase : undefined);
      if (rule?.action !== 'anonymise') continue;
      values.push(rule.value);
      sets.push(`${quoteIdent(column)} = $${params.length + values.length}`);
    }
    // Rows to be deleted are counted by their DELETE below; kept or shredded ones are counted here.
    if (!sets.length && entry.erase.action === 'delete_row') continue;
    const rows = sets.length
      ? count(await d.tx.query<{ n: string }>(`WITH u AS (UPDATE ${quoteIdent(entry.table)} SET ${sets.join(', ')} WHERE ${where} RETURNING 1) SELECT count(*) AS n FROM u`, [...params, ...values]))
      : count(await d.tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(entry.table)} WHERE ${where}`, params));
    note(entry, rows);
    // What is kept is kept for its period: held by key until then (src/retention/holds.ts).
    if (entry.erase.action === 'retain' && rows > 0) await holdRetained(d.tx, entry.table, entry.erase, where, params);
  }
  // Then the deletions, children before parents.
  const deleting = plans.filter((p) => p.entry.erase.action === 'delete_row');
  for (const table of await deleteOrder(d.tx, deleting.map((p) => p.entry.table))) {
    const p = deleting.find((x) => x.entry.table === table)!;
    note(p.entry, count(await d.tx.query<{ n: string }>(`WITH x AS (DELETE FROM ${quoteIdent(table)} WHERE ${p.where} RETURNING 1) SELECT count(*) AS n FROM x`, p.params)));
  }
  // A key shredded last: nothing sealed with it opens again, wherever it was copied.
  if (plans.some((p) => p.entry.erase.action === 'shred_key' && p.entry.erase.subject === set.type)) {
    await d.tx.query('DELETE FROM subject_keys WHERE subject_type = $1 AND subject_id = ANY($2)', [set.type, [...set.ids]]);
  }
  return { subjects: set.ids.length, tables: [...report.values()].filter((t) => t.rows > 0) };
}

const count = (rows: { n: string | number }[]): number => Number(rows[0]?.n ?? 0);
