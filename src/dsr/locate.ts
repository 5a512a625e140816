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

/** One link's condition on the row, with its parameters numbered from `first`. */
function linkCondition(table: string, link: SubjectLink, subject: SubjectRef, ids: Identities, keys: Pick<Keys, 'index'>, first: number): Condition | null {
  const p = (i: number) => `$${first + i}`;
  switch (link.kind) {
    case 'row':
      return { sql: `id = ${p(0)}`, params: [subject.id] };
    case 'column':
      return { sql: `${ident(link.column)} = ${p(0)}`, params: [subject.id] };
    case 'typed': {
      const stored = Object.entries(link.types).filter(([, t]) => t === subject.type).map(([s]) => s);
      return { sql: `${ident(link.typeColumn)} = ANY(${p(0)}::text[]) AND ${ident(link.idColumn)} = ${p(1)}`, params: [stored, subject.id] };
    }
    case 'path': {
      // row.from ∈ (hop1.on where hop1.to ∈ (hop2.on where … hopN.to = id)).
      let inner = p(0);
      for (const hop of [...link.hops].reverse()) {
        inner = `SELECT ${ident(hop.on)} FROM ${ident(hop.table)} WHERE ${hop.where ? `${hop.where} AND ` : ''}${ident(hop.to)} IN (${inner})`;
      }
      return { sql: `${ident(link.from)} IN (${inner})`, params: [subject.id] };
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
