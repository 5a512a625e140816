/**
 * The browser's scripts: each page's TypeScript entry under `client/` bundled by esbuild, in
 * memory, when the server starts (no build step to forget, the same on a fresh clone, in tests
 * and in production). A page whose script exceeds its gzip budget stops the server at boot.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Every page's script, gzipped, at most this (issue 11: a first render never waits on a large download). */
export const PAGE_BUDGET_GZIP = 15 * 1024;

export type Bundle = { name: string; body: Buffer; gzipBytes: number };

const CLIENT = fileURLToPath(new URL('./client/', import.meta.url));

/** The page entries: the top-level files of `client/` (its `lib/` holds what they share). */
export const pageEntries = (): string[] => readdirSync(CLIENT).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

async function bundleAll(): Promise<Map<string, Bundle>> {
  const result = await build({
    entryPoints: pageEntries().map((name) => ({ in: `${CLIENT}${name}.ts`, out: name })),
    outdir: '/assets', write: false, bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    minify: true, legalComments: 'none', logLevel: 'silent', charset: 'utf8',
  });
  const out = new Map<string, Bundle>();
  for (const f of result.outputFiles) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    const body = Buffer.from(f.contents);
    out.set(name, { name, body, gzipBytes: gzipSync(body, { level: 9 }).length });
  }
  const over = [...out.values()].filter((b) => b.gzipBytes > PAGE_BUDGET_GZIP);
  if (over.length > 0) throw new Error(`page scripts over the ${PAGE_BUDGET_GZIP} B gzip budget: ${over.map((b) => `${b.name} ${b.gzipBytes} B`).join(', ')}`);
  return out;
}

let built: Promise<Map<string, Bundle>> | undefined;

/** The bundles, built once per process (every app built in it serves the same files). */
export function pageScripts(): Promise<Map<string, Bundle>> {
  built ??= bundleAll().catch((err: unknown) => {
    built = undefined;
    throw err;
  });
  return built;
}
