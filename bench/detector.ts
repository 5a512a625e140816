// Detector benchmark: Pledge beside redact-pii, openredaction, @redactpii/node and
// @arcjet/redact on the development corpus, the blind probe set and the hand-written set. Prints per-type F1,
// typed F1 per language, any-PII F1, the hard-negative flag rate and MB/s on one core (by wall clock, and by the
// process's CPU time, which a busy shared machine disturbs far less).
// Run: npx tsx bench/detector.ts [corpus/dev.jsonl ...]
import { readCorpus } from '../corpus/evaluate.ts';
import type { CorpusLine } from '../corpus/generate.ts';
import { score, type Report, type ScoredItem, type SimpleSpan } from '../corpus/score.ts';
import { detect } from '../src/detector/index.ts';
import { PII_TYPES } from '../src/detector/types.ts';
import { loadLibraries, type Detector } from './libraries.ts';

interface Result {
  name: string;
  report: Report | null;
  mbps: number;
  /** Throughput by the process's CPU time: what one core does, whatever else the machine runs. */
  cpuMbps: number;
  error?: string;
  /** Messages on which the library threw (counted as finding nothing). */
  crashes?: number;
}

async function runDetector(d: Detector, lines: readonly CorpusLine[]): Promise<Result> {
  if (!d.run) return { name: d.name, report: null, mbps: 0, cpuMbps: 0, error: d.error };
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l.text, 'utf8'), 0);
  const preds: SimpleSpan[][] = [];
  try {
    const run = d.run;
    let crashes = 0;
    const safe = async (text: string): Promise<SimpleSpan[]> => {
      try {
        return await run(text);
      } catch {
        crashes++;
        return [];
      }
    };
    for (const l of lines) preds.push(await safe(l.text)); // scored pass, also the JIT warm-up
    const failures = crashes;
    // Speed: best of three timed passes, so a busy shared machine hurts no library unfairly.
    let secs = Infinity;
    let cpuSecs = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const l of lines) await safe(l.text);
      secs = Math.min(secs, (performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpuSecs = Math.min(cpuSecs, (c.user + c.system) / 1e6);
    }
    crashes = failures;
    const items: ScoredItem[] = lines.map((l, i) => ({ lang: l.lang, gold: l.spans, pred: preds[i] ?? [], negatives: l.negatives }));
    return { name: d.name, report: score(items), mbps: bytes / 1e6 / secs, cpuMbps: bytes / 1e6 / cpuSecs, crashes };
  } catch (err) {
    return { name: d.name, report: null, mbps: 0, cpuMbps: 0, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

function table(results: readonly Result[]): string {
  const f = (x: number | undefined): string => (x === undefined ? '   -  ' : x.toFixed(3).padStart(6));
  const head = 'metric'.padEnd(22) + results.map((r) => r.name.padStart(17)).join('');
  const rows: string[] = [head, '-'.repeat(head.length)];
  const row = (label: string, get: (r: Report) => number | undefined): void => {
    rows.push(label.padEnd(22) + results.map((r) => (r.report ? f(get(r.report)) : '  n/a ').padStart(17)).join(''));
  };
  for (const t of PII_TYPES) row(`F1 ${t}`, (r) => r.perType[t].f1);
  row('typed F1 (en)', (r) => r.typedByLang.en?.f1);
  row('typed F1 (vi)', (r) => r.typedByLang.vi?.f1);
  row('typed F1 (all)', (r) => r.typed.f1);
  row('any-PII F1', (r) => r.anyPii.f1);
  row('PII-free msgs flagged', (r) => r.hardNegativeRate);
  if (results.some((r) => r.report && r.report.negativeSubstrings > 0)) row('hard-neg. substrings', (r) => r.negativeSubstringRate);
  rows.push('MB/s (one thread)'.padEnd(22) + results.map((r) => (r.report ? r.mbps.toFixed(2) : 'n/a').padStart(17)).join(''));
  rows.push('MB/s (CPU time)'.padEnd(22) + results.map((r) => (r.report ? r.cpuMbps.toFixed(2) : 'n/a').padStart(17)).join(''));
  for (const r of results) if (r.error) rows.push(`! ${r.name} could not run: ${r.error}`);
  for (const r of results) if (r.crashes) rows.push(`! ${r.name} threw on ${r.crashes} messages (counted as finding nothing)`);
  return rows.join('\n');
}

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a) => a.endsWith('.jsonl'));
  const corpora = files.length > 0 ? files : ['corpus/dev.jsonl', 'corpus/blind.jsonl', 'corpus/handwritten.jsonl'];
  const pledge: Detector = { name: 'pledge', run: async (t) => detect(t) };
  const libs = await loadLibraries();
  console.log(`Node ${process.version}; a gold span counts as found when a span of the same type covers ≥ 50% of it.`);
  for (const file of corpora) {
    const lines = readCorpus(file);
    const results: Result[] = [];
    for (const d of [pledge, ...libs]) results.push(await runDetector(d, lines));
    const vi = lines.filter((l) => l.lang === 'vi').length;
    console.log(`\n## ${file}: ${lines.length} messages (${vi} vi, ${lines.length - vi} en), ${lines.filter((l) => l.spans.length === 0).length} PII-free\n`);
    console.log(table(results));
  }
}

await main();
