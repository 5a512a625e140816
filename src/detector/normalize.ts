// Detectors work on two parallel views of the input so that zero-width characters,
// full-width digits and diacritics never hide an entity, while every span still points
// into the original string.

/** The views the detectors scan, plus the map back to original offsets. */
export interface TextView {
  /** Original text. */
  readonly text: string;
  /** Text with ignorable characters removed and full-width ASCII mapped to ASCII. */
  readonly norm: string;
  /** `norm` lowercased with Vietnamese diacritics stripped; same length as `norm`. */
  readonly fold: string;
  /** norm index → original index, or null when `norm === text`. */
  readonly toOrig: Int32Array | null;
}

const FOLD_LIMIT = 0x2000;
const FOLD_TABLE = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(FOLD_LIMIT);
  for (let c = 0; c < FOLD_LIMIT; c++) {
    const ch = String.fromCharCode(c);
    let out = c;
    if (c === 0x0110 || c === 0x0111) {
      out = 0x64; // Đ đ → d
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out = c;
    } else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      if (base.length === 1) out = base.charCodeAt(0);
      else {
        const lower = ch.toLowerCase();
        if (lower.length === 1) out = lower.charCodeAt(0);
      }
    }
    table[c] = out;
  }
  return table;
}

/** True for characters that never carry meaning inside an entity (zero-width, bidi, combining). */
export function isIgnorable(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    c === 0x00ad ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff
  );
}

function needsNorm(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad) continue;
    if (isIgnorable(c) || (c >= 0xff01 && c <= 0xff5e) || c === 0x3000) return true;
  }
  return false;
}

/** Folds one character code: lowercase, diacritics stripped, đ → d. */
export function foldCode(c: number): number {
  return c < FOLD_LIMIT ? (FOLD_TABLE[c] as number) : c;
}

function decodeCodes(codes: Uint16Array, len: number): string {
  return Buffer.from(codes.buffer, codes.byteOffset, len * 2).toString('utf16le');
}

// TextDecoder is the fastest way back to a string, but it replaces lone surrogates, so text
// with any surrogate goes through Buffer, which keeps every code unit.
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
let scratch = new Uint16Array(1024);

/** The folded view of `norm`: each code unit mapped through foldCode, same length. */
function foldText(norm: string): string {
  const n = norm.length;
  let i = 0;
  while (i < n && norm.charCodeAt(i) < 128) i++;
  // Plain ASCII folds exactly as toLowerCase does.
  if (i === n) return norm.toLowerCase();
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, 2 * scratch.length));
  const codes = scratch;
  let surrogate = false;
  for (let k = 0; k < n; k++) {
    const c = norm.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdfff) surrogate = true;
    codes[k] = c < FOLD_LIMIT ? (FOLD_TABLE[c] as number) : c;
  }
  return surrogate ? decodeCodes(codes, n) : UTF16.decode(codes.subarray(0, n));
}

/** Builds the normalised and folded views of `text`. */
export function makeView(text: string): TextView {
  let norm = text;
  let toOrig: Int32Array | null = null;
  let first = 0;
  while (first < text.length && text.charCodeAt(first) < 0xad) first++;
  if (first < text.length && needsNorm(text, first)) {
    const codes = new Uint16Array(text.length);
    toOrig = new Int32Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (isIgnorable(c)) continue;
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      else if (c === 0x3000) c = 0x20;
      codes[n] = c;
      toOrig[n] = i;
      n++;
    }
    norm = decodeCodes(codes, n);
    toOrig = toOrig.subarray(0, n);
  }
  return { text, norm, fold: foldText(norm), toOrig };
}

/** Maps a [start, end) range of the normalised view back onto the original text. */
export function toOriginal(view: TextView, start: number, end: number): [number, number] {
  const map = view.toOrig;
  if (!map) return [start, end];
  if (end <= start) return [map[start] ?? view.text.length, map[start] ?? view.text.length];
  const s = map[start] as number;
  let e = (map[end - 1] as number) + 1;
  // Keep combining marks that belong to the last character inside the span.
  while (e < view.text.length) {
    const c = view.text.charCodeAt(e);
    if (c >= 0x0300 && c <= 0x036f) e++;
    else break;
  }
  return [s, e];
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letter or digit in the folded view (Latin, Vietnamese and other BMP letters). */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x52f);
}

export function isLetterCode(c: number): boolean {
  return isWordCode(c) && !(c >= 48 && c <= 57) && c !== 95;
}

const UPPER_TABLE = buildUpperTable();

function buildUpperTable(): Uint8Array {
  const t = new Uint8Array(FOLD_LIMIT);
  for (let c = 0; c < FOLD_LIMIT; c++) {
    if (c >= 0xd800) continue;
    const ch = String.fromCharCode(c);
    t[c] = ch !== ch.toLowerCase() ? 1 : 0;
  }
  return t;
}

// Character classes below FOLD_LIMIT, for the tokeniser's inner loops (no letter, digit or
// uppercase letter lies at or above it, see isWordCode).
export const CH_LETTER = 1;
export const CH_DIGIT = 2;
export const CH_UPPER = 4;
const CLASS_TABLE = buildClassTable();

function buildClassTable(): Uint8Array {
  const t = new Uint8Array(FOLD_LIMIT);
  for (let c = 0; c < FOLD_LIMIT; c++) {
    let k = 0;
    if (isLetterCode(c)) k |= isUpperCode(c) ? CH_LETTER | CH_UPPER : CH_LETTER;
    if (isDigit(c)) k |= CH_DIGIT;
    t[c] = k;
  }
  return t;
}

/** CH_LETTER | CH_DIGIT | CH_UPPER (uppercase letters only) bits of a character; 0 when neither. */
export function charClass(c: number): number {
  return c < FOLD_LIMIT ? (CLASS_TABLE[c] as number) : 0;
}

/** True when the character is an uppercase letter (checked on the normalised view). */
export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  if (c < FOLD_LIMIT) return UPPER_TABLE[c] === 1;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}
