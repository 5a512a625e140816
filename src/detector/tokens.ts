// A light tokeniser over the normalised view for the name and address detectors.
import { CH_DIGIT, CH_LETTER, CH_UPPER, charClass, type TextView } from './normalize.ts';
import { WORD_FLAGS } from './wordFlags.ts';

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
  /** Word-list memberships of `f` (see wordFlags.ts); 0 for punctuation. */
  w: number;
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
      out.push({ kind: 'punct', s: i, e: i + 1, f: '\n', cap: false, upper: false, nl: true, marked: false, w: 0 });
      i++;
      continue;
    }
    const cls = charClass(c);
    if (cls !== 0) {
      let j = i + 1;
      let hasDigit = (cls & CH_DIGIT) !== 0;
      let marked = c > 127;
      // Letters seen, and whether one of them was not uppercase.
      let lower = (cls & (CH_LETTER | CH_UPPER)) === CH_LETTER;
      for (;;) {
        if (j >= n) break;
        const d = t.charCodeAt(j);
        const dc = charClass(d);
        if (dc !== 0) {
          if ((dc & CH_DIGIT) !== 0) hasDigit = true;
          else if ((dc & CH_UPPER) === 0) lower = true;
          if (d > 127) marked = true;
          j++;
          continue;
        }
        const d1 = j + 1 < n ? t.charCodeAt(j + 1) : 0;
        if (isJoiner(d)) {
          const c1 = charClass(d1);
          if ((c1 & CH_LETTER) !== 0) {
            if (d > 127) marked = true;
            if (d1 > 127) marked = true;
            if ((c1 & CH_UPPER) === 0) lower = true;
            j += 2;
            continue;
          }
        }
        if ((d === 47 || d === 45) && (charClass(d1) & CH_DIGIT) !== 0 && hasDigit) {
          j += 2;
          continue;
        }
        break;
      }
      // A listed word reuses the table's copy of its text: no substring is allocated.
      const slot = WORD_FLAGS.find(f, i, j);
      out.push({
        kind: hasDigit ? 'num' : 'word',
        s: i,
        e: j,
        f: slot >= 0 ? WORD_FLAGS.key(slot) : f.slice(i, j),
        cap: (cls & CH_UPPER) !== 0,
        upper: j - i >= 2 && !lower && !hasDigit,
        nl,
        marked,
        w: slot >= 0 ? WORD_FLAGS.value(slot) : 0,
      });
      nl = false;
      i = j;
      continue;
    }
    out.push({ kind: 'punct', s: i, e: i + 1, f: f[i] as string, cap: false, upper: false, nl, marked: false, w: 0 });
    nl = false;
    i++;
  }
  return out;
}
