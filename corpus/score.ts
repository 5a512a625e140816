// Scores predicted spans against gold: a gold span is found when a predicted span of the
// same type covers at least half of it (for any-PII F1 the type is ignored). Each predicted
// span can match one gold span. Run: npx tsx corpus/score.ts < predictions.jsonl (or import).
import { PII_TYPES, type PiiType } from '../src/detector/types.ts';

export interface SimpleSpan {
  type: string;
  start: number;
  end: number;
}
export interface ScoredItem {
  lang: string;
  gold: SimpleSpan[];
  pred: SimpleSpan[];
  /** Hard-negative substrings of the message, where the corpus marks them. */
  negatives?: ReadonlyArray<{ start: number; end: number }>;
}
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}
export interface Report {
  perType: Record<PiiType, Prf>;
  typedByLang: Record<string, Prf>;
  typed: Prf;
  anyPii: Prf;
  /** Messages with no gold span (PII-free), and how many got a span anyway. */
  hardNegatives: number;
  hardNegativeFlagged: number;
  hardNegativeRate: number;
  /** Marked hard-negative substrings, and how many a predicted span overlaps. */
  negativeSubstrings: number;
  negativeSubstringsFlagged: number;
  negativeSubstringRate: number;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { tp, fp, fn, p, r, f1 };
}

function covers(pred: SimpleSpan, gold: SimpleSpan): boolean {
  const overlap = Math.min(pred.end, gold.end) - Math.max(pred.start, gold.start);
  return overlap > 0 && overlap >= 0.5 * (gold.end - gold.start);
}

/** Greedy one-to-one matching; returns the number of matched pairs. */
export function matchCount(gold: readonly SimpleSpan[], pred: readonly SimpleSpan[], typed: boolean): { matched: number; matchedGold: boolean[] } {
  const used = new Array<boolean>(pred.length).fill(false);
  const matchedGold = gold.map((g) => {
    for (let i = 0; i < pred.length; i++) {
      const p = pred[i] as SimpleSpan;
      if (used[i] || (typed && p.type !== g.type)) continue;
      if (covers(p, g)) {
        used[i] = true;
        return true;
      }
    }
    return false;
  });
  return { matched: matchedGold.filter(Boolean).length, matchedGold };
}

/** Computes per-type, per-language, any-PII and hard-negative figures. */
export function score(items: readonly ScoredItem[]): Report {
  const counts = new Map<string, [number, number, number]>();
  const add = (k: string, tp: number, fp: number, fn: number): void => {
    const c = counts.get(k) ?? [0, 0, 0];
    counts.set(k, [c[0] + tp, c[1] + fp, c[2] + fn]);
  };
  let hard = 0;
  let flagged = 0;
  let negs = 0;
  let negsFlagged = 0;
  for (const it of items) {
    for (const n of it.negatives ?? []) {
      negs++;
      if (it.pred.some((p) => p.start < n.end && n.start < p.end)) negsFlagged++;
    }
    if (it.gold.length === 0) {
      hard++;
      if (it.pred.length > 0) flagged++;
    }
    for (const t of PII_TYPES) {
      const g = it.gold.filter((s) => s.type === t);
      const p = it.pred.filter((s) => s.type === t);
      const { matched } = matchCount(g, p, true);
      add(`type:${t}`, matched, p.length - matched, g.length - matched);
      add(`lang:${it.lang}`, matched, p.length - matched, g.length - matched);
      add('typed', matched, p.length - matched, g.length - matched);
    }
    const { matched } = matchCount(it.gold, it.pred, false);
    add('any', matched, it.pred.length - matched, it.gold.length - matched);
  }
  const get = (k: string): Prf => {
    const c = counts.get(k) ?? [0, 0, 0];
    return prf(c[0], c[1], c[2]);
  };
  const perType = Object.fromEntries(PII_TYPES.map((t) => [t, get(`type:${t}`)])) as Record<PiiType, Prf>;
  const langs = [...new Set(items.map((i) => i.lang))];
  return {
    perType,
    typedByLang: Object.fromEntries(langs.map((l) => [l, get(`lang:${l}`)])),
    typed: get('typed'),
    anyPii: get('any'),
    hardNegatives: hard,
    hardNegativeFlagged: flagged,
    hardNegativeRate: hard === 0 ? 0 : flagged / hard,
    negativeSubstrings: negs,
    negativeSubstringsFlagged: negsFlagged,
    negativeSubstringRate: negs === 0 ? 0 : negsFlagged / negs,
  };
}

/** Human-readable summary of a report. */
export function formatReport(name: string, rep: Report): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [`== ${name}`];
  for (const t of PII_TYPES) {
    const x = rep.perType[t];
    if (x.tp + x.fn + x.fp === 0) continue;
    lines.push(`  ${t.padEnd(14)} P ${f(x.p)}  R ${f(x.r)}  F1 ${f(x.f1)}  (tp ${x.tp} fp ${x.fp} fn ${x.fn})`);
  }
  for (const [l, x] of Object.entries(rep.typedByLang)) lines.push(`  typed F1 [${l}]  ${f(x.f1)}`);
  lines.push(`  typed F1       ${f(rep.typed.f1)}`);
  lines.push(`  any-PII F1     ${f(rep.anyPii.f1)}`);
  lines.push(`  PII-free messages flagged ${rep.hardNegativeFlagged}/${rep.hardNegatives} = ${(100 * rep.hardNegativeRate).toFixed(1)}%`);
  if (rep.negativeSubstrings > 0) {
    lines.push(`  hard-negative substrings flagged ${rep.negativeSubstringsFlagged}/${rep.negativeSubstrings} = ${(100 * rep.negativeSubstringRate).toFixed(1)}%`);
  }
  return lines.join('\n');
}
