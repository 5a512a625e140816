// Name, street and city pools of many origins, taken from @faker-js/faker's locale data (MIT;
// faker's per-locale person and location lists), split by a stable hash into two halves:
// `train` feeds the name model's training data, `dev` feeds the development corpus. A value
// any of the detector's lists holds never goes to `dev`, so the corpus measures generalisation.
import { allLocales } from '@faker-js/faker';
import { foldString } from '../src/detector/lexicon.ts';
import { isListed } from './detectorLists.ts';

export type Half = 'train' | 'dev';

// Locales whose names are written in Latin script (what an English chat would carry).
const LATIN_LOCALES = [
  'en', 'en_AU', 'en_GH', 'en_IN', 'en_NG', 'en_ZA', 'yo_NG', 'zu_ZA', 'af_ZA', 'de', 'de_CH', 'fr', 'fr_CH', 'fr_SN', 'es', 'es_MX',
  'it', 'pt_BR', 'pt_PT', 'nl', 'nl_BE', 'da', 'sv', 'nb_NO', 'fi', 'hu', 'pl', 'cs_CZ', 'sk', 'sl_SI', 'hr', 'sr_RS_latin', 'ro',
  'tr', 'id_ID', 'lv', 'az', 'uz_UZ_latin', 'ku_kmr_latin', 'eo',
] as const;

const LATIN_RE = /^[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ'’-]{1,18}$/u;

/** FNV-1a over the folded value: the same value always lands in the same half. */
export function halfOf(value: string): Half {
  const f = foldString(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < f.length; i++) h = Math.imul(h ^ f.charCodeAt(i), 0x01000193) >>> 0;
  return (h & 1) === 0 ? 'train' : 'dev';
}

function flat(x: unknown): string[] {
  if (!x) return [];
  if (Array.isArray(x)) return x.filter((s): s is string => typeof s === 'string');
  if (typeof x === 'object') return Object.values(x as Record<string, unknown>).flatMap(flat);
  return [];
}

interface LocaleData {
  person?: { first_name?: unknown; last_name?: unknown };
  location?: { street_name?: unknown; city_name?: unknown; state_abbr?: unknown };
}

const locale = (loc: string): LocaleData | undefined => (allLocales as unknown as Record<string, LocaleData>)[loc];

function collect(field: 'first_name' | 'last_name'): string[] {
  const out = new Set<string>();
  for (const loc of LATIN_LOCALES) {
    const d = locale(loc);
    for (const v of flat(d?.person?.[field])) for (const part of v.split(' ')) if (LATIN_RE.test(part) && !part.endsWith('.')) out.add(part);
  }
  return [...out].sort();
}

function split(values: readonly string[], half: Half): string[] {
  // A hyphenated name is listed when any part is ("Hans-Ulrich").
  return values.filter((v) => halfOf(v) === half && (half === 'train' || !v.split('-').some(isListed)));
}

const FIRST = collect('first_name');
const LAST = collect('last_name');

/** First names of many origins in one half. */
export const firstNames = (half: Half): string[] => split(FIRST, half);
/** Family names of many origins in one half. */
export const lastNames = (half: Half): string[] => split(LAST, half);

/** Street names of European locales (street before number: "Nørregade 7", "Calle Mayor 12"). */
export function europeanStreets(half: Half): string[] {
  const out = new Set<string>();
  for (const loc of ['de', 'da', 'nb_NO', 'sv', 'hu', 'pl', 'cs_CZ', 'sk', 'hr', 'nl', 'it', 'es', 'fi']) {
    const d = locale(loc);
    for (const v of flat(d?.location?.street_name)) if (v.length <= 30 && !/\d/.test(v)) out.add(v);
  }
  return split([...out].sort(), half);
}

/** City names of European locales, split the same way. */
export function europeanCities(half: Half): string[] {
  const out = new Set<string>();
  for (const loc of ['de', 'da', 'nb_NO', 'sv', 'hu', 'pl', 'nl', 'it', 'es', 'fr', 'fi']) {
    const d = locale(loc);
    for (const v of flat(d?.location?.city_name)) if (v.length <= 24 && !/[\d{]/.test(v)) out.add(v);
  }
  return split([...out].sort(), half);
}

/** Full English street names ("Abbey Road", "5th Avenue") of the US and UK locales. */
export function englishStreets(half: Half, loc: 'en' | 'en_GB'): string[] {
  return split([...new Set(flat(locale(loc)?.location?.street_name))].filter((v) => v.length <= 30).sort(), half);
}

/** US city names. */
export function usCities(half: Half): string[] {
  return split([...new Set(flat(locale('en')?.location?.city_name))].filter((v) => v.length <= 24 && LATIN_RE.test(v.replace(/[ -]/g, ''))).sort(), half);
}

/** US state codes (a closed set), without the few that read as a listed word ("LA", "MA"). */
export const usStates = (): string[] => flat(locale('en')?.location?.state_abbr).filter((v) => !isListed(v));
