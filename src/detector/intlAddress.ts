// Address shapes outside Vietnam that the token walker does not build: UK letter-style
// addresses ending in a postcode, US street lines ending in ZIP or ZIP+4, US military
// addresses (PSC/Unit/CMR … APO/DPO/FPO), and European street-before-number addresses.
// Each may span several lines and is reported as one span. Every quantifier is bounded, so
// each regex stays linear in the text length.
import type { TextView } from './normalize.ts';
import type { Token } from './tokens.ts';
import { wordFlag } from './wordFlags.ts';

const CAP = "[A-ZÀ-ÞĀ-ſ][A-Za-zÀ-ÿĀ-ſ'’.-]{0,24}";
const SEP = '(?:,[ \\t]*\\n?[ \\t]*|[ \\t]*\\n[ \\t]*)';
const EN_TYPE = 'Street|St|Road|Rd|Lane|Ln|Close|Gardens|Crescent|Terrace|Avenue|Ave|Way|Drive|Dr|Place|Pl|Square|Sq|Court|Ct|Mews|Row|Grove|Parkway|Pkwy|Boulevard|Blvd|Highway|Hwy|Walk|Hill';
const UNIT = '(?:(?:Flat|Apartment|Apt|Suite|Ste|Unit|Room)[ \\t]+\\w{1,5}[ \\t]*,?[ \\t]*\\n?[ \\t]*)?';
// Street words: capitalised, or numbered ("W 6th Street").
const WORD = `(?:${CAP}|\\d{1,3}(?:st|nd|rd|th))`;
const LINE1 = `${UNIT}\\d{1,5}[A-Za-z]?[ \\t]+(?:${WORD}[ \\t]+){0,3}(?:${EN_TYPE})\\.?(?:[ \\t]*,?[ \\t]*(?:Apt|Suite|Ste|Unit|#)[ \\t]*\\w{1,5})?`;
// Before a UK postcode the street needs no type word ("148 The Paddocks"): the postcode is proof.
const UK_LINE1 = `${UNIT}\\d{1,5}[A-Za-z]?[ \\t]+(?:${CAP}[ \\t]+){0,3}(?:${EN_TYPE}|${CAP})\\.?`;
const UK_POSTCODE = '[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z]{2}(?![A-Za-z0-9])';
const UK_POSTCODE_RE = new RegExp(UK_POSTCODE);

const UK_RE = new RegExp(`${UK_LINE1}(?:${SEP}${CAP}(?:[ \\t]${CAP}){0,2}){0,2}(?:${SEP}|[ \\t]+)${UK_POSTCODE}`, 'g');
const US_RE = new RegExp(`${LINE1}${SEP}${CAP}(?:[ \\t]${CAP}){0,2},?[ \\t]+[A-Z]{2}[ \\t]+\\d{5}(?:-\\d{4})?(?![0-9])`, 'g');
const MIL_RE = /(?:(?:PSC|CMR|Unit)[ \t]+\d{1,5},?[ \t]*Box[ \t]+\d{1,5}|(?:USNS|USS|USCGC)[ \t]+[A-ZÀ-ÞĀ-ſ][A-Za-zÀ-ÿĀ-ſ]{1,20})(?:,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]+)(?:APO|DPO|FPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}(?:-\d{4})?/g;
// Street names that carry their type as a suffix ("Nørregade", "Storgatan", "Hauptstraße").
const EU_SUFFIX =
  "[A-ZÀ-ÞĀ-ſ][a-zß-ÿā-ſ'-]{1,24}(?:gade|vej|straße|strasse|str\\.|gatan|vägen|gränd|veien|gata|utca|ulica|weg|laan|straat|plein|gracht|allee|platz|katu|tie|stræde|torv|vegen)";
const EU_PREFIX = `(?:Calle|Carrer|Avenida|Av\\.|Rua|Via|Viale|Corso|Piazza|Rue|Boulevard|Plaza|Paseo|Ulica|ul\\.)[ \\t]+(?:(?:de|del|la|di|da|des|du|do)[ \\t]+){0,2}${CAP}(?:[ \\t]+${CAP}){0,2}`;
const EU_TAIL = `(?:${SEP}(?:[A-Z]{1,2}-)?\\d{3}[ \\t]?\\d{1,2}[ \\t]+${CAP}(?:[ \\t]${CAP}){0,1}|,[ \\t]+${CAP}(?:[ \\t]${CAP}){0,1}(?![ \\t]*\\d))?`;
const EU_RE = new RegExp(`(?:${EU_SUFFIX}|${EU_PREFIX})[ \\t]+\\d{1,4}[a-zA-Z]?(?![0-9])${EU_TAIL}`, 'g');
// Any capitalised street name before a number, when a postcode and town follow
// ("Rostovská 94, 88346 Mijas"): the postcode-and-town tail is what makes it an address.
const EU_POST = `(?:[A-Z]{1,2}-)?\\d{4,5}[ \\t]+${CAP}(?:[ \\t]${CAP}){0,1}`;
// Merchant words that also come before "number, number Word" ("Order 12, 30000 Dong").
const EU_ANY_NOT = '(?!(?:Order|Model|Invoice|Item|Items|Size|SKU|Code|Version|Page|Ref|Box|Room|Table|Lot|Batch|Pack|Qty|Total|No|Nr)[ \\t])';
const EU_ANY_RE = new RegExp(`(?<![\\p{L}\\d])${EU_ANY_NOT}${CAP}(?:[ \\t]+${CAP}){0,2}[ \\t]+\\d{1,4}[a-zA-Z]?,[ \\t]*${EU_POST}`, 'gu');

// Each shape needs words most messages lack: a street-type word (UK, US), APO/DPO/FPO
// (military), a street prefix or a street-suffixed word before a number (Europe). One pass
// over the tokens finds which shapes are possible; trying a regex at every position of
// every message costs more.
const lower = (alts: string): string[] => alts.split('|').map((w) => w.toLowerCase());
const F_EN_TYPE = wordFlag(lower(EN_TYPE));
const F_EU_PREFIX = wordFlag(lower('Calle|Carrer|Avenida|Av|Rua|Via|Viale|Corso|Piazza|Rue|Boulevard|Plaza|Paseo|Ulica|ul'));
// Folded like token text (diacritics off, lowercase): "vägen" → "vagen", "str." → "str".
const EU_SUFFIXES = 'gade|vej|straße|strasse|str|gatan|vagen|grand|veien|gata|utca|ulica|weg|laan|straat|plein|gracht|allee|platz|katu|tie|stræde|torv|vegen'.split('|');
// A type word glued to the unit that follows it ("StApt 4") is one token.
const GLUED_TYPE_RE = new RegExp(`^(?:${lower(EN_TYPE).join('|')})(?:apt|suite|ste|unit)`);

const MIL = 1;
const UK_US = 2;
const EU = 4;
const EU_POSTAL = 8;
const EU_TAIL_RE = /\d[a-zA-Z]?, ?(?:[A-Z]{1,2}-)?\d{4,5} [A-ZÀ-ÞĀ-ſ]/;

/** True when the token holds a letter the suffixed street name may start with ([A-ZÀ-ÞĀ-ſ]). */
function hasUpper(norm: string, t: Token): boolean {
  for (let i = t.s; i < t.e; i++) {
    const c = norm.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde) || (c >= 0x100 && c <= 0x17f)) return true;
  }
  return false;
}

function possibleShapes(norm: string, toks: readonly Token[]): number {
  let shapes = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.kind === 'punct') continue;
    // "StApt 4" and "StApt4" are single tokens (a word, a number).
    if (t.cap && t.f.length > 4 && (shapes & UK_US) === 0 && GLUED_TYPE_RE.test(t.f)) shapes |= UK_US;
    if (t.kind === 'word') {
      if (t.upper && (t.f === 'apo' || t.f === 'dpo' || t.f === 'fpo')) shapes |= MIL;
      if ((t.w & F_EN_TYPE) !== 0) shapes |= UK_US;
      if ((t.w & F_EU_PREFIX) !== 0) shapes |= EU;
    } else if (i > 0 && (shapes & EU) === 0) {
      const p = toks[i - 1] as Token;
      if (p.kind === 'word' && hasUpper(norm, p) && EU_SUFFIXES.some((x) => p.f.endsWith(x))) shapes |= EU;
      else if (p.kind === 'punct' && p.f === '.' && i > 1 && (toks[i - 2] as Token).f.endsWith('str')) shapes |= EU;
    }
  }
  // A UK postcode or a "number, postcode Town" tail opens the shapes that lean on them.
  if ((shapes & UK_US) === 0 && UK_POSTCODE_RE.test(norm)) shapes |= UK_US;
  if (EU_TAIL_RE.test(norm)) shapes |= EU_POSTAL;
  return shapes;
}

/**
 * [start, end) ranges of international addresses in the normalised view. With the view's
 * tokens, shapes whose words are absent are not tried.
 */
export function findIntlAddresses(view: TextView, toks?: readonly Token[]): Array<[number, number]> {
  const t = view.norm;
  const out: Array<[number, number]> = [];
  // Every shape needs a digit.
  if (!/[0-9]/.test(t)) return out;
  const shapes = toks ? possibleShapes(t, toks) : MIL | UK_US | EU;
  if (shapes === 0) return out;
  const run = (re: RegExp): void => {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) out.push([m.index, m.index + m[0].length]);
  };
  if (shapes & MIL) run(MIL_RE);
  if (shapes & UK_US) {
    run(UK_RE);
    run(US_RE);
  }
  if (shapes & EU) run(EU_RE);
  // The general European shape only where the specific one found nothing overlapping.
  if (shapes & EU_POSTAL) {
    const found = out.length;
    EU_ANY_RE.lastIndex = 0;
    for (let m = EU_ANY_RE.exec(t); m; m = EU_ANY_RE.exec(t)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!out.slice(0, found).some(([a, b]) => a < e && s < b)) out.push([s, e]);
    }
  }
  return out;
}
