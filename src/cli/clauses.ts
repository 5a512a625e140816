import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLAUSES, KEPT, PENDING } from '../domain/clauses.ts';
import { testKind, type TestKind } from './test-kinds.ts';

type Assertion = { fullName?: string; title: string; ancestorTitles?: string[]; status: string };
type VitestJson = { testResults: Array<{ name: string; assertionResults: Assertion[] }> };

export type ClauseTest = { title: string; file: string; passed: boolean; kind: TestKind };
type Classify = (file: string, title: string) => TestKind;

const TAG = /\[(C\d{2})\]/g;

/** Maps each clause id to the tests whose titles cite it. Pure over the results document. */
export function testsByClause(results: VitestJson, root: string, classify: Classify = testKind): Map<string, ClauseTest[]> {
  const map = new Map<string, ClauseTest[]>();
  for (const file of results.testResults) {
    for (const a of file.assertionResults) {
      const title = a.fullName ?? [...(a.ancestorTitles ?? []), a.title].join(' ');
      for (const m of title.matchAll(TAG)) {
        const list = map.get(m[1]!) ?? [];
        list.push({ title, file: relative(root, file.name), passed: a.status === 'passed', kind: classify(file.name, a.title) });
        map.set(m[1]!, list);
      }
    }
  }
  return map;
}

/** Where each clause is kept in code: `@clause Cnn` markers under src/. */
export function codeByClause(srcDir: string, root: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/@clause (C\d{2})/g)) {
          const list = map.get(m[1]!) ?? [];
          const rel = relative(root, path);
          if (!list.includes(rel)) list.push(rel);
          map.set(m[1]!, list);
        }
      }
    }
  };
  walk(srcDir);
  return map;
}

/**
 * Prints the clause → code → test report; returns the exit code. A clause is kept when all its
 * tests pass and at least one drives the path a user hits (HTTP, CLI, browser, job); with
 * passing unit tests only it is `partly` kept, and a clause declared kept must be kept.
 */
export function runClausesReport(
  resultsFile: string, print: (line: string) => void, root = process.cwd(), classify: Classify = testKind,
  pendingPaths: Readonly<Record<string, string>> = PENDING,
): number {
  if (!existsSync(resultsFile)) {
    print(`No test results at ${resultsFile}: run the tests first (npm test).`);
    return 1;
  }
  const tests = testsByClause(JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJson, root, classify);
  const code = codeByClause(join(root, 'src'), root);
  let kept = 0;
  const broken: string[] = [];
  for (const c of CLAUSES) {
    const list = tests.get(c.id) ?? [];
    const passing = list.length > 0 && list.every((t) => t.passed);
    const pending = pendingPaths[c.id];
    const isKept = !pending && passing && list.some((t) => t.kind === 'e2e');
    if (isKept) kept++;
    else if (KEPT.includes(c.id)) broken.push(c.id);
    print(`${c.id} ${isKept ? 'kept   ' : pending ? 'open   ' : passing ? 'partly ' : list.length ? 'FAILING' : 'open   '} ${c.title}`);
    if (pending) print(`      not yet: ${pending}`);
    for (const f of code.get(c.id) ?? []) print(`      code  ${f}`);
    for (const t of list) print(`      ${t.passed ? 'pass' : 'FAIL'} ${t.kind === 'e2e' ? 'e2e ' : 'unit'}  ${t.title}  (${t.file})`);
  }
  if (broken.length) print(`declared kept but without a passing end-to-end test: ${broken.join(', ')}`);
  print(`kept ${kept}/${CLAUSES.length}`);
  return broken.length ? 1 : 0;
}
