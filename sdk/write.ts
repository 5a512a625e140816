/** `npm run build`: writes dist/sdk/{banner,tracker}.js, failing over budget. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildSdk } from './build.ts';

const out = new URL('../dist/sdk/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
for (const f of await buildSdk()) {
  writeFileSync(`${out}${f.name}.js`, f.code);
  console.log(`dist/sdk/${f.name}.js  ${f.gzip} B gzip -9 (budget ${f.budget} B)`);
}
