/**
 * What the data map finds for a subject, as counts: rows per table with the categories its
 * columns hold. Reads no value, so the inbox can show it to anyone who sees the request.
 * @clause C31
 */
import { PERSONAL_COLUMNS } from '../domain/registry.ts';
import type { SubjectRef } from '../subjects/ref.ts';
import { LIVE_MAP, subjectWhere, type DataMap, type DsrDeps } from './access.ts';
import { quoteIdent } from './locate.ts';

export type Found = { table: string; rows: number; categories: string[] };

export async function countSubjectData(d: DsrDeps, subject: SubjectRef, map: DataMap = LIVE_MAP): Promise<Found[]> {
  const out: Found[] = [];
  for (const entry of map.tables) {
    const w = await subjectWhere(d, entry, subject, {});
    if (!w) continue;
    const [r] = await d.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(entry.table)} WHERE ${w.where}`, w.params);
    if (!r?.n) continue;
    const categories = [...new Set(PERSONAL_COLUMNS.filter((c) => c.table === entry.table).flatMap((c) => c.categories))].sort();
    out.push({ table: entry.table, rows: r.n, categories });
  }
  return out;
}
