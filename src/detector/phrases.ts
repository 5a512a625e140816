// Phrase lookup over the folded view: finds which listed phrase ends nearest before a
// position by walking words backwards and probing a Map, so cue lookups cost a few Map
// probes instead of a regular expression with hundreds of alternatives.
import { WordTable } from './wordFlags.ts';

export interface PhraseHit<K> {
  kind: K;
  /** Folded-view offset where the phrase starts. */
  start: number;
  /** Characters between the end of the phrase and the position asked about. */
  gap: number;
}

export interface PhraseTable<K> {
  map: Map<string, K>;
  maxWords: number;
  /** Last word of every phrase → the most words a phrase ending with it has. */
  last: WordTable;
  /** Every phrase → its index in `kinds`, probed with a range of the text (no key string built). */
  phrases: WordTable;
  kinds: K[];
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Normalises a phrase the way folded text is split: words of [a-z0-9] joined by one space. */
export function phraseKey(p: string): string {
  return p.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Builds a lookup table from phrase lists; later kinds do not override earlier ones. */
export function makePhraseTable<K extends string>(lists: ReadonlyArray<[K, readonly string[]]>): PhraseTable<K> {
  const map = new Map<string, K>();
  const last = new WordTable();
  const byText = new WordTable();
  const kinds: K[] = [];
  let maxWords = 1;
  for (const [kind, phrases] of lists) {
    for (const p of phrases) {
      const key = phraseKey(p);
      if (key === '' || map.has(key)) continue;
      map.set(key, kind);
      byText.set(key, kinds.length);
      kinds.push(kind);
      const words = key.split(' ');
      maxWords = Math.max(maxWords, words.length);
      const w = words[words.length - 1] as string;
      last.set(w, Math.max(last.get(w) ?? 0, words.length));
    }
  }
  return { map, maxWords, last, phrases: byText, kinds };
}

// Scratch buffer of word boundaries, reused across calls (the detector is synchronous).
const BOUNDS = new Int32Array(256);

/** The listed phrase ending nearest before `pos` (longest when several end at the same word). */
export function phraseBefore<K>(
  fold: string,
  pos: number,
  table: PhraseTable<K>,
  window: number,
  nearestOnly = false,
): PhraseHit<K> | null {
  // Collect word boundaries backwards: BOUNDS[2w] = start, BOUNDS[2w+1] = end, nearest first.
  const limit = nearestOnly ? table.maxWords : 64;
  const floor = Math.max(0, pos - window);
  let count = 0;
  let i = pos - 1;
  while (i >= floor && count < limit) {
    const c = fold.charCodeAt(i);
    if (c === 10) break;
    if (!isWordChar(c)) {
      i--;
      continue;
    }
    const e = i + 1;
    while (i >= floor && isWordChar(fold.charCodeAt(i))) i--;
    if (i < floor && i >= 0 && isWordChar(fold.charCodeAt(i))) break;
    BOUNDS[2 * count] = i + 1;
    BOUNDS[2 * count + 1] = e;
    count++;
    // Only the nearest word can end the phrase: when it ends none, stop scanning.
    if (nearestOnly && count === 1 && table.last.find(fold, i + 1, e) < 0) return null;
  }
  const last = nearestOnly ? Math.min(count, 1) : count;
  for (let k = 0; k < last; k++) {
    const end = BOUNDS[2 * k + 1] as number;
    // Only words that end some phrase can end a hit: one probe, no substring, rules out the rest.
    const slot = table.last.find(fold, BOUNDS[2 * k] as number, end);
    if (slot < 0) continue;
    const words = table.last.value(slot);
    let key = table.last.key(slot);
    // While the words are one space apart, the text range is the key itself: probe the range.
    let spaced = true;
    let best: PhraseHit<K> | null = null;
    for (let n = 0; n < words && k + n < count; n++) {
      const s = BOUNDS[2 * (k + n)] as number;
      let kind: K | undefined;
      if (n > 0) {
        const wordEnd = BOUNDS[2 * (k + n) + 1] as number;
        if (spaced && (wordEnd + 1 !== (BOUNDS[2 * (k + n - 1)] as number) || fold.charCodeAt(wordEnd) !== 32)) {
          spaced = false;
          // Fall back to the normalised key: the words so far, one space apart.
          key = '';
          for (let m = n - 1; m >= 0; m--) key += (m < n - 1 ? ' ' : '') + fold.slice(BOUNDS[2 * (k + m)] as number, BOUNDS[2 * (k + m) + 1] as number);
        }
        if (spaced) {
          const at = table.phrases.find(fold, s, end);
          kind = at < 0 ? undefined : table.kinds[table.phrases.value(at)];
        } else {
          key = fold.slice(s, wordEnd) + ' ' + key;
          kind = table.map.get(key);
        }
      } else kind = table.map.get(key);
      if (kind !== undefined) best = { kind, start: s, gap: pos - end };
    }
    if (best) return best;
  }
  return null;
}
