// The personal-data detector: a pure function from text to typed spans. Each type has its
// own scanner over a normalised view of the text; overlaps are resolved by type priority
// and every span is mapped back to offsets in the original string.
import { findAddresses } from './address.ts';
import { luhnValid } from './card.ts';
import { cueBefore } from './cues.ts';
import { findBirthDates } from './dates.ts';
import { findEmails } from './email.ts';
import { findIbans } from './iban.ts';
import { findIntlAddresses } from './intlAddress.ts';
import { findIpv6 } from './ipv6.ts';
import { findModelNames, personWeights, scoreToken } from './nameModel.ts';
import { findNameLists, findNames, isNonPerson } from './names.ts';
import { findPassportCandidates } from './nationalId.ts';
import { makeView, toOriginal, type TextView } from './normalize.ts';
import { scanCards, scanNumbers } from './numbers.ts';
import { findSensitive } from './sensitive.ts';
import { tokenize, type Token } from './tokens.ts';
import type { Lang, PiiType, Span } from './types.ts';

export type { Lang, PiiType, SensitiveCategory, Span } from './types.ts';
export { PII_TYPES } from './types.ts';
export { luhnValid };

export interface DetectOptions {
  lang?: Lang;
}

// Higher wins when two spans overlap.
const PRIORITY: Record<PiiType, number> = {
  EMAIL: 10,
  CARD: 9,
  IP_ADDRESS: 9,
  NATIONAL_ID: 8,
  BANK_ACCOUNT: 8,
  PHONE: 8,
  DATE_OF_BIRTH: 7,
  ADDRESS: 6,
  SENSITIVE: 5,
  PERSON: 4,
};

function tokenRange(toks: readonly Token[], a: number, b: number): [number, number] {
  return [(toks[a] as Token).s, (toks[b] as Token).e];
}

/** Turns the tokens overlapping `spans` into '|' punctuation, in place (the array is fresh). */
function blockTokens(toks: Token[], spans: readonly Span[]): Token[] {
  if (spans.length === 0) return toks;
  const sorted = spans.length === 1 ? spans : [...spans].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const t of toks) {
    while (k < sorted.length && (sorted[k] as Span).end <= t.s) k++;
    const sp = sorted[k];
    if (sp && sp.start < t.e && t.s < sp.end) {
      t.kind = 'punct';
      t.f = '|';
      t.w = 0;
    }
  }
  return toks;
}

/** Removes phone, id and account spans lying inside one of `ranges`; sorts, then binary-searches, so many addresses stay linear. */
function dropInside(raw: Span[], ranges: ReadonlyArray<[number, number]>): Span[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let max = -1;
  const maxEnd = sorted.map(([, e]) => (max = Math.max(max, e)));
  const inside = (r: Span): boolean => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as [number, number])[0] <= r.start) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && (maxEnd[hi] as number) >= r.end;
  };
  return raw.filter((r) => !((r.type === 'PHONE' || r.type === 'NATIONAL_ID' || r.type === 'BANK_ACCOUNT') && inside(r)));
}

function pushSpan(raw: Span[], type: PiiType, s: number, e: number, score: number): void {
  if (e > s) raw.push({ type, start: s, end: e, score });
}

function collect(view: TextView, lang: Lang | undefined): Span[] {
  const raw: Span[] = [];
  const toks = tokenize(view);
  for (const [s, e] of findEmails(view)) pushSpan(raw, 'EMAIL', s, e, 0.99);
  for (const [s, e] of findIpv6(view)) pushSpan(raw, 'IP_ADDRESS', s, e, 0.95);
  for (const [s, e] of findIbans(view)) pushSpan(raw, 'BANK_ACCOUNT', s, e, 0.95);
  for (const h of scanNumbers(view)) pushSpan(raw, h.type, h.start, h.end, h.score);
  for (const [s, e] of findPassportCandidates(view.norm)) {
    const cue = cueBefore(view.fold, s);
    if (cue && cue.kind === 'id' && cue.gap <= 20) pushSpan(raw, 'NATIONAL_ID', s, e, 0.85);
  }
  for (const [s, e] of findBirthDates(view)) pushSpan(raw, 'DATE_OF_BIRTH', s, e, 0.9);
  // Whole international addresses outrank the postcode or house number read as a phone or id.
  const intl = findIntlAddresses(view, toks);
  if (intl.length > 0) {
    const kept = dropInside(raw, intl);
    raw.length = 0;
    raw.push(...kept);
    for (const [s, e] of intl) pushSpan(raw, 'ADDRESS', s, e, 0.85);
  }
  // Tokens inside numbers, e-mails and IPs must not start or extend a name or address.
  blockTokens(toks, raw);
  for (const [a, b] of findAddresses(toks, view.fold, view.norm)) {
    const [s, e] = tokenRange(toks, a, b);
    pushSpan(raw, 'ADDRESS', s, e, 0.8);
  }
  const names = findNames(toks, view.fold, view.norm, lang);
  // Names no rule or list knows ("Ilona K Varga"): the token model's runs of two or more words.
  // Single words stay with the rules: alone, a capitalised word is too often a product or opener.
  for (const h of findModelNames(toks)) if (!isNonPerson(toks, h.startTok, h.endTok)) names.push({ ...h, score: 0.65 });
  const weights = personWeights();
  const isPerson = (i: number): boolean => names.some((h) => h.startTok <= i && i <= h.endTok);
  names.push(...findNameLists(toks, isPerson, (i) => scoreToken(weights, toks, i)));
  for (const h of names) {
    const [s, e] = tokenRange(toks, h.startTok, h.endTok);
    pushSpan(raw, 'PERSON', s, e, h.score);
  }
  for (const h of findSensitive(view, toks)) if (h.end > h.start) raw.push({ type: 'SENSITIVE', start: h.start, end: h.end, score: 0.75, category: h.category });
  return raw;
}

function resolveCluster(cluster: Span[], out: Span[]): void {
  if (cluster.length === 1) {
    out.push(cluster[0] as Span);
    return;
  }
  cluster.sort((x, y) => PRIORITY[y.type] - PRIORITY[x.type] || x.start - y.start || y.end - x.end);
  const kept: Span[] = [];
  for (const s of cluster) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  out.push(...kept.sort((x, y) => x.start - y.start));
}

/** Drops the lower-priority span of every overlapping pair; linear after the sort. */
function resolve(raw: Span[]): Span[] {
  raw.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: Span[] = [];
  let cluster: Span[] = [];
  let clusterEnd = -1;
  for (const s of raw) {
    if (cluster.length > 0 && s.start >= clusterEnd) {
      resolveCluster(cluster, out);
      cluster = [];
    }
    cluster.push(s);
    clusterEnd = Math.max(clusterEnd, s.end);
  }
  if (cluster.length > 0) resolveCluster(cluster, out);
  return out;
}

function toOriginalSpans(view: TextView, spans: Span[]): Span[] {
  return spans.map((s) => {
    const [start, end] = toOriginal(view, s.start, s.end);
    return s.category ? { type: s.type, start, end, score: s.score, category: s.category } : { type: s.type, start, end, score: s.score };
  });
}

/** Finds personal data in `text`; offsets index the original string. */
export function detect(text: string, opts: DetectOptions = {}): Span[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const view = makeView(text);
  return toOriginalSpans(view, resolve(collect(view, opts.lang)));
}

/** Every Luhn-valid payment card number in `text`, whatever its context. */
export function findCards(text: string): Span[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const view = makeView(text);
  return toOriginalSpans(
    view,
    scanCards(view).map((h) => ({ type: 'CARD' as const, start: h.start, end: h.end, score: h.score })),
  );
}

function isAnyDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Replaces the digits of every card number with '•' except the last four; length is kept. */
export function maskCards(text: string): string {
  const spans = findCards(text);
  if (spans.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const s of spans) {
    let total = 0;
    for (let i = s.start; i < s.end; i++) if (isAnyDigit(text.charCodeAt(i))) total++;
    let seen = 0;
    out += text.slice(pos, s.start);
    for (let i = s.start; i < s.end; i++) {
      const c = text.charCodeAt(i);
      if (isAnyDigit(c)) {
        seen++;
        out += seen <= total - 4 ? '•' : text[i];
      } else out += text[i];
    }
    pos = s.end;
  }
  return out + text.slice(pos);
}
