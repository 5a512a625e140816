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

function hash(tag: number, s: string): number {
  let h = (0x811c9dc5 ^ tag) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 13)) & MASK;
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

/** True for the tokens the model scores: capitalised words. */
export function isCandidate(t: Token): boolean {
  if (t.kind !== 'word' || !t.cap || t.f.length < 2 || (t.w & F_EN_STOP) !== 0) return false;
  // Contractions ("I'm", "It's") open sentences, never names.
  return !(t.f.includes("'") && /'(?:m|s|re|ll|d|ve|t)$/.test(t.f));
}

/** Writes the hashed feature indices of token i into `out`; returns how many. */
export function tokenFeatures(toks: readonly Token[], i: number, out: Int32Array): number {
  const t = toks[i] as Token;
  const p1 = toks[i - 1];
  const p2 = toks[i - 2];
  const n1 = toks[i + 1];
  const n2 = toks[i + 2];
  const f = t.f;
  const start = !p1 || (p1.kind === 'punct' && (p1.f === '.' || p1.f === '!' || p1.f === '?' || p1.f === '\n' || p1.f === ':'));
  let k = 0;
  out[k++] = hash(1, '');
  out[k++] = hash(2, f);
  out[k++] = hash(3, f.slice(-3));
  out[k++] = hash(4, f.slice(-2));
  out[k++] = hash(5, f.slice(0, 3));
  out[k++] = hash(6, shape(t) + (t.marked ? 'm' : '') + Math.min(f.length, 9));
  out[k++] = hash(7, word(p1));
  out[k++] = hash(8, word(n1));
  out[k++] = hash(9, shape(p1) + '|' + shape(n1));
  out[k++] = hash(10, word(p2) + ' ' + word(p1));
  out[k++] = hash(11, word(n1) + ' ' + word(n2));
  out[k++] = hash(12, start ? 'S' : 'M');
  out[k++] = hash(13, String(flags(t)));
  out[k++] = hash(14, flags(p1) + '|' + flags(n1));
  out[k++] = hash(15, (start ? 'S' : 'M') + String(flags(t)) + shape(n1));
  out[k++] = hash(16, shape(p2) + shape(p1) + shape(t) + shape(n1) + shape(n2));
  out[k++] = hash(17, f.slice(-4));
  out[k++] = hash(18, (t.nl ? 'L' : '') + (n1?.nl || n1?.f === '\n' ? 'E' : ''));
  out[k++] = hash(19, word(p1) + '|' + f);
  return k;
}

/** Score of a token under `weights` (positive: part of a name). */
export function scoreToken(weights: Float32Array, toks: readonly Token[], i: number, buf: Int32Array): number {
  const n = tokenFeatures(toks, i, buf);
  let s = 0;
  for (let k = 0; k < n; k++) s += weights[buf[k] as number] as number;
  return s;
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

const BUF = new Int32Array(MAX_FEATURES);

/** Runs of adjacent capitalised tokens the model scores as a name. */
export function findModelNames(toks: readonly Token[], weights: Float32Array = personWeights(), threshold = 2): ModelName[] {
  const out: ModelName[] = [];
  let runStart = -1;
  for (let i = 0; i <= toks.length; i++) {
    const t = toks[i];
    const pos = t !== undefined && isCandidate(t) && scoreToken(weights, toks, i, BUF) > threshold;
    const joined = pos && runStart >= 0 && !(t as Token).nl && (t as Token).s - (toks[i - 1] as Token).e <= 1;
    if (pos && (runStart < 0 || joined)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) out.push({ startTok: runStart, endTok: i - 1 });
    runStart = pos ? i : -1;
  }
  return out;
}
