/**
 * Where a subject's rows are: the SQL condition, per table, derived from the subject map's
 * links. Access and erasure both start here, so neither has a hand-written query per table and
 * a newly mapped table is covered by both.
 * @clause C31 @clause C33
 */
import { blindIndex } from '../crypto/blind-index.ts';
import type { Keys } from '../crypto/keys.ts';
import { findColumn } from '../domain/registry.ts';
import { linkTypes, type SubjectLink, type SubjectTable } from '../domain/subject-map.ts';
import type { SubjectRef } from '../subjects/ref.ts';

/** What a subject can be found by besides its id: addresses, through their blind indexes. */
export type Identities = { readonly emails?: readonly string[] };

export type Condition = { readonly sql: string; readonly params: readonly unknown[] };

const ident = (s: string): string => {
  // Names come from the map (code, not input); refuse anything that is not a plain identifier.
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`not a plain SQL identifier: ${s}`);
  return `"${s}"`;
};

/**
 * Subjects of one type and tenant, erased together: the same conditions with `= ANY(ids)`, so a
 * batch costs one statement per table rather than one per table per subject.
 */
export type SubjectSet = { readonly type: SubjectRef['type']; readonly ids: readonly string[]; readonly tenantId?: string | null };

/** One link's condition on the row, with its parameters numbered from `first`. */
function linkCondition(table: string, link: SubjectLink, subject: SubjectSet, ids: Identities, keys: Pick<Keys, 'index'>, first: number): Condition | null {
  const p = (i: number) => `$${first + i}`;
  // One subject keeps the plain `= $n` its plans were tuned for; a batch compares with the array.
  const one = subject.ids.length === 1;
  const is = (column: string, i: number) => (one ? `${column} = ${p(i)}` : `${column} = ANY(${p(i)})`);
  const idParam = one ? subject.ids[0] : [...subject.ids];
  switch (link.kind) {
    case 'row':
      return { sql: is('id', 0), params: [idParam] };
    case 'column':
      return { sql: is(ident(link.column), 0), params: [idParam] };
    case 'typed': {
      const stored = Object.entries(link.types).filter(([, t]) => t === subject.type).map(([s]) => s);
      return { sql: `${ident(link.typeColumn)} = ANY(${p(0)}::text[]) AND ${is(ident(link.idColumn), 1)}`, params: [stored, idParam] };
    }
    case 'path': {
      // row.from ∈ (hop1.on where hop1.to ∈ (hop2.on where … hopN.to = id)).
      let inner = one ? p(0) : `SELECT unnest(${p(0)}::uuid[])`;
      for (const hop of [...link.hops].reverse()) {
        inner = `SELECT ${ident(hop.on)} FROM ${ident(hop.table)} WHERE ${hop.where ? `${hop.where} AND ` : ''}${ident(hop.to)} IN (${inner})`;
      }
      return { sql: `${ident(link.from)} IN (${inner})`, params: [idParam] };
    }
    case 'blind_index': {
      // An address index is not scoped to a tenant: a shop's Subscriber is found by id alone, or
      // the same address at another shop would be theirs too.
      if (subject.tenantId) return null;
      const of = findColumn(table, link.column)?.atRest;
      if (!of || of.kind !== 'blind_index' || !ids.emails?.length || link.index !== 'email') return null;
      const values = ids.emails.map((e) => blindIndex(keys.index, `${table}.${of.of}`, 'email', e));
      return { sql: `${ident(link.column)} = ANY(${p(0)}::text[])`, params: [values] };
    }
    case 'expiring':
      return null;
  }
}

/** The condition selecting `subject`'s rows of a mapped table, or null when no link reaches it. */
export function subjectCondition(entry: SubjectTable, subject: SubjectRef, ids: Identities, keys: Pick<Keys, 'index'>): Condition | null {
  return subjectSetCondition(entry, { type: subject.type, ids: [subject.id], tenantId: subject.tenantId ?? null }, ids, keys);
}

/** The condition selecting the rows of every subject of `set` in a mapped table, or null when no link reaches them. */
export function subjectSetCondition(entry: SubjectTable, subject: SubjectSet, ids: Identities, keys: Pick<Keys, 'index'>): Condition | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const link of entry.subjects) {
    if (!linkTypes(link).includes(subject.type)) continue;
    const c = linkCondition(entry.table, link, subject, ids, keys, params.length + 1);
    if (!c) continue;
    parts.push(`(${c.sql})`);
    params.push(...c.params);
  }
  return parts.length ? { sql: parts.join(' OR '), params } : null;
}

export const quoteIdent = ident;
