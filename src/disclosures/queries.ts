/**
 * Reading the ledger: a tenant's disclosures page by page, and everything disclosed about one
 * subject — what an access request or an export (C31) and the records of processing list as
 * "who received my data".
 */
import type { Sql } from '../db/index.ts';
import { decodeCursor, encodeCursor } from '../db/keyset.ts';
import type { RecordedDisclosure } from './ledger.ts';
import { DISCLOSURE_COLUMNS, subjectsOf, type DisclosureRow } from './store.ts';

export type DisclosurePage = { items: RecordedDisclosure[]; nextCursor: string | null };

/** One page of the transaction's tenant's disclosures, newest first, each with its subjects. */
export async function listDisclosures(tx: Sql, page: { limit: number; cursor?: string | undefined }): Promise<DisclosurePage> {
  const [at, id] = page.cursor ? decodeCursor(page.cursor) : [null, null];
  const rows = await tx.query<DisclosureRow>(
    `SELECT ${DISCLOSURE_COLUMNS} FROM disclosures
      WHERE $1::timestamptz IS NULL OR (disclosed_at, id) < ($1::timestamptz, $2::uuid)
      ORDER BY disclosed_at DESC, id DESC LIMIT $3`,
    [at, id, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  const subjects = await subjectsOf(tx, shown.map((r) => r.id));
  return {
    items: shown.map((d) => ({ disclosure: d, subjects: subjects.filter((s) => s.disclosure_id === d.id) })),
    nextCursor: rows.length > page.limit ? encodeCursor(shown.at(-1)!.disclosed_at, shown.at(-1)!.id) : null,
  };
}

/**
 * Every disclosure naming one subject of the transaction's tenant, newest first.
 * Access and export (C31) will list it as "who received my data".
 */
export async function listDisclosuresForSubject(tx: Sql, subject: { type: string; id: string }): Promise<RecordedDisclosure[]> {
  const rows = await tx.query<DisclosureRow>(
    `SELECT ${DISCLOSURE_COLUMNS} FROM disclosures
      WHERE id IN (SELECT disclosure_id FROM disclosure_subjects WHERE subject_type = $1 AND subject_id = $2)
      ORDER BY disclosed_at DESC, id DESC`,
    [subject.type, subject.id],
  );
  const subjects = await subjectsOf(tx, rows.map((r) => r.id));
  return rows.map((d) => ({ disclosure: d, subjects: subjects.filter((s) => s.disclosure_id === d.id) }));
}
