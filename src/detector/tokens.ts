// A light tokeniser over the normalised view for the name and address detectors.
import { isDigit, isLetterCode, isUpperCode, type TextView } from './normalize.ts';

export type TokKind = 'word' | 'num' | 'punct';

export interface Token {
  kind: TokKind;
  s: number;
  e: number;
  /** Folded text (lowercase, no diacritics). */
  f: string;
  /** First character is uppercase. */
  cap: boolean;
  /** Every letter is uppercase (and there are at least two). */
  upper: boolean;
  /** Whitespace before the token contained a newline. */
  nl: boolean;
  /** Carries Vietnamese diacritics. */
  marked: boolean;
}

function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019; // apostrophe inside O'Brien, H'Mông
}

/** Splits the normalised text into words, numbers and punctuation, skipping spaces. */
export function tokenize(view: TextView): Token[] {
  const t = view.norm;
  const f = view.fold;
  const n = t.length;
  const out: Token[] = [];
  let i = 0;
  let nl = false;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0 || c === 13) {
      i++;
      continue;
    }
    if (c === 10) {
      nl = true;
      out.push({ kind: 'punct', s: i, e: i + 1, f: '\n', cap: false, upper: false, nl: true, marked: false });
      i++;
      continue;
    }
    if (isLetterCode(c) || isDigit(c)) {
      let j = i + 1;
      let hasDigit = isDigit(c);
      for (;;) {
        if (j >= n) break;
        const d = t.charCodeAt(j);
        if (isLetterCode(d) || isDigit(d)) {
          if (isDigit(d)) hasDigit = true;
          j++;
          continue;
        }
        const d1 = j + 1 < n ? t.charCodeAt(j + 1) : 0;
        if (isJoiner(d) && isLetterCode(d1)) {
          j += 2;
          continue;
        }
        if ((d === 47 || d === 45) && isDigit(d1) && hasDigit) {
          j += 2;
          continue;
        }
        break;
      }
      let marked = false;
      let upper = j - i >= 2;
      for (let k = i; k < j; k++) {
        const ch = t.charCodeAt(k);
        if (ch > 127) marked = true;
        if (upper && isLetterCode(ch) && !isUpperCode(ch)) upper = false;
      }
      out.push({
        kind: hasDigit ? 'num' : 'word',
        s: i,
        e: j,
        f: f.slice(i, j),
        cap: isUpperCode(c),
        upper: upper && !hasDigit,
        nl,
        marked,
      });
      nl = false;
      i = j;
      continue;
    }
    out.push({ kind: 'punct', s: i, e: i + 1, f: f[i] as string, cap: false, upper: false, nl, marked: false });
    nl = false;
    i++;
  }
  return out;
}
