// One table probe per token instead of a Set lookup per lexicon per token: every word list
// the scanners test single tokens against registers a bit here at module load, and the
// tokeniser stores the combined bitmask of each token's folded text in `Token.w`.
import { charClass } from './normalize.ts';

/**
 * Open-addressing string → int table probed with a range of a larger string, so a lookup
 * needs no substring: the tokeniser and the cue lookup find words without allocating.
 */
export class WordTable {
  private keys: Array<string | undefined>;
  private vals: Int32Array;
  // Full hash per slot (0: empty): a probe rejects other words without touching their strings.
  private hashes: Uint32Array;
  private mask: number;
  private count = 0;

  constructor() {
    this.keys = new Array<string | undefined>(256).fill(undefined);
    this.vals = new Int32Array(256);
    this.hashes = new Uint32Array(256);
    this.mask = 255;
  }

  private static hash(text: string, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) >>> 0 || 1;
  }

  /** Slot of text[s, e) or -1. */
  find(text: string, s: number, e: number): number {
    const len = e - s;
    const hashes = this.hashes;
    const h = WordTable.hash(text, s, e);
    let slot = h & this.mask;
    for (;;) {
      const sh = hashes[slot] as number;
      if (sh === 0) return -1;
      if (sh === h) {
        const k = this.keys[slot] as string;
        if (k.length === len) {
          let i = 0;
          while (i < len && k.charCodeAt(i) === text.charCodeAt(s + i)) i++;
          if (i === len) return slot;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The stored key (an interned copy of the word) at a slot returned by find. */
  key(slot: number): string {
    return this.keys[slot] as string;
  }

  value(slot: number): number {
    return this.vals[slot] as number;
  }

  get(word: string): number | undefined {
    const slot = this.find(word, 0, word.length);
    return slot < 0 ? undefined : (this.vals[slot] as number);
  }

  set(word: string, value: number): void {
    const slot = this.find(word, 0, word.length);
    if (slot >= 0) {
      this.vals[slot] = value;
      return;
    }
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    this.insert(word, value);
  }

  private insert(word: string, value: number): void {
    const h = WordTable.hash(word, 0, word.length);
    let slot = h & this.mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
    this.keys[slot] = word;
    this.vals[slot] = value;
    this.hashes[slot] = h;
    this.count++;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const size = oldKeys.length * 2;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.vals = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    this.mask = size - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined) this.insert(k, oldVals[i] as number);
    }
  }
}

/** Every registered word → the bits of the lists that contain it. */
export const WORD_FLAGS = new WordTable();
let nextBit = 0;

/** Registers a word list and returns its bit; `(tok.w & bit) !== 0` then means `list.has(tok.f)`. */
export function wordFlag(words: Iterable<string>): number {
  if (nextBit > 30) throw new Error('wordFlag: more than 31 word lists');
  const bit = 1 << nextBit++;
  for (const w of words) {
    // Punctuation tokens get no lookup (w = 0), so no list may hold a lone punctuation mark.
    if (w.length === 1 && charClass(w.charCodeAt(0)) === 0) throw new Error(`wordFlag: punctuation entry ${w}`);
    WORD_FLAGS.set(w, (WORD_FLAGS.get(w) ?? 0) | bit);
  }
  return bit;
}
