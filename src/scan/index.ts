/**
 * `pledge scan`: samples every text, varchar and json(b) column of every table, runs the
 * detector over the values and reports, per column, how many values held each kind of personal
 * data and whether the registry declares the column for it. Counts and column names only: a
 * value never leaves this module. Values sealed under a tenant's data key are opened with the
 * store's keys and scanned in memory; other ciphertext and hex digests are skipped.
 * @clause C02 Any Luhn-valid card number anywhere is reported.
 * @clause C07 Ciphertext is recognised and skipped.
 */
import { detect, findCards, type PiiType } from '../detector/index.ts';
import { isSealedValue, openColumn, type Keyring } from '../crypto/envelope.ts';
import type { Db } from '../db/index.ts';
import { statusOf, type Status } from './classify.ts';

export type ColumnFinding = { type: PiiType; values: number; status: Status };
export type ColumnReport = {
  table: string; column: string; dataType: string; sampled: number;
  /** Sealed values the scan opened with the store's keys and scanned as plaintext (counted in `sampled`). */
  opened: number;
  skippedCiphertext: number; findings: ColumnFinding[];
};
export type ScanReport = { columns: ColumnReport[]; cardsFound: number; undeclared: number; exitCode: 0 | 1 | 2 };
export type ScanOptions = {
  sample: number | 'all';
  /** The store's keyring: tenant-sealed values (`enc:v1:`) are opened and scanned, so sealing a column does not blind the scan. */
  ring?: Keyring;
  onProgress?: (done: number, total: number, column: string) => void;
};

const BATCH = 1000;
// `enc:v1:<key>:…` (envelope) and `v1.<base64url>` (subject keys, audit details).
const CIPHERTEXT = /^(?:enc:v1:[0-9a-f-]{36}:[A-Za-z0-9_-]+|v1\.[A-Za-z0-9_-]{40,})$/;
// A SHA-256 / HMAC-SHA-256 hex digest (blind indexes, token hashes, the audit chain): its digits
// are random, and about 1 in 700 of them holds a Luhn-valid 12–19-digit run by chance.
const DIGEST = /^[0-9a-f]{64}$/;
const opaque = (s: string): boolean => CIPHERTEXT.test(s) || DIGEST.test(s);

const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

type Col = { table_name: string; column_name: string; data_type: string; has_tenant: boolean };

export async function listTextColumns(db: Db): Promise<Col[]> {
  return db.query<Col>(
    `SELECT c.table_name, c.column_name, c.data_type,
            EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = 'tenant_id') AS has_tenant
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
        AND (c.data_type <> 'ARRAY' OR c.udt_name IN ('_text', '_varchar'))
      ORDER BY c.table_name, c.ordinal_position`,
  );
}

/** The strings inside one stored value: a JSON value's string leaves, an array's elements. */
function stringsOf(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
  return out;
}

type Value = { strings: string[]; opaque: number };

/** Opens what the keys open; what stays sealed (subject keys, mail keys, a foreign key) is opaque. */
async function readable(db: Db, c: Col, raw: unknown, tenantId: string | null, ring: Keyring | undefined): Promise<Value & { opened: number }> {
  const out: Value & { opened: number } = { strings: [], opaque: 0, opened: 0 };
  for (const s of stringsOf(raw)) {
    if (s.length === 0) continue;
    if (ring && tenantId && isSealedValue(s)) {
      try {
        out.strings.push(await openColumn(db, ring, tenantId, `${c.table_name}.${c.column_name}`, s));
        out.opened++;
        continue;
      } catch {
        // Sealed for another column (a copy) or by a key this store lacks: it stays opaque.
      }
    }
    if (opaque(s)) out.opaque++;
    else out.strings.push(s);
  }
  return out;
}

function scanStrings(strings: string[], counts: Map<PiiType, number>): void {
  const found = new Set<PiiType>();
  for (const s of strings) {
    // Every Luhn-valid card, whatever its context; the detector for everything else.
    if (findCards(s).length > 0) found.add('CARD');
    for (const span of detect(s)) if (span.type !== 'CARD') found.add(span.type);
  }
  for (const t of found) counts.set(t, (counts.get(t) ?? 0) + 1);
}

async function scanColumn(db: Db, c: Col, sample: number | 'all', ring: Keyring | undefined): Promise<ColumnReport> {
  const counts = new Map<PiiType, number>();
  let sampled = 0;
  let skipped = 0;
  let opened = 0;
  const col = ident(c.column_name);
  const table = ident(c.table_name);
  const tenant = c.has_tenant ? 'tenant_id::text' : 'NULL::text';
  // Keyset over the physical row id: cheap on both stores and steady under concurrent writes.
  let after = '(0,0)';
  const limit = sample === 'all' ? Infinity : sample;
  while (sampled + skipped < limit) {
    const take = Math.min(BATCH, limit - sampled - skipped);
    const rows = await db.query<{ id: string; v: unknown; t: string | null }>(
      `SELECT ctid::text AS id, ${col} AS v, ${tenant} AS t FROM ${table} WHERE ${col} IS NOT NULL AND ctid > $1::tid ORDER BY ctid LIMIT ${take}`,
      [after],
    );
    for (const r of rows) {
      const v = await readable(db, c, r.v, r.t, ring);
      opened += v.opened;
      if (v.strings.length === 0 && v.opaque > 0) skipped++;
      else {
        sampled++;
        scanStrings(v.strings, counts);
      }
    }
    if (rows.length < take) break;
    after = rows.at(-1)!.id;
  }
  const findings = [...counts].map(([type, values]) => ({ type, values, status: statusOf(c.table_name, c.column_name, type) }));
  return { table: c.table_name, column: c.column_name, dataType: c.data_type, sampled, opened, skippedCiphertext: skipped, findings };
}

/** Scans the database; exit code 1 when a card number was found, 2 for other undeclared findings, else 0. */
export async function scanDatabase(db: Db, opts: ScanOptions): Promise<ScanReport> {
  const cols = await listTextColumns(db);
  const columns: ColumnReport[] = [];
  for (const [i, c] of cols.entries()) {
    opts.onProgress?.(i, cols.length, `${c.table_name}.${c.column_name}`);
    columns.push(await scanColumn(db, c, opts.sample, opts.ring));
  }
  opts.onProgress?.(cols.length, cols.length, '');
  const all = columns.flatMap((c) => c.findings);
  const cardsFound = all.filter((f) => f.type === 'CARD').reduce((n, f) => n + f.values, 0);
  const undeclared = all.filter((f) => f.status === 'UNDECLARED').length;
  return { columns, cardsFound, undeclared, exitCode: cardsFound > 0 ? 1 : undeclared > 0 ? 2 : 0 };
}

/** The human report: one line per column with findings; never a value. */
export function formatReport(r: ScanReport): string {
  const lines: string[] = [];
  for (const c of r.columns) {
    if (c.findings.length === 0) continue;
    const parts = c.findings.map((f) => `${f.type} ${f.values} ${f.status}`).join(', ');
    const notes = [`${c.sampled} sampled`, c.opened ? `${c.opened} opened` : '', c.skippedCiphertext ? `${c.skippedCiphertext} ciphertext skipped` : ''].filter(Boolean);
    lines.push(`${c.table}.${c.column} (${notes.join(', ')}): ${parts}`);
  }
  const scanned = r.columns.length;
  lines.push(
    `${scanned} columns scanned; ${r.cardsFound} values with a card number; ${r.undeclared} undeclared findings` +
      (r.cardsFound > 0 ? ' — CARD NUMBERS STORED (C02)' : ''),
  );
  return lines.join('\n');
}
