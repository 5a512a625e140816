/**
 * Importing Subscribers from a CSV file (C10): every row is checked first and any bad row fails
 * the whole file with its row number, field and code (never its value); a good file is stored
 * in one transaction, every row on the legal basis the shop records for the import.
 * @clause C10
 */
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/log.ts';
import type { SealKeys } from '../accounts/users.ts';
import type { Sql } from '../db/index.ts';
import { freeText, identifier } from '../guard/schema.ts';
import { insertSubscriber } from '../subjects/subscribers.ts';
import { CsvError, decodeUtf8, parseCsv } from './csv.ts';

/** Columns of the file; `display_name` is required, the rest optional. */
const COLUMNS = { display_name: 'displayName', phone: 'phone', email: 'email', external_id: 'externalId' } as const;
/** The most rows a file may have (it is also under the 5 MB upload limit); above INLINE_ROWS it is stored by a job. */
export const MAX_IMPORT_ROWS = 50_000;
/** Up to this many rows the file is stored while the request waits (well under a second); more go to the import job. */
export const INLINE_ROWS = 1_000;

const Row = z.strictObject({
  displayName: freeText({ max: 200, cards: 'refuse' }),
  phone: identifier(/^\+?[0-9 ().-]+$/, { min: 3, max: 40 }).optional(),
  email: z.email().max(320).optional(),
  externalId: identifier(/^[\x21-\x7e]+$/, { max: 200, digitsExpected: 'platform user ids are long digit runs; sealed at rest' }).optional(),
});
type Row = z.infer<typeof Row>;

export type RowProblem = { row: number; field: string; code: string };
export type ImportCheck = { rows: Row[]; problems: RowProblem[] };

/** Decodes, parses and checks every row; throws CsvError for a file that is not a CSV at all. */
export function checkImport(bytes: Buffer): ImportCheck {
  const table = parseCsv(decodeUtf8(bytes));
  if (table.length < 2) throw new CsvError('csv_empty', 'The file needs a header row and at least one row');
  const header = table[0]!.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(h in COLUMNS));
  if (unknown.length > 0 || !header.includes('display_name')) {
    throw new CsvError('csv_malformed', `The header must name display_name and only ${Object.keys(COLUMNS).join(', ')}`);
  }
  const rows: Row[] = [];
  const problems: RowProblem[] = [];
  table.slice(1).forEach((cells, i) => {
    const n = i + 2; // the file's line number, header being line 1
    if (cells.length !== header.length) return void problems.push({ row: n, field: '*', code: 'column_count' });
    const input: Record<string, string> = {};
    header.forEach((h, k) => { if (cells[k]!.trim() !== '') input[COLUMNS[h as keyof typeof COLUMNS]] = cells[k]!; });
    const r = Row.safeParse(input);
    if (r.success) rows.push(r.data);
    else for (const issue of r.error.issues) problems.push({ row: n, field: String(issue.path[0] ?? '*'), code: issue.code });
  });
  return { rows, problems };
}

/** Stores every checked row in the caller's transaction, with one audit entry. */
export async function importSubscribers(tx: Sql, keys: SealKeys, auditKey: Buffer, actor: AuditActor, tenantId: string, rows: readonly Row[], legalBasis: string): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const row = await insertSubscriber(tx, keys, tenantId, { channel: 'import', ...r, source: 'import:csv', legalBasis });
    await tx.query("UPDATE subscribers SET opt_in_source = 'import' WHERE id = $1", [row.id]);
    ids.push(row.id);
  }
  await recordAudit(tx, auditKey, { tenantId, actor, action: 'subscribers.imported', details: { rows: ids.length, legalBasis } });
  return ids;
}
