import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_BUDGET_GZIP, pageEntries, pageScripts } from '../../src/web/build.ts';

describe('browser scripts', () => {
  it('every page\'s script is typed TypeScript bundled within its gzip budget', async () => {
    const bundles = await pageScripts();
    expect([...bundles.keys()].sort()).toEqual(pageEntries().map((n) => `${n}.js`));
    for (const b of bundles.values()) expect(b.gzipBytes, b.name).toBeLessThanOrEqual(PAGE_BUDGET_GZIP);
    // No hand-written script is served beside the bundles.
    expect(readdirSync(new URL('../../src/web/assets/', import.meta.url)).filter((f) => f.endsWith('.js'))).toEqual([]);
  });

  it('every script a page names is one of the bundles', async () => {
    const bundles = await pageScripts();
    const dir = new URL('../../src/web/pages/', import.meta.url);
    const named = readdirSync(dir).flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/script: '([a-z-]+)'/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(10);
    for (const n of [...named, 'app']) expect(bundles.has(`${n}.js`), n).toBe(true);
  });
});

describe('page dictionaries', () => {
  it('each page ships only its own namespace, and every key its script names is in it, in both languages', async () => {
    const { pageDictionary } = await import('../../src/web/layout.tsx');
    const client = new URL('../../src/web/client/', import.meta.url);
    const shared = readdirSync(new URL('lib/', client)).map((f) => readFileSync(new URL(`lib/${f}`, client), 'utf8')).join('\n');
    for (const entry of pageEntries()) {
      const source = readFileSync(new URL(`${entry}.ts`, client), 'utf8') + shared;
      const keys = [...source.matchAll(/\bt\('([a-z][\w.]*)'/g)].map((m) => m[1]!);
      for (const lang of ['vi', 'en'] as const) {
        const dict = pageDictionary(lang, entry);
        for (const k of keys) expect(dict, `${entry} ${lang} ${k}`).toHaveProperty([k]);
        expect(Object.keys(dict).length, entry).toBeLessThan(200);
      }
    }
  });
});
