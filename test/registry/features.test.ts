import { describe, expect, it } from 'vitest';
import { assertFeatureDeclares, columnsFor, columnsForSubject, declaredCategories, EXEMPT_COLUMNS, FEATURES, PERSONAL_COLUMNS, UndeclaredError } from '../../src/domain/registry.ts';
import { isCategoryKey, isPurposeKey, isSubjectType, SOURCES } from '../../src/domain/taxonomy/index.ts';

describe('registry declarations', () => {
  it('[C06] every feature names only known purposes, categories and subjects', () => {
    expect(FEATURES.length).toBeGreaterThan(10);
    for (const f of FEATURES) {
      expect(f.name).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(f.purposes.length, f.name).toBeGreaterThan(0);
      for (const p of f.purposes) expect(isPurposeKey(p), `${f.name}: ${p}`).toBe(true);
      for (const c of f.categories) expect(isCategoryKey(c), `${f.name}: ${c}`).toBe(true);
      for (const s of f.subjects) expect(isSubjectType(s), `${f.name}: ${s}`).toBe(true);
    }
  });

  it('[C01] every declared personal column names known categories, subjects and a source', () => {
    const seen = new Set<string>();
    for (const c of PERSONAL_COLUMNS) {
      const key = `${c.table}.${c.column}`;
      expect(seen.has(key), `declared twice: ${key}`).toBe(false);
      seen.add(key);
      expect(c.categories.length).toBeGreaterThan(0);
      for (const k of c.categories) expect(isCategoryKey(k), key).toBe(true);
      for (const s of c.subjects) expect(isSubjectType(s), key).toBe(true);
      if (typeof c.source === 'string') expect(SOURCES).toContain(c.source);
      else expect(c.source.column).toBe('source');
    }
    for (const e of EXEMPT_COLUMNS) expect(seen.has(`${e.table}.${e.column}`)).toBe(false);
    expect(columnsFor('buyers').map((c) => c.column)).toEqual(['name', 'email', 'email_bidx', 'phone', 'phone_bidx', 'address']);
    expect(columnsForSubject('subscriber').filter((c) => c.table === 'subscribers').map((c) => c.column))
      .toEqual(['external_id', 'external_id_bidx', 'display_name', 'phone', 'phone_bidx', 'email', 'email_bidx', 'opt_in_evidence', 'language', 'attributes']);
  });

  it('[C06] a feature that touches a category it did not declare fails the declaration check', () => {
    expect(declaredCategories('subscribers.create')).toContain('user.contact.phone');
    expect(() => assertFeatureDeclares('subscribers.create', ['user.contact.phone', 'user.name'], 'provide_service')).not.toThrow();
    expect(() => assertFeatureDeclares('exports.subject', ['user.health.x', 'user.contact.email'])).toThrow(UndeclaredError);
    expect(() => assertFeatureDeclares('exports.subject', ['user.financial.bank_account'])).not.toThrow();
    expect(() => assertFeatureDeclares('subscribers.create', ['user.contact.address'])).toThrow(/category_undeclared/);
    expect(() => assertFeatureDeclares('subscribers.create', ['user.name'], 'research')).toThrow(/purpose_undeclared/);
    expect(() => assertFeatureDeclares('nope', [])).toThrow(/unknown_feature/);
  });
});
