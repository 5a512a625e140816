/**
 * Which tests drive the path a user hits. A test is end to end when its body, or a helper it
 * calls that is defined in its own file or imported from a test support file, sends an HTTP
 * request to the app (`inject`, `fetch`), runs the CLI, drives the browser, or runs a job. A
 * clause whose only tests call domain functions is kept only `partly` (see `pledge clauses`).
 * Read statically from the test sources: it needs no instrumentation and a reviewer can check it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type TestKind = 'e2e' | 'unit';

// What a user's path looks like from a test: the HTTP API, the CLI, the browser, a job.
const DRIVES = /\.inject\(|\bfetch\(|\brunCli\(|\bnewPage\(|\bpage\.goto\(|\bperformJob\(|\bstartWorkers\(|\.perform\(/;

/** Names defined in `source` (const/function/async function) whose definition drives the app, directly or through `known`. */
function drivingHelpers(source: string, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const defs = [...source.matchAll(/(?:^|\n)([ \t]*)(?:export\s+)?(?:const|async function|function)\s+(\w+)/g)];
  // A definition runs to the next statement at its own indentation or less (closing brackets aside):
  // the consts inside a helper are part of it, the describe block after it is not.
  const end = (i: number): number => {
    const indent = defs[i]![1]!.length;
    const first = source.indexOf('\n', defs[i]!.index! + 1);
    const next = new RegExp(`\\n[ \\t]{0,${indent}}(?![ \\t}\\])\\n])`, 'g');
    next.lastIndex = first < 0 ? source.length : first;
    return next.exec(source)?.index ?? source.length;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < defs.length; i++) {
      const name = defs[i]![2]!;
      if (found.has(name)) continue;
      const body = source.slice(defs[i]!.index!, end(i));
      if (DRIVES.test(body) || callsAny(body.slice(body.indexOf(name) + name.length), new Set([...known, ...found]))) {
        found.add(name);
        changed = true;
      }
    }
  }
  return found;
}

const callsAny = (text: string, names: ReadonlySet<string>): boolean => {
  for (const n of names) if (new RegExp(`\\b${n}\\(`).test(text)) return true;
  return false;
};

const cache = new Map<string, { source: string; helpers: Set<string> }>();

/** The source of a test file and the helpers in it (and in the support files it imports) that drive the app. */
function analyse(file: string): { source: string; helpers: Set<string> } {
  const hit = cache.get(file);
  if (hit) return hit;
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const imported = new Set<string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/g)) {
    const target = resolve(dirname(file), m[2]!);
    if (!target.includes('/test/') || !existsSync(target)) continue;
    const driving = analyse(target).helpers;
    for (const n of m[1]!.split(',').map((x) => x.trim().split(/\s+as\s+/).pop()!)) if (driving.has(n)) imported.add(n);
  }
  const out = { source, helpers: new Set([...imported, ...drivingHelpers(source, imported)]) };
  cache.set(file, out);
  return out;
}

/** The kind of the test titled `title` (its own title, not its suites') in `file`. */
export function testKind(file: string, title: string): TestKind {
  const { source, helpers } = analyse(file);
  const quoted = [`'${title.replace(/'/g, "\\'")}'`, `"${title}"`, `\`${title}\``];
  let at = -1;
  for (const q of quoted) if ((at = source.indexOf(q)) >= 0) break;
  if (at < 0) return 'unit';
  const rest = source.slice(at);
  const next = rest.slice(1).search(/\n\s*(?:it|test)(?:\.\w+)?\(/);
  const body = next < 0 ? rest : rest.slice(0, next + 1);
  return DRIVES.test(body) || callsAny(body, helpers) ? 'e2e' : 'unit';
}
