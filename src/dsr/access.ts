/**
 * A subject's data, as stored, in every table the subject map reaches: each value opened the
 * way the registry says it is sealed, with its categories and its source (C01), and when its
 * record was made. Blind indexes, hashes and wrapped keys are pseudonyms, not the person's data,
 * and are left out. Computed from the live rows each time: never from a cached copy.
 * @clause C01 @clause C31 @clause C34
 */
import { openColumn, type Keyring } from '../crypto/envelope.ts';
import { openField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { PERSONAL_COLUMNS, type PersonalColumn } from '../domain/registry.ts';
import { SUBJECT_TABLES, type SubjectTable } from '../domain/subject-map.ts';
import type { CategoryKey } from '../domain/taxonomy/index.ts';
import { unseal } from '../crypto/seal.ts';
import { openMail } from '../mail/outbox.ts';
import { findSubjectKey, type KeyedSubjectType } from '../subjects/keys.ts';
import type { SubjectRef } from '../subjects/ref.ts';
import { quoteIdent, subjectSetCondition, type Identities, type SubjectSet } from './locate.ts';

export type ExportField = { column: string; value: unknown; categories: CategoryKey[]; source: string | null };
export type ExportRecord = { collectedAt: string | null; fields: ExportField[] };
export type ExportTable = { table: string; records: ExportRecord[] };
export type SubjectExport = { subject: { type: string; id: string }; generatedAt: string; tables: ExportTable[] };

export type DsrDeps = { tx: Sql; ring: Keyring; keys: Pick<Keys, 'data' | 'index' | 'mail'> };
export type DataMap = { tables: readonly SubjectTable[]; columns: readonly PersonalColumn[] };
export const LIVE_MAP: DataMap = { tables: SUBJECT_TABLES, columns: PERSONAL_COLUMNS };

// Stored to find or authenticate, never to tell the person anything.
const PSEUDONYM = /(?:_hash|_bidx|^wrapped_key)$/;
const WHEN = ['created_at', 'received_at', 'recorded_at', 'given_at', 'sent_at', 'at'];
const MAIL_FIELD = { to_address: 'to', subject: 'subject', body_text: 'text' } as const;

type Row = Record<string, unknown>;

/** A row's value of one personal column, opened; null when its key is gone (shredded) or it does not open. */
async function openValue(d: DsrDeps, subject: SubjectRef, c: PersonalColumn, row: Row, keyOf: (t: KeyedSubjectType) => Promise<Buffer | undefined>): Promise<unknown> {
  const v = row[c.column];
  if (typeof v !== 'string') return v;
  try {
    switch (c.atRest.kind) {
      case 'tenant_key': return await openColumn(d.tx, d.ring, String(row.tenant_id ?? subject.tenantId), `${c.table}.${c.column}`, v);
      case 'subject_key': return openField(await keyOf(c.atRest.subject), `${c.table}.${c.column}`, String(row.id), v);
      // The outbox's columns, or another table's sealed under the same key with its column as context.
      case 'mail_key': return c.table === 'outbox' ? openMail(d.keys, row as never)[MAIL_FIELD[c.column as keyof typeof MAIL_FIELD]] : unseal(d.keys.mail, v, `${c.table}.${c.column}`).toString('utf8');
      default: return v;
    }
  } catch {
    return null;
  }
}

const iso = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/** The WHERE clause selecting `subject`'s rows of a mapped table, or null when no link reaches it. */
export async function subjectWhere(d: DsrDeps, entry: SubjectTable, subject: SubjectRef, ids: Identities): Promise<{ where: string; params: unknown[] } | null> {
  return subjectSetWhere(d, entry, { type: subject.type, ids: [subject.id], tenantId: subject.tenantId ?? null }, ids);
}

/** The WHERE clause selecting the rows of every subject of `subject` (one type, one tenant) in a mapped table. */
export async function subjectSetWhere(d: Pick<DsrDeps, 'tx' | 'keys'>, entry: SubjectTable, subject: SubjectSet, ids: Identities): Promise<{ where: string; params: unknown[] } | null> {
  const cond = subjectSetCondition(entry, subject, ids, d.keys);
  if (!cond) return null;
  // A shop's subject is found inside that shop only, also where a table is read with platform rights.
  if (!subject.tenantId || !(await hasTenantColumn(d.tx, entry.table))) return { where: `(${cond.sql})`, params: [...cond.params] };
  return { where: `(${cond.sql}) AND tenant_id = $${cond.params.length + 1}`, params: [...cond.params, subject.tenantId] };
}

/** The rows of one mapped table that belong to `subject`. */
export async function subjectRows(d: DsrDeps, entry: SubjectTable, subject: SubjectRef, ids: Identities): Promise<Row[]> {
  const w = await subjectWhere(d, entry, subject, ids);
  return w ? d.tx.query<Row>(`SELECT * FROM ${quoteIdent(entry.table)} WHERE ${w.where}`, w.params) : [];
}

// Whether a table has tenant_id: asked once per table per process (a new table is a new name).
const tenantColumns = new Map<string, boolean>();
async function hasTenantColumn(tx: Sql, table: string): Promise<boolean> {
  if (!tenantColumns.has(table)) {
    const [r] = await tx.query<{ ok: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'tenant_id') AS ok", [table]);
    tenantColumns.set(table, Boolean(r?.ok));
  }
  return tenantColumns.get(table)!;
}

/** Everything stored about `subject`, table by table. */
export async function collectSubjectData(d: DsrDeps, subject: SubjectRef, ids: Identities = {}, map: DataMap = LIVE_MAP): Promise<SubjectExport> {
  const keyCache = new Map<KeyedSubjectType, Promise<Buffer | undefined>>();
  const keyOf = (type: KeyedSubjectType) => {
    if (!keyCache.has(type)) keyCache.set(type, type === subject.type ? findSubjectKey(d.tx, d.keys.data, { ...subject, type }) : Promise.resolve(undefined));
    return keyCache.get(type)!;
  };
  const tables: ExportTable[] = [];
  for (const entry of map.tables) {
    const rows = await subjectRows(d, entry, subject, ids);
    if (rows.length === 0) continue;
    const personal = new Map(map.columns.filter((c) => c.table === entry.table).map((c) => [c.column, c]));
    const records: ExportRecord[] = [];
    for (const row of rows) {
      const fields: ExportField[] = [];
      for (const column of Object.keys(row)) {
        const c = personal.get(column);
        if (c?.atRest.kind === 'blind_index' || PSEUDONYM.test(column)) continue;
        const value = c ? await openValue(d, subject, c, row, keyOf) : row[column];
        const source = c ? (typeof c.source === 'string' ? c.source : String(row[c.source.column] ?? '')) || null : null;
        fields.push({ column, value: iso(value), categories: [...(c?.categories ?? [])], source });
      }
      const when = WHEN.find((w) => row[w] instanceof Date);
      records.push({ collectedAt: when ? (row[when] as Date).toISOString() : null, fields });
    }
    tables.push({ table: entry.table, records });
  }
  return { subject: { type: subject.type, id: subject.id }, generatedAt: new Date().toISOString(), tables };
}
