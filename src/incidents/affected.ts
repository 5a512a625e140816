/**
 * Whose data an incident touched, found through the registry and the subject map rather than
 * guessed: every table holding one of the incident's categories for one of its subject types,
 * with how many rows (inside the affected shops when the incident names them). Counts only.
 * @clause C24
 */
import type { Sql } from '../db/index.ts';
import { PERSONAL_COLUMNS, type PersonalColumn } from '../domain/registry.ts';
import { subjectTable } from '../domain/subject-map.ts';
import { isWithin } from '../domain/taxonomy/index.ts';
import { quoteIdent } from '../dsr/locate.ts';

export type AffectedTable = { table: string; columns: string[]; subjectTypes: string[]; rows: number };

const overlaps = (c: PersonalColumn, categories: readonly string[]) => c.categories.some((k) => categories.some((x) => isWithin(k, x) || isWithin(x, k)));

export async function affectedData(tx: Sql, inc: { categories: readonly string[]; subject_types: readonly string[] }, tenantIds: readonly string[], columns = PERSONAL_COLUMNS): Promise<AffectedTable[]> {
  const hit = columns.filter((c) => c.atRest.kind !== 'blind_index' && overlaps(c, inc.categories) && c.subjects.some((s) => inc.subject_types.includes(s)) && subjectTable(c.table));
  const byTable = new Map<string, PersonalColumn[]>();
  for (const c of hit) (byTable.get(c.table) ?? byTable.set(c.table, []).get(c.table)!).push(c);
  const out: AffectedTable[] = [];
  for (const [table, cols] of byTable) {
    const [{ t } = { t: false }] = await tx.query<{ t: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'tenant_id') AS t", [table]);
    const scoped = t && tenantIds.length > 0;
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quoteIdent(table)}${scoped ? ' WHERE tenant_id = ANY($1::uuid[])' : ''}`, scoped ? [[...tenantIds]] : []);
    out.push({ table, columns: cols.map((c) => c.column), subjectTypes: [...new Set(cols.flatMap((c) => c.subjects.filter((s) => inc.subject_types.includes(s))))], rows: n });
  }
  return out.sort((a, b) => a.table.localeCompare(b.table));
}
