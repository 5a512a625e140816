import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClausesReport, testsByClause } from '../../src/cli/clauses.ts';
import { testKind } from '../../src/cli/test-kinds.ts';
import { CLAUSES, KEPT, PENDING } from '../../src/domain/clauses.ts';
import { ROOT } from './run.ts';

type Assertion = { fullName?: string; title: string; ancestorTitles?: string[]; status: string };
const results = (files: Record<string, Assertion[]>) => ({
  testResults: Object.entries(files).map(([name, assertionResults]) => ({ name: join(ROOT, name), assertionResults })),
});
const pass = (title: string): Assertion => ({ title, ancestorTitles: ['suite (pglite)'], status: 'passed' });
const fail = (title: string): Assertion => ({ title, ancestorTitles: ['suite (postgres)'], status: 'failed' });
/** One passing test for every clause the project declares kept. */
const allKept = () => KEPT.map((id) => pass(`[${id}] proves it`));

describe('clause traceability report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-clauses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const report = (doc: unknown, pending?: Record<string, string>) => {
    const file = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const lines: string[] = [];
    // Synthetic files: a title saying "unit" stands for a test that calls domain functions only.
    const code = runClausesReport(file, (l) => lines.push(l), ROOT, (_f, title) => (title.includes('unit') ? 'unit' : 'e2e'), pending);
    return { code, lines };
  };

  it('maps every [Cnn] cited in a title (several per title, nested suites) to its file and outcome', () => {
    const map = testsByClause(
      results({
        'test/a.test.ts': [pass('[C06] and [C40] together'), { fullName: 'outer inner [C17] named by fullName', title: 'x', status: 'passed' }],
        'test/b.test.ts': [fail('[C06] broken on postgres'), pass('no clause here')],
      }),
      ROOT,
      () => 'e2e',
    );
    expect([...map.keys()].sort()).toEqual(['C06', 'C17', 'C40']);
    expect(map.get('C06')).toEqual([
      { title: 'suite (pglite) [C06] and [C40] together', file: 'test/a.test.ts', passed: true, kind: 'e2e' },
      { title: 'suite (postgres) [C06] broken on postgres', file: 'test/b.test.ts', passed: false, kind: 'e2e' },
    ]);
    expect(map.get('C17')).toEqual([{ title: 'outer inner [C17] named by fullName', file: 'test/a.test.ts', passed: true, kind: 'e2e' }]);
  });

  it('counts kept clauses, prints one line per clause and ends with "kept N/41"; exit 0 when every declared clause passes', () => {
    const extra = CLAUSES.map((c) => c.id).find((id) => !KEPT.includes(id))!;
    const { code, lines } = report(results({ 'test/x.test.ts': [...allKept(), pass(`[${extra}] an undeclared clause may be kept too`)] }));
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe(`kept ${KEPT.length + 1}/${CLAUSES.length}`);
    expect(CLAUSES.length).toBe(41);
    for (const c of CLAUSES) expect(lines.some((l) => l.startsWith(`${c.id} `)), c.id).toBe(true);
    expect(lines).toContain(`${extra} kept    ${CLAUSES.find((c) => c.id === extra)!.title}`);
    expect(lines.some((l) => l.includes('declared kept but'))).toBe(false);
  });

  it('exits 1 when a declared clause has no test at all', () => {
    const [missing, ...rest] = KEPT;
    const { code, lines } = report(results({ 'test/x.test.ts': rest.map((id) => pass(`[${id}] ok`)) }));
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith(`${missing} `))).toContain('open');
    expect(lines).toContain(`declared kept but without a passing end-to-end test: ${missing}`);
    expect(lines.at(-1)).toBe(`kept ${KEPT.length - 1}/41`);
  });

  it('exits 1 when a declared clause has only failing tests, or one failing beside passing ones', () => {
    const [onlyFailing, mixed, ...rest] = KEPT;
    const { code, lines } = report(results({
      'test/x.test.ts': [...rest.map((id) => pass(`[${id}] ok`)), fail(`[${onlyFailing}] broken`), pass(`[${mixed}] ok on pglite`), fail(`[${mixed}] broken on postgres`)],
    }));
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith(`${onlyFailing} `))).toContain('FAILING');
    expect(lines.find((l) => l.startsWith(`${mixed} `))).toContain('FAILING');
    expect(lines).toContain(`      FAIL e2e   suite (postgres) [${mixed}] broken on postgres  (test/x.test.ts)`);
    expect(lines).toContain(`declared kept but without a passing end-to-end test: ${onlyFailing}, ${mixed}`);
    expect(lines.at(-1)).toBe(`kept ${KEPT.length - 2}/41`);
  });

  it('a clause whose passing tests are all unit tests is only partly kept, and a declared one fails the report', () => {
    const [unitOnly, ...rest] = KEPT;
    const { code, lines } = report(results({ 'test/x.test.ts': [...rest.map((id) => pass(`[${id}] ok`)), pass(`[${unitOnly}] a unit test of the rule`)] }));
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith(`${unitOnly} `))).toContain('partly');
    expect(lines).toContain(`      pass unit  suite (pglite) [${unitOnly}] a unit test of the rule  (test/x.test.ts)`);
    expect(lines).toContain(`declared kept but without a passing end-to-end test: ${unitOnly}`);
  });

  it('tells end-to-end tests from unit tests by what their bodies, or their helpers, drive', () => {
    const at = (f: string) => join(ROOT, f);
    // HTTP through app.inject in the body.
    expect(testKind(at('test/enforcement/restricted-subject.test.ts'), '[C34] notes and messages of a restricted Subscriber are refused through the API, nothing is stored, and each refusal is audited')).toBe('e2e');
    // A job: the deliver-mail job, run as a worker runs it.
    expect(testKind(at('test/enforcement/mail-processor.test.ts'), '[C26] mail reaches the SMTP provider only under its agreement, and each send is in the disclosure ledger')).toBe('e2e');
    // Only the walk over schemas: no request is sent.
    expect(testKind(at('test/enforcement/schema-walk.test.ts'), '[C02] the walk finds a plain string wherever it hides, and accepts the three guarded kinds')).toBe('unit');
    // A helper imported from a support file that posts to the API counts as driving it.
    expect(testKind(at('test/consents/restrictions.test.ts'), '[C34] a subject\'s restriction/objection changes what the gate allows; only the subject or a legal ground lifts it')).toBe('e2e');
    // A memoised walk (`const f = () => (x ??= walk())`) whose requests sit among the walk's own consts.
    expect(testKind(at('test/web/presenters.test.ts'), '[C15] every form that asks a person to type something links the section of the privacy policy that covers it')).toBe('e2e');
    expect(testKind(at('test/nope.test.ts'), 'anything')).toBe('unit');
  });

  it('a clause whose promised path is not built yet stays open, whatever its tests say', () => {
    // Every clause's path is built now (PENDING is empty): the rule is shown on two made-up pending ones.
    expect(PENDING).toEqual({});
    // Made-up pending ones among the clauses not declared kept (one, now that nearly all are).
    const ids = CLAUSES.map((c) => c.id).filter((id) => !KEPT.includes(id)).slice(0, 2);
    expect(ids.length).toBeGreaterThan(0);
    const reasons = ['its collector is not built', 'its page is not built'];
    const pending: Record<string, string> = Object.fromEntries(ids.map((id, i) => [id, reasons[i]!]));
    const { code, lines } = report(results({ 'test/x.test.ts': [...allKept(), ...ids.map((id) => pass(`[${id}] a test`))] }), pending);
    expect(code).toBe(0);
    for (const id of ids) {
      expect(lines.find((l) => l.startsWith(`${id} `))).toContain('open');
      expect(lines[lines.findIndex((l) => l.startsWith(`${id} `)) + 1]).toBe(`      not yet: ${pending[id]}`);
    }
  });

  it('a failing test of an undeclared clause does not fail the report', () => {
    const extra = CLAUSES.map((c) => c.id).find((id) => !KEPT.includes(id))!;
    const { code, lines } = report(results({ 'test/x.test.ts': [...allKept(), fail(`[${extra}] not there yet`)] }));
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe(`kept ${KEPT.length}/41`);
  });

  it('lists where each clause is kept in code (@clause markers)', () => {
    const { lines } = report(results({ 'test/x.test.ts': allKept() }));
    const i = lines.findIndex((l) => l.startsWith('C40 '));
    const block = lines.slice(i + 1, lines.findIndex((l, k) => k > i && /^C\d{2} /.test(l)));
    expect(block).toContain('      code  src/policies/publish.ts');
  });

  it('without a results file it says what to run and exits 1', () => {
    const lines: string[] = [];
    expect(runClausesReport(join(dir, 'missing.json'), (l) => lines.push(l), ROOT)).toBe(1);
    expect(lines[0]).toMatch(/No test results at .*missing\.json: run the tests first/);
  });
});
