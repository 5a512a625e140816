// Runs the Pledge detector over a corpus file and prints the scorer's report.
// Run: npx tsx corpus/evaluate.ts [corpus/dev.jsonl] [--errors]
import { readFileSync } from 'node:fs';
import { detect } from '../src/detector/index.ts';
import type { CorpusLine } from './generate.ts';
import { formatReport, matchCount, score, type ScoredItem } from './score.ts';

/** Reads a JSONL corpus file. */
export function readCorpus(path: string): CorpusLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/** Scores the Pledge detector on corpus lines. */
export function evaluatePledge(lines: readonly CorpusLine[]): { items: ScoredItem[] } {
  const items = lines.map((l) => ({ lang: l.lang, gold: l.spans, pred: detect(l.text, { lang: l.lang }), negatives: l.negatives }));
  return { items };
}

function printErrors(lines: readonly CorpusLine[], items: readonly ScoredItem[]): void {
  lines.forEach((l, i) => {
    const it = items[i] as ScoredItem;
    const { matchedGold } = matchCount(it.gold, it.pred, true);
    const missed = it.gold.filter((_, k) => !matchedGold[k]);
    const extra = it.pred.filter((p) => !it.gold.some((g) => g.type === p.type && Math.min(p.end, g.end) - Math.max(p.start, g.start) >= 0.5 * (g.end - g.start)));
    if (missed.length === 0 && extra.length === 0) return;
    console.log(`${l.id} ${JSON.stringify(l.text)}`);
    for (const m of missed) console.log(`   MISS ${m.type} ${JSON.stringify(l.text.slice(m.start, m.end))}`);
    for (const x of extra) console.log(`   FP   ${x.type} ${JSON.stringify(l.text.slice(x.start, x.end))}`);
  });
}

if (process.argv[1]?.endsWith('evaluate.ts')) {
  const path = process.argv.find((a, i) => i > 1 && a.endsWith('.jsonl')) ?? 'corpus/dev.jsonl';
  const lines = readCorpus(path);
  const { items } = evaluatePledge(lines);
  if (process.argv.includes('--errors')) printErrors(lines, items);
  console.log(formatReport(`pledge on ${path}`, score(items)));
}
