/**
 * The portable copy (C31, C34, C01): one zip with the export as JSON, the JSON Schema it
 * follows (machine-readable), and one CSV per data category. Every field names its category,
 * its source and when it was collected; the consents come with their proof (the exact notice
 * words and whether they still hash to what was recorded); the disclosures made about the
 * person and the processors holding their data are listed. Built from the live rows.
 * @clause C01 @clause C31 @clause C34
 */
import { strToU8, zipSync } from 'fflate';
import { consentHistory, consentProof } from '../consents/index.ts';
import type { SubjectRef } from '../subjects/ref.ts';
import { collectSubjectData, type DsrDeps, type SubjectExport } from './access.ts';

export const SCHEMA_ID = 'https://pledge.ecomkey.vn/schemas/subject-export.v1.json';

export type PortableField = { table: string; record: number; column: string; value: unknown; categories: string[]; source: string; collectedAt: string | null };
export type PortableConsent = {
  id: string; purpose: string; given: boolean; method: string; recordedAt: string;
  proof: { notice: { slug: string; version: number; lang: string; wording: string; contentHash: string } | null; intact: boolean };
};
export type PortableDisclosure = { id: string; recipientKind: string; recipientName: string; basis: string; purpose: string; categories: string[]; disclosedAt: string };
export type PortableExport = {
  $schema: string; format: 'pledge.subject-export.v1'; subject: { type: string; id: string }; generatedAt: string;
  fields: PortableField[]; consents: PortableConsent[]; disclosures: PortableDisclosure[]; processors: { id: string; name: string; kind: string }[];
};

/** The published JSON Schema of `PortableExport` (draft 2020-12). */
export const EXPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_ID,
  title: 'Pledge subject export',
  type: 'object',
  required: ['$schema', 'format', 'subject', 'generatedAt', 'fields', 'consents', 'disclosures', 'processors'],
  additionalProperties: false,
  properties: {
    $schema: { const: SCHEMA_ID },
    format: { const: 'pledge.subject-export.v1' },
    subject: { type: 'object', required: ['type', 'id'], additionalProperties: false, properties: { type: { type: 'string' }, id: { type: 'string', format: 'uuid' } } },
    generatedAt: { type: 'string', format: 'date-time' },
    fields: {
      type: 'array',
      items: {
        type: 'object', required: ['table', 'record', 'column', 'value', 'categories', 'source', 'collectedAt'], additionalProperties: false,
        properties: {
          table: { type: 'string' }, record: { type: 'integer', minimum: 0 }, column: { type: 'string' }, value: {},
          categories: { type: 'array', items: { type: 'string' } },
          // C01: every field says where it came from.
          source: { type: 'string', minLength: 1 },
          collectedAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
    consents: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'purpose', 'given', 'method', 'recordedAt', 'proof'], additionalProperties: false,
        properties: {
          id: { type: 'string' }, purpose: { type: 'string' }, given: { type: 'boolean' }, method: { type: 'string' }, recordedAt: { type: 'string', format: 'date-time' },
          proof: {
            type: 'object', required: ['notice', 'intact'], additionalProperties: false,
            properties: {
              intact: { type: 'boolean' },
              notice: {
                oneOf: [{ type: 'null' }, {
                  type: 'object', required: ['slug', 'version', 'lang', 'wording', 'contentHash'], additionalProperties: false,
                  properties: { slug: { type: 'string' }, version: { type: 'integer' }, lang: { type: 'string' }, wording: { type: 'string' }, contentHash: { type: 'string' } },
                }],
              },
            },
          },
        },
      },
    },
    disclosures: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'recipientKind', 'recipientName', 'basis', 'purpose', 'categories', 'disclosedAt'], additionalProperties: false,
        properties: {
          id: { type: 'string' }, recipientKind: { type: 'string' }, recipientName: { type: 'string' }, basis: { type: 'string' }, purpose: { type: 'string' },
          categories: { type: 'array', items: { type: 'string' } }, disclosedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    processors: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name', 'kind'], additionalProperties: false, properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } },
    },
  },
} as const;

const iso = (d: Date | string): string => new Date(d).toISOString();

/** Flattens the table-by-table export into fields; a column the registry does not declare was written by the system. */
export function flattenFields(x: SubjectExport): PortableField[] {
  return x.tables.flatMap((t) => t.records.flatMap((r, record) => r.fields.map((f) => ({
    table: t.table, record, column: f.column, value: f.value ?? null, categories: f.categories, source: f.source ?? 'system', collectedAt: r.collectedAt,
  }))));
}

/** Everything the portable copy holds about `subject`, from the live rows. */
export async function buildPortableExport(d: DsrDeps, subject: SubjectRef): Promise<PortableExport> {
  const x = await collectSubjectData(d, subject);
  const consents: PortableConsent[] = [];
  const disclosures: PortableDisclosure[] = [];
  let processors: { id: string; name: string; kind: string }[] = [];
  if (subject.tenantId && subject.type !== 'customer' && subject.type !== 'staff') {
    const ledgerSubject = { tenantId: subject.tenantId, type: subject.type as 'subscriber' | 'buyer', id: subject.id };
    for (const r of await consentHistory(d.tx, ledgerSubject)) {
      const p = await consentProof(d.tx, r.id);
      consents.push({
        id: r.id, purpose: r.purpose, given: r.given, method: r.method, recordedAt: iso(r.recorded_at),
        proof: { intact: p.intact, notice: p.notice ? { slug: p.notice.slug, version: p.notice.version, lang: p.notice.lang, wording: p.notice.wording, contentHash: p.notice.content_hash } : null },
      });
    }
    const rows = await d.tx.query<{ id: string; recipient_kind: string; recipient_name: string; basis: string; purpose: string; categories: string[]; disclosed_at: Date; recipient_id: string | null }>(
      `SELECT d.id, d.recipient_kind, d.recipient_name, d.basis, d.purpose, d.categories, d.disclosed_at, d.recipient_id
         FROM disclosure_subjects s JOIN disclosures d ON d.id = s.disclosure_id
        WHERE s.tenant_id = $1 AND s.subject_type = $2 AND s.subject_id = $3 ORDER BY d.disclosed_at`, [subject.tenantId, subject.type, subject.id]);
    for (const r of rows) disclosures.push({ id: r.id, recipientKind: r.recipient_kind, recipientName: r.recipient_name, basis: r.basis, purpose: r.purpose, categories: r.categories, disclosedAt: iso(r.disclosed_at) });
    const ids = [...new Set(rows.filter((r) => r.recipient_kind === 'processor' && r.recipient_id).map((r) => r.recipient_id!))];
    processors = ids.length ? await d.tx.query('SELECT id, name, kind FROM processors WHERE id = ANY($1::uuid[]) ORDER BY name', [ids]) : [];
  }
  return { $schema: SCHEMA_ID, format: 'pledge.subject-export.v1', subject: x.subject, generatedAt: x.generatedAt, fields: flattenFields(x), consents, disclosures, processors };
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV per category (`uncategorised` for the system's own columns), each row one field. */
export function categoryCsvs(fields: readonly PortableField[]): Record<string, string> {
  const by = new Map<string, PortableField[]>();
  for (const f of fields) for (const c of f.categories.length ? f.categories : ['uncategorised']) (by.get(c) ?? by.set(c, []).get(c)!).push(f);
  const out: Record<string, string> = {};
  for (const [category, list] of by) {
    const lines = ['table,record,column,value,source,collected_at', ...list.map((f) => [f.table, f.record, f.column, f.value, f.source, f.collectedAt].map(csvCell).join(','))];
    out[`csv/${category.replace(/[^a-z0-9._-]/gi, '_')}.csv`] = `${lines.join('\r\n')}\r\n`;
  }
  return out;
}

/** The zip: export.json, schema.json, README.txt and the CSVs. */
export function zipExport(x: PortableExport): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'export.json': strToU8(JSON.stringify(x, null, 2)),
    'schema.json': strToU8(JSON.stringify(EXPORT_SCHEMA, null, 2)),
    'README.txt': strToU8('export.json follows schema.json (JSON Schema 2020-12). csv/ holds one file per data category.\r\n' +
      'export.json theo lược đồ schema.json. Thư mục csv/ có một tệp cho mỗi loại dữ liệu.\r\n'),
  };
  for (const [name, text] of Object.entries(categoryCsvs(x.fields))) files[name] = strToU8(text);
  return zipSync(files, { level: 6 });
}
