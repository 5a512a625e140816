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
