// A linear model over token features that says whether a capitalised word is part of a
// person's name: shape, position in the sentence and line, neighbouring words and
// punctuation, character prefixes and suffixes, and gazetteer membership as one feature
// among many. Weights are hashed into a fixed table (model/person.json), trained by
// corpus/trainNames.ts (averaged perceptron, seeded); scoring is a sum of ~20 table reads.
import { readFileSync } from 'node:fs';
import { F_EN_FIRST, F_EN_LAST, F_VN_FAMILY, F_VN_GIVEN } from './lexicon.ts';
import { F_EN_STOP } from './names.ts';
import type { Token } from './tokens.ts';

export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;
export const MAX_FEATURES = 32;

// FNV-1a fed part by part: hashing the parts of a feature in sequence gives the same value
// as hashing their concatenation, so features are hashed without building any string.
const FNV_PRIME = 0x01000193;

function open(tag: number): number {
  return (0x811c9dc5 ^ tag) >>> 0;
}

function feed(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function feedCode(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** Feeds a small non-negative integer as its decimal digits (as String(n) would). */
function feedInt(h: number, n: number): number {
  if (n >= 10) h = feedInt(h, Math.floor(n / 10));
  return feedCode(h, 48 + (n % 10));
}

function close(h: number): number {
  return (h ^ (h >>> 13)) & MASK;
}

function hash(tag: number, s: string): number {
  return close(feed(open(tag), s));
}

function shape(t: Token | undefined): string {
  if (!t) return '_';
  if (t.kind === 'punct') return t.f === '\n' ? 'NL' : t.f;
  if (t.kind === 'num') return 'D';
  return t.upper ? 'XX' : t.cap ? 'Xx' : 'x';
}

function word(t: Token | undefined): string {
  if (!t) return '_';
  return t.kind === 'word' ? t.f : shape(t);
}

function flags(t: Token | undefined): number {
  if (!t || t.kind !== 'word') return 0;
  return ((t.w & F_VN_FAMILY) !== 0 ? 1 : 0) | ((t.w & F_VN_GIVEN) !== 0 ? 2 : 0) | ((t.w & F_EN_FIRST) !== 0 ? 4 : 0) |
    ((t.w & F_EN_LAST) !== 0 ? 8 : 0) | ((t.w & F_EN_STOP) !== 0 ? 16 : 0);
}

const CONTRACTION_RE = /'(?:m|s|re|ll|d|ve|t)$/;

/** True for the tokens the model scores: capitalised words. */
export function isCandidate(t: Token): boolean {
  if (t.kind !== 'word' || !t.cap || t.f.length < 2 || (t.w & F_EN_STOP) !== 0) return false;
  // Contractions ("I'm", "It's") open sentences, never names.
  return !(t.f.includes("'") && CONTRACTION_RE.test(t.f));
}

const H_BIAS = hash(1, '');
const H_START = hash(12, 'S');
const H_MID = hash(12, 'M');
const CODE_BAR = 124;
const CODE_SPACE = 32;

/** Writes the hashed feature indices of token i into `out`; returns how many. */
export function tokenFeatures(toks: readonly Token[], i: number, out: Int32Array): number {
  const t = toks[i] as Token;
  const p1 = toks[i - 1];
  const p2 = toks[i - 2];
  const n1 = toks[i + 1];
  const n2 = toks[i + 2];
  const f = t.f;
  const len = f.length;
  const start = !p1 || (p1.kind === 'punct' && (p1.f === '.' || p1.f === '!' || p1.f === '?' || p1.f === '\n' || p1.f === ':'));
  const st = shape(t);
  const sp1 = shape(p1);
  const sn1 = shape(n1);
  const wp1 = word(p1);
  const wn1 = word(n1);
  const ft = flags(t);
  let k = 0;
  out[k++] = H_BIAS;
  out[k++] = close(feed(open(2), f));
  out[k++] = close(feed(open(3), f, Math.max(0, len - 3)));
  out[k++] = close(feed(open(4), f, Math.max(0, len - 2)));
  out[k++] = close(feed(open(5), f, 0, Math.min(len, 3)));
  let h = feed(open(6), st);
  if (t.marked) h = feedCode(h, 109); // 'm'
  out[k++] = close(feedInt(h, Math.min(len, 9)));
  out[k++] = close(feed(open(7), wp1));
  out[k++] = close(feed(open(8), wn1));
  out[k++] = close(feed(feedCode(feed(open(9), sp1), CODE_BAR), sn1));
  out[k++] = close(feed(feedCode(feed(open(10), word(p2)), CODE_SPACE), wp1));
  out[k++] = close(feed(feedCode(feed(open(11), wn1), CODE_SPACE), word(n2)));
  out[k++] = start ? H_START : H_MID;
  out[k++] = close(feedInt(open(13), ft));
  out[k++] = close(feedInt(feedCode(feedInt(open(14), flags(p1)), CODE_BAR), flags(n1)));
  out[k++] = close(feed(feedInt(feedCode(open(15), start ? 83 : 77), ft), sn1)); // 'S' / 'M'
  out[k++] = close(feed(feed(feed(feed(feed(open(16), shape(p2)), sp1), st), sn1), shape(n2)));
  out[k++] = close(feed(open(17), f, Math.max(0, len - 4)));
  h = open(18);
  if (t.nl) h = feedCode(h, 76); // 'L'
  if (n1?.nl || n1?.f === '\n') h = feedCode(h, 69); // 'E'
  out[k++] = close(h);
  out[k++] = close(feed(feedCode(feed(open(19), wp1), CODE_BAR), f));
  return k;
}

/** Sum of the weights of token i's features that depend on the word alone (bias, affixes, shape, lists). */
function wordScore(weights: Float32Array, t: Token): number {
  const f = t.f;
  const len = f.length;
  let h = feed(open(6), shape(t));
  if (t.marked) h = feedCode(h, 109);
  return (
    (weights[H_BIAS] as number) +
    (weights[close(feed(open(2), f))] as number) +
    (weights[close(feed(open(3), f, Math.max(0, len - 3)))] as number) +
    (weights[close(feed(open(4), f, Math.max(0, len - 2)))] as number) +
    (weights[close(feed(open(5), f, 0, Math.min(len, 3)))] as number) +
    (weights[close(feedInt(h, Math.min(len, 9)))] as number) +
    (weights[close(feedInt(open(13), flags(t)))] as number) +
    (weights[close(feed(open(17), f, Math.max(0, len - 4)))] as number)
  );
}

/** Sum of the weights of token i's features that depend on its neighbours. */
function contextScore(weights: Float32Array, toks: readonly Token[], i: number): number {
  const t = toks[i] as Token;
  const p1 = toks[i - 1];
  const p2 = toks[i - 2];
  const n1 = toks[i + 1];
  const n2 = toks[i + 2];
  const start = !p1 || (p1.kind === 'punct' && (p1.f === '.' || p1.f === '!' || p1.f === '?' || p1.f === '\n' || p1.f === ':'));
  const sp1 = shape(p1);
  const sn1 = shape(n1);
  const wp1 = word(p1);
  const wn1 = word(n1);
  let h = open(18);
  if (t.nl) h = feedCode(h, 76);
  if (n1?.nl || n1?.f === '\n') h = feedCode(h, 69);
  return (
    (weights[close(feed(open(7), wp1))] as number) +
    (weights[close(feed(open(8), wn1))] as number) +
    (weights[close(feed(feedCode(feed(open(9), sp1), CODE_BAR), sn1))] as number) +
    (weights[close(feed(feedCode(feed(open(10), word(p2)), CODE_SPACE), wp1))] as number) +
    (weights[close(feed(feedCode(feed(open(11), wn1), CODE_SPACE), word(n2)))] as number) +
    (weights[start ? H_START : H_MID] as number) +
    (weights[close(feedInt(feedCode(feedInt(open(14), flags(p1)), CODE_BAR), flags(n1)))] as number) +
    (weights[close(feed(feedInt(feedCode(open(15), start ? 83 : 77), flags(t)), sn1))] as number) +
    (weights[close(feed(feed(feed(feed(feed(open(16), shape(p2)), sp1), shape(t)), sn1), shape(n2)))] as number) +
    (weights[close(h)] as number) +
    (weights[close(feed(feedCode(feed(open(19), wp1), CODE_BAR), t.f))] as number)
  );
}

// Word-only score parts per distinct word (four slots: Xx/XX × unmarked/marked), for the
// weights they were computed with; emptied when full, so memory stays bounded.
const WORD_CACHE = new Map<string, Float64Array>();
const WORD_CACHE_MAX = 16384;
let cacheOwner: Float32Array | null = null;

function cachedWordScore(weights: Float32Array, t: Token): number {
  if (cacheOwner !== weights || WORD_CACHE.size >= WORD_CACHE_MAX) {
    WORD_CACHE.clear();
    cacheOwner = weights;
  }
  let slots = WORD_CACHE.get(t.f);
  if (!slots) {
    slots = new Float64Array(4).fill(NaN);
    WORD_CACHE.set(t.f, slots);
  }
  const k = (t.upper ? 2 : 0) + (t.marked ? 1 : 0);
  let v = slots[k] as number;
  if (Number.isNaN(v)) {
    v = wordScore(weights, t);
    slots[k] = v;
  }
  return v;
}

/** Score of a candidate token under `weights` (positive: part of a name); the sum over tokenFeatures. */
export function scoreToken(weights: Float32Array, toks: readonly Token[], i: number): number {
  return cachedWordScore(weights, toks[i] as Token) + contextScore(weights, toks, i);
}

/** Decodes the shipped weights file (sparse: index and int16 value, with a scale). */
export function decodeWeights(json: string): Float32Array {
  const m = JSON.parse(json) as { bits: number; scale: number; idx: string; val: string };
  const w = new Float32Array(1 << m.bits);
  const idx = new Int32Array(new Uint8Array(Buffer.from(m.idx, 'base64')).buffer);
  const val = new Int16Array(new Uint8Array(Buffer.from(m.val, 'base64')).buffer);
  for (let k = 0; k < idx.length; k++) w[idx[k] as number] = (val[k] as number) / m.scale;
  return w;
}

/** Encodes weights sparsely, dropping those too small to change a decision. */
export function encodeWeights(w: Float32Array, prune: number): string {
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max === 0 ? 1 : 32767 / max;
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < w.length; i++) {
    if (Math.abs(w[i] as number) < prune) continue;
    idx.push(i);
    val.push(Math.round((w[i] as number) * scale));
  }
  const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return JSON.stringify({ bits: FEATURE_BITS, scale, idx: b64(new Int32Array(idx)), val: b64(new Int16Array(val)) });
}

let shipped: Float32Array | null = null;

/** The shipped person-name weights (empty when the file is absent, e.g. before training). */
export function personWeights(): Float32Array {
  if (shipped) return shipped;
  try {
    shipped = decodeWeights(readFileSync(new URL('./model/person.json', import.meta.url), 'utf8'));
  } catch {
    shipped = new Float32Array(1 << FEATURE_BITS);
  }
  return shipped;
}

export interface ModelName {
  startTok: number;
  endTok: number;
}

/** A middle initial ("Agrippa R Bober"): one capital letter, joined into a run between two name words. */
function isInitial(t: Token): boolean {
  return t.kind === 'word' && t.cap && t.e - t.s === 1;
}

/** True when token i directly follows token i-1 on the same line and both may be in a run. */
function joinsPrevious(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  const p = toks[i - 1];
  return t !== undefined && p !== undefined && !t.nl && t.s - p.e <= 1 && (isCandidate(t) || isInitial(t)) && (isCandidate(p) || isInitial(p));
}

/**
 * Runs of two or more adjacent capitalised tokens the model scores as a name. A candidate is
 * scored only when it could be in such a run: the next candidate joins it, or it joins a
 * positive previous one. Any other candidate could only make a one-word run.
 */
export function findModelNames(toks: readonly Token[], weights: Float32Array = personWeights(), threshold = 2): ModelName[] {
  const out: ModelName[] = [];
  let runStart = -1;
  let prevPos = false;
  for (let i = 0; i <= toks.length; i++) {
    const t = toks[i];
    let pos: boolean;
    if (t !== undefined && isInitial(t)) {
      // Inside a run only: after a name word and before one.
      pos = prevPos && joinsPrevious(toks, i) && joinsPrevious(toks, i + 1) && isCandidate(toks[i + 1] as Token) && scoreToken(weights, toks, i + 1) > threshold;
    } else {
      pos = t !== undefined && isCandidate(t) && ((prevPos && joinsPrevious(toks, i)) || joinsPrevious(toks, i + 1)) && scoreToken(weights, toks, i) > threshold;
    }
    prevPos = pos;
    const joined = pos && runStart >= 0 && !(t as Token).nl && (t as Token).s - (toks[i - 1] as Token).e <= 1;
    if (pos && (runStart < 0 || joined)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0 && i - 1 > runStart) out.push({ startTok: runStart, endTok: i - 1 });
    runStart = pos ? i : -1;
  }
  return out;
}
