import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import {
  erasureOf, findUnmapped, linkTypes, PERSONAL_COLUMNS, SUBJECT_TABLES, subjectTable, tablesForSubject, type SubjectLink,
} from '../../src/domain/registry.ts';
import { isSubjectType, SUBJECT_TYPES } from '../../src/domain/taxonomy/index.ts';

describe('the subject map (how to find and erase a subject)', () => {
  it('[C33] every table with personal columns says how its rows reach a subject and what erasure does to each column', () => {
    expect(findUnmapped()).toEqual([]);
    for (const c of PERSONAL_COLUMNS) {
      const e = erasureOf(c.table, c.column)!;
      // Retention always names its ground and a period.
      if (e.action === 'retain') {
        expect(e.ground.length, `${c.table}.${c.column}`).toBeGreaterThan(20);
        expect(e.period, `${c.table}.${c.column}`).toMatch(/^P(\d+Y)?(\d+M)?(\d+D)?(T\d+H)?$/);
      }
      // A value sealed under a subject key is shredded with that subject's key, or goes with its row.
      if (c.atRest.kind === 'subject_key') expect(['shred_key', 'delete_row']).toContain(e.action);
    }
  });

  it('[C33] a personal table missing from the map, or without a subject link, is reported', () => {
    const users = subjectTable('users')!;
    const without = SUBJECT_TABLES.filter((t) => t.table !== 'users');
    expect(findUnmapped({ tables: without })).toEqual(['users: no subject map entry', ...PERSONAL_COLUMNS.filter((c) => c.table === 'users').map((c) => `users.${c.column}: no erasure rule`)]);
    expect(findUnmapped({ tables: [...without, { ...users, subjects: [] }] })).toEqual(['users: no subject link']);
  });

  it('[C33] every subject type that has data is reachable, through links naming known types', () => {
    for (const t of SUBJECT_TABLES) for (const l of t.subjects) for (const s of linkTypes(l)) expect(isSubjectType(s), `${t.table}`).toBe(true);
    for (const type of SUBJECT_TYPES.filter((s) => PERSONAL_COLUMNS.some((c) => c.subjects.includes(s)))) {
      expect(tablesForSubject(type).length, type).toBeGreaterThan(0);
    }
    expect(tablesForSubject('subscriber').map((t) => t.table.table)).toEqual(expect.arrayContaining(['subscribers', 'subscriber_notes', 'messages', 'consent_records', 'outbox', 'subject_keys']));
    expect(tablesForSubject('buyer').map((t) => t.table.table)).toEqual(expect.arrayContaining(['buyers', 'consent_records', 'outbox', 'subject_keys']));
  });
});

const linkColumns = (l: SubjectLink): string[] => {
  switch (l.kind) {
    case 'row': return ['id'];
    case 'column': return [l.column];
    case 'typed': return [l.typeColumn, l.idColumn];
    case 'path': return [l.from];
    case 'blind_index': return [l.column];
    case 'expiring': return [];
  }
};

describeEachStore('the subject map against the schema', (h) => {
  it('[C33] every table, column and foreign-key path the map names exists', async () => {
    const cols = await h().ctx.db.query<{ t: string; c: string }>("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'");
    const has = new Set(cols.map((r) => `${r.t}.${r.c}`));
    const missing: string[] = [];
    const need = (t: string, c: string) => { if (!has.has(`${t}.${c}`)) missing.push(`${t}.${c}`); };
    for (const t of SUBJECT_TABLES) {
      for (const l of t.subjects) {
        for (const c of linkColumns(l)) need(t.table, c);
        if (l.kind === 'path') for (const hop of l.hops) { need(hop.table, hop.on); need(hop.table, hop.to); }
      }
      for (const c of Object.keys(t.columns ?? {})) need(t.table, c);
    }
    expect(missing).toEqual([]);
  });
});
