// Folded lookup sets built once at module load from the gazetteers in ./data.
import { BANK_NAMES } from './data/vnBanks.ts';
import { EN_FIRST_NAMES, EN_SURNAMES } from './data/enNames.ts';
import { VN_FAMILY_NAMES } from './data/vnFamilyNames.ts';
import { VN_GIVEN_NAMES } from './data/vnGivenNames.ts';
import { NON_PERSON_PHRASES, VN_DISTRICTS, VN_PROVINCES } from './data/vnPlaces.ts';
import { foldCode } from './normalize.ts';
import { wordFlag } from './wordFlags.ts';

/** Lowercases and strips diacritics, keeping the string length. */
export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCode(s.charCodeAt(i)));
  return out;
}

function foldSet(list: readonly string[]): Set<string> {
  return new Set(list.map((s) => foldString(s).replace(/[-.]/g, ' ').replace(/\s+/g, ' ').trim()));
}

export const VN_FAMILY = foldSet(VN_FAMILY_NAMES);
export const VN_GIVEN = foldSet(VN_GIVEN_NAMES);
export const EN_FIRST = foldSet(EN_FIRST_NAMES);
export const EN_LAST = foldSet(EN_SURNAMES);
export const NON_PERSON = foldSet(NON_PERSON_PHRASES);
export const PROVINCES = foldSet(VN_PROVINCES);
export const DISTRICTS = foldSet(VN_DISTRICTS);
export const BANKS = foldSet(BANK_NAMES);

// Token flags (Token.w) for the lists tested against single tokens.
export const F_VN_FAMILY = wordFlag(VN_FAMILY);
export const F_VN_GIVEN = wordFlag(VN_GIVEN);
export const F_EN_FIRST = wordFlag(EN_FIRST);
export const F_EN_LAST = wordFlag(EN_LAST);

/** Longest gazetteer phrase in words, so phrase lookups stay bounded. */
export const MAX_PLACE_WORDS = 5;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Alternation of all folded bank names, longest first, for use inside a regex. */
export const BANK_ALTERNATION = [...BANKS]
  .sort((a, b) => b.length - a.length)
  .map((b) => escapeRe(b).replace(/ /g, '\\s?'))
  .join('|');
