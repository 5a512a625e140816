/**
 * A Subscriber's tags and typed custom fields. The shop defines each field (key, label, type:
 * text, number, date, boolean); values are checked against those definitions — every problem
 * named by field and code, never echoing the value — and stored as one JSON value sealed under
 * the tenant's key (`subscribers.attributes`).
 * @clause C07 @clause C10
 */
import { openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';

export const FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type FieldDef = { key: string; label: string; type: FieldType };
export type FieldValue = string | number | boolean;
export type Attributes = { tags: string[]; fields: Record<string, FieldValue> };
export type AttributeProblem = { field: string; code: 'field_unknown' | 'type_mismatch' | 'date_invalid' | 'number_invalid' };

const COLUMN = 'subscribers.attributes';
export const MAX_TAGS = 30;

/** A calendar date as YYYY-MM-DD that exists (no 2026-02-30). */
export function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Checks each given value against its definition; `null` removes a field. */
export function checkFields(defs: readonly FieldDef[], given: Readonly<Record<string, FieldValue | null>>): AttributeProblem[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const problems: AttributeProblem[] = [];
  for (const [field, v] of Object.entries(given)) {
    const def = byKey.get(field);
    if (!def) problems.push({ field, code: 'field_unknown' });
    else if (v === null) continue;
    else if (def.type === 'text' && typeof v !== 'string') problems.push({ field, code: 'type_mismatch' });
    else if (def.type === 'boolean' && typeof v !== 'boolean') problems.push({ field, code: 'type_mismatch' });
    else if (def.type === 'number' && typeof v !== 'number') problems.push({ field, code: 'type_mismatch' });
    else if (def.type === 'number' && !Number.isFinite(v)) problems.push({ field, code: 'number_invalid' });
    else if (def.type === 'date' && typeof v !== 'string') problems.push({ field, code: 'type_mismatch' });
    else if (def.type === 'date' && !isDate(v as string)) problems.push({ field, code: 'date_invalid' });
  }
  return problems;
}

/** Tags compare without case or surrounding spaces; the first spelling is kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const t of tags) {
    const k = t.trim().toLocaleLowerCase('vi');
    if (k && !seen.has(k)) seen.set(k, t.trim());
  }
  return [...seen.values()];
}

/** The new attributes: the tags replace the old ones when given; fields merge (null removes one). */
export function mergeAttributes(old: Attributes, patch: { tags?: readonly string[] | undefined; fields?: Readonly<Record<string, FieldValue | null>> | undefined }): Attributes {
  const fields = { ...old.fields };
  for (const [k, v] of Object.entries(patch.fields ?? {})) {
    if (v === null) delete fields[k];
    else fields[k] = v;
  }
  return { tags: patch.tags ? normaliseTags(patch.tags) : old.tags, fields };
}

export const EMPTY: Attributes = Object.freeze({ tags: [], fields: {} }) as Attributes;

export async function openAttributes(tx: Sql, ring: Keyring, tenantId: string, sealed: string | null): Promise<Attributes> {
  if (!sealed) return { tags: [], fields: {} };
  return JSON.parse(await openColumn(tx, ring, tenantId, COLUMN, sealed)) as Attributes;
}

export const sealAttributes = (tx: Sql, ring: Keyring, tenantId: string, a: Attributes): Promise<string> =>
  sealColumn(tx, ring, tenantId, COLUMN, JSON.stringify(a));

export async function fieldDefs(tx: Sql): Promise<FieldDef[]> {
  return tx.query<FieldDef>('SELECT key, label, type FROM subscriber_fields ORDER BY created_at, key');
}
