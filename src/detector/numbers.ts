// One linear scan collects "number chunks" (digit groups joined by single separators) from
// the normalised view; each chunk is then split into the longest runs that form a phone,
// card, ID, bank account or IP address, decided by shape plus the nearest context cue.
import { isCardNumber } from './card.ts';
import { bankAfter, cueBefore, currencyAfter, currencyBefore, type Cue } from './cues.ts';
import { isCccd, isLikelyCccd, isSsn } from './nationalId.ts';
import { isDigit, isLetterCode, type TextView } from './normalize.ts';
import { isCuedPhone, isNanp, isPlusNumber, isVnInternational, isVnLandline, isVnMobile } from './phone.ts';
import type { PiiType } from './types.ts';

interface Group {
  s: number;
  e: number;
  /** Separator text before this group ('' for the first). */
  sep: string;
}

export interface NumberHit {
  type: PiiType;
  start: number;
  end: number;
  score: number;
}

const MAX_DIGITS = 24;
// Letters directly glued before a number that still mean "phone" or "account" (sdt0912...).
const GLUED_CUES = /(?:sdt|dt|zalo|stk|tk|tel|phone|lh|so|sđt)$/;

function separatorAt(t: string, k: number): number {
  // Returns the separator length that joins two digit groups at k, or 0.
  const c = t.charCodeAt(k);
  const c1 = t.charCodeAt(k + 1);
  if (c === 32 || c === 46 || c === 45 || c === 0xa0) {
    if (isDigit(c1)) return 1;
    if (c === 32 && c1 === 40 && isDigit(t.charCodeAt(k + 2))) return 2; // "028 (3823"
    return 0;
  }
  if (c === 41) {
    if (isDigit(c1)) return 1;
    if ((c1 === 32 || c1 === 45) && isDigit(t.charCodeAt(k + 2))) return 2;
  }
  return 0;
}

type ChunkHandler = (groups: Group[], start: number, plus: boolean) => void;

/** Scans the normalised text and returns every typed number it can justify. */
export function scanNumbers(view: TextView): NumberHit[] {
  const hits: NumberHit[] = [];
  scanChunks(view, true, (groups, start, plus) => classifyChunk(view, groups, start, plus, hits));
  return hits;
}

/** Every Luhn-valid card number, whatever its context (used to keep cards out of storage). */
export function scanCards(view: TextView): NumberHit[] {
  const hits: NumberHit[] = [];
  scanChunks(view, false, (groups) => {
    const m = groups.length;
    // The chunk's digits once, with each group's offset in them: runs are then slices.
    let all = '';
    const off: number[] = [];
    for (const g of groups) {
      off.push(all.length);
      all += view.norm.slice(g.s, g.e);
    }
    off.push(all.length);
    let a = 0;
    while (a < m) {
      let best = -1;
      // Every scheme's numbers start with 2, 3, 4, 5, 6, 8 or 9.
      const first = all.charCodeAt(off[a]!);
      if (first !== 48 && first !== 49 && first !== 55) {
        for (let b = a; b < m; b++) {
          const len = off[b + 1]! - off[a]!;
          if (len > 19) break;
          if (len >= 12 && isCardNumber(all.slice(off[a]!, off[b + 1]!))) best = b;
        }
      }
      if (best >= 0) {
        hits.push({ type: 'CARD', start: groups[a]!.s, end: groups[best]!.e, score: 0.95 });
        a = best + 1;
      } else a++;
    }
  });
  return hits;
}

const DIGIT_RE = /[0-9]/g;

function scanChunks(view: TextView, strict: boolean, onChunk: ChunkHandler): void {
  const t = view.norm;
  const n = t.length;
  let i = 0;
  while (i < n) {
    // Jump to the next digit (test() with a global regex allocates no match object).
    DIGIT_RE.lastIndex = i;
    if (!DIGIT_RE.test(t)) break;
    i = DIGIT_RE.lastIndex - 1;
    let start = i;
    let plus = false;
    let p = i - 1;
    if (p >= 0 && t.charCodeAt(p) === 40) {
      start = p; // "(028)"
      p--;
    }
    if (p >= 0 && t.charCodeAt(p) === 43) {
      plus = true;
      start = p;
      p--;
      if (p >= 0 && t.charCodeAt(p) === 40) {
        start = p; // "(+84)"
        p--;
      }
    }
    const glued = p >= 0 && isLetterCode(t.charCodeAt(p));
    const afterDigitDot = p >= 1 && (t.charCodeAt(p) === 46 || t.charCodeAt(p) === 44) && isDigit(t.charCodeAt(p - 1));
    const groups: Group[] = [];
    let j = i;
    let digits = 0;
    let sep = '';
    for (;;) {
      let k = j;
      while (k < n && isDigit(t.charCodeAt(k))) k++;
      groups.push({ s: j, e: k, sep });
      digits += k - j;
      if (digits >= MAX_DIGITS) {
        j = k;
        break;
      }
      const sl = separatorAt(t, k);
      if (sl === 0) {
        j = k;
        break;
      }
      sep = t.slice(k, k + sl);
      j = k + sl;
    }
    const end = j;
    i = end;
    const next = end < n ? t.charCodeAt(end) : 0;
    const gluedAfter = isLetterCode(next) && !currencyAfter(view.fold, end);
    if (!strict) {
      onChunk(groups, groups[0]!.s, plus);
      continue;
    }
    if (afterDigitDot) continue;
    if (glued && !GLUED_CUES.test(view.fold.slice(Math.max(0, p - 5), p + 1))) continue;
    if (gluedAfter && !/^(?:ạ|a|nhé|nhe|nha|ne|nhá|ah)(?![A-Za-zÀ-ỹ])/.test(t.slice(end, end + 4))) {
      // "0960505829 92A Lê Lợi": the last group is a house number glued to its letter.
      if (groups.length > 1 && groups[groups.length - 1]!.sep === ' ') groups.pop();
      else continue;
    }
    if (digits > MAX_DIGITS) continue;
    onChunk(groups, start, plus);
  }
}

function classifyChunk(view: TextView, groups: Group[], chunkStart: number, plus: boolean, hits: NumberHit[]): void {
  const t = view.norm;
  const fold = view.fold;
  const m = groups.length;
  let digits = 0;
  for (const g of groups) digits += g.e - g.s;
  // Nothing we report has fewer than 6 digits, except an IPv4 address (4 dotted groups).
  if (digits < 4 || (digits < 6 && m !== 4)) return;
  if (m <= 3 && isDateGroups(t, groups, 0, m - 1)) return;
  // Prices ("1.250.000đ", "$1,299", "350k") and dotted amounts are never personal data.
  const last = groups[m - 1] as Group;
  if (currencyAfter(fold, last.e) || currencyBefore(fold, chunkStart)) return;
  if (m >= 3 && groups[0]!.e - groups[0]!.s <= 3 && !isIpv4(groups, t)) {
    let amount = true;
    for (let i = 1; i < m && amount; i++) amount = groups[i]!.sep === '.' && groups[i]!.e - groups[i]!.s === 3;
    if (amount) return;
  }
  const cue = cueBefore(fold, chunkStart);
  // Prefix counts of digits and single-digit groups, so classify's cheap gates cost O(1) per
  // run here: otherwise a chunk of one-digit groups ("1 1 1 …") costs runs × groups.
  const lenUpTo = new Int32Array(m + 1);
  const singlesUpTo = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) {
    const gl = groups[i]!.e - groups[i]!.s;
    lenUpTo[i + 1] = lenUpTo[i]! + gl;
    singlesUpTo[i + 1] = singlesUpTo[i]! + (gl === 1 ? 1 : 0);
  }
  let a = 0;
  while (a < m) {
    // No entity has more than 19 digits: only runs up to that length are candidates.
    let b = a;
    let len = groups[a]!.e - groups[a]!.s;
    while (b + 1 < m && len + (groups[b + 1]!.e - groups[b + 1]!.s) <= 19) {
      b++;
      len += groups[b]!.e - groups[b]!.s;
    }
    let found = false;
    for (; b >= a; b--) {
      const runLen = lenUpTo[b + 1]! - lenUpTo[a]!;
      const count = b - a + 1;
      if (runLen < 4 || (runLen < 6 && count !== 4) || (singlesUpTo[b + 1]! - singlesUpTo[a]! >= 2 && count !== 4)) continue;
      const s = a === 0 ? chunkStart : groups[a]!.s;
      const e = groups[b]!.e;
      const type = classify(view, groups, a, b, a === 0 && plus, a === 0 ? cue : null, s, e, b === m - 1, a === 0 && b === m - 1);
      if (type) {
        let end = e;
        if (t.charCodeAt(s) === 40 && t.charCodeAt(end) === 41) end++;
        hits.push({ type, start: s, end, score: 0.9 });
        a = b + 1;
        found = true;
        break;
      }
    }
    if (!found) a++;
  }
}

/** Decimal value of a group's digits (exact below 2^53, and far above any date part beyond). */
function groupValue(t: string, g: Group): number {
  let v = 0;
  for (let k = g.s; k < g.e; k++) v = v * 10 + (t.charCodeAt(k) - 48);
  return v;
}

/** True when groups a..b read as a day/month(/year) or year-month-day date. */
function isDateGroups(t: string, groups: readonly Group[], a: number, b: number): boolean {
  const count = b - a + 1;
  if (count < 2 || count > 3) return false;
  for (let i = a + 1; i <= b; i++) if (groups[i]!.sep === ' ') return false;
  const g0 = groups[a]!;
  const g1 = groups[a + 1]!;
  const s0 = g0.e - g0.s;
  const s1 = g1.e - g1.s;
  const x = groupValue(t, g0);
  const y = groupValue(t, g1);
  if (count === 3) {
    const g2 = groups[a + 2]!;
    const z = groupValue(t, g2);
    if (s0 === 4) return y >= 1 && y <= 12 && z >= 1 && z <= 31;
    if (g2.e - g2.s === 4) return x >= 1 && x <= 31 && y >= 1 && y <= 31 && s0 <= 2 && s1 <= 2;
    return false;
  }
  return s0 <= 2 && s1 <= 2 && x >= 1 && x <= 31 && y >= 1 && y <= 12;
}

function isIpv4(part: readonly Group[], t: string): boolean {
  if (part.length !== 4) return false;
  for (const g of part) {
    if (g.sep !== '' && g.sep !== '.') return false;
    const len = g.e - g.s;
    if (len < 1 || len > 3) return false;
    if (len > 1 && t.charCodeAt(g.s) === 48) return false;
    if (Number(t.slice(g.s, g.e)) > 255) return false;
  }
  return true;
}

function classify(
  view: TextView,
  groups: readonly Group[],
  a: number,
  b: number,
  plus: boolean,
  cue: Cue | null,
  s: number,
  e: number,
  atEnd: boolean,
  whole: boolean,
): PiiType | null {
  const t = view.norm;
  const fold = view.fold;
  const count = b - a + 1;
  // Cheap gates before any string is built: digit count and single-digit groups.
  let len0 = 0;
  let singles = 0;
  for (let i = a; i <= b; i++) {
    const g = groups[i]!;
    len0 += g.e - g.s;
    if (g.e - g.s === 1) singles++;
  }
  if (len0 > 19 || len0 < 4 || (len0 < 6 && count !== 4) || (singles >= 2 && count !== 4)) return null;
  let d = '';
  const sizes: number[] = [];
  let sepSpace = false;
  let sepDot = false;
  let sepDash = false;
  for (let i = a; i <= b; i++) {
    const g = groups[i]!;
    d += t.slice(g.s, g.e);
    sizes.push(g.e - g.s);
    if (i > a) {
      if (g.sep === ' ') sepSpace = true;
      else if (g.sep === '.') sepDot = true;
      else if (g.sep === '-') sepDash = true;
    }
  }
  const len = d.length;
  if (len < 4 || (len < 6 && count !== 4)) return null;
  const kind = cue?.kind ?? null;
  const near = cue !== null && cue.gap <= 14;

  if (atEnd && currencyAfter(fold, e)) return null;
  if (isDateGroups(t, groups, a, b)) return null;
  if (/^1[89]00/.test(d) && len <= 10 && !plus) return null; // business hotlines 1900/1800
  if (currencyBefore(fold, s)) return null;
  if (whole && isIpv4(groups, t)) {
    if (kind === 'version' && near) return null;
    if (t.charCodeAt(e) === 46 && isDigit(t.charCodeAt(e + 1))) return null;
    return 'IP_ADDRESS';
  }
  let tailThrees = sizes.length >= 3;
  for (let i = 1; i < sizes.length && tailThrees; i++) tailThrees = sizes[i] === 3;
  if (sepDot && tailThrees && !plus && !isVnMobile(d)) {
    return null; // 1.250.000 style amounts
  }
  if (near && (kind === 'order' || kind === 'tax' || kind === 'dob' || kind === 'version')) return null;
  if (len >= 13 && len <= 19 && !plus && !sepDot && isCardNumber(d)) {
    if (!(kind === 'bank' && near && len !== 16 && len !== 15)) return 'CARD';
  }
  if (near && kind === 'money' && cue!.gap <= 6) return null;
  // 12-digit cards (Maestro) collide with account and order numbers: only after a card cue.
  if (kind === 'card' && near && len === 12 && !plus && !sepDot && isCardNumber(d)) return 'CARD';
  if (kind === 'card' && near && len >= 13 && len <= 19) return null;
  const farBank = kind === 'bank' && cue!.gap > 16 && (isVnMobile(d) || isVnLandline(d));
  if (kind === 'bank' && !farBank && len >= 6 && len <= 19 && !plus) return 'BANK_ACCOUNT';
  if (kind === 'ssn' && len === 9) return 'NATIONAL_ID';
  if (kind === 'id' && (len === 9 || len === 12 || len === 8)) return 'NATIONAL_ID';
  if (isSsn(d, sizes) && (sepDash || sepSpace) && kind !== 'phone') return 'NATIONAL_ID';
  if (plus && isPlusNumber(d)) return 'PHONE';
  if (len >= 6 && len <= 19 && kind !== 'phone' && atEnd && bankAfter(fold, e)) return 'BANK_ACCOUNT';
  if (isVnMobile(d) || isVnLandline(d) || isVnInternational(d)) return 'PHONE';
  if (isNanp(d, sizes)) return 'PHONE';
  if (kind === 'phone' && isCuedPhone(d) && !(len === 12 && isCccd(d))) return 'PHONE';
  if (len === 12 && isLikelyCccd(d) && kind !== 'phone') return 'NATIONAL_ID';
  return null;
}
