/**
 * Builds what a site loads: the banner (with its CSS and both languages) and the tracker,
 * minified, each under its gzip -9 budget; over budget, the build fails. In memory, so the
 * server and the tests build it themselves; `npm run build` writes dist/sdk/.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGETS = { banner: 5000, tracker: 1200 } as const;
export type SdkFile = { name: 'banner' | 'tracker'; code: string; gzip: number; budget: number };

const root = new URL('./', import.meta.url).pathname;
const gzipSize = (s: string) => gzipSync(s, { level: 9 }).length;

async function bundle(entry: string): Promise<string> {
  const r = await build({
    entryPoints: [`${root}${entry}`], bundle: true, minify: true, write: false, format: 'iife', target: 'es2020',
    loader: { '.css': 'text' }, legalComments: 'none',
  });
  return r.outputFiles[0]!.text;
}

/** Both files with their sizes; throws when one is over its budget. */
export async function buildSdk(): Promise<SdkFile[]> {
  const files: SdkFile[] = [];
  for (const name of ['banner', 'tracker'] as const) {
    const code = await bundle(`${name}.ts`);
    files.push({ name, code, gzip: gzipSize(code), budget: BUDGETS[name] });
  }
  const over = files.filter((f) => f.gzip > f.budget);
  if (over.length) throw new Error(`SDK over budget: ${over.map((f) => `${f.name} ${f.gzip} B > ${f.budget} B`).join(', ')}`);
  return files;
}
