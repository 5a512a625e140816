// Shapes of telephone numbers: Vietnamese mobiles and landlines, NANP, and E.164 (validated
// against each region's numbering plan by libphonenumber-js's full metadata).
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

// Every country calling code the metadata knows (1–3 digits), geographic or not: a number
// whose leading digits are none of them cannot be valid, so it never reaches the parser.
const CALLING_CODES = new Set<string>([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})]);

function hasCallingCode(d: string): boolean {
  return CALLING_CODES.has(d.slice(0, 1)) || CALLING_CODES.has(d.slice(0, 2)) || CALLING_CODES.has(d.slice(0, 3));
}

// libphonenumber-js costs tens of microseconds a call (it builds regexes per call); messages
// repeat the same number, so verdicts are kept, in a table emptied when it fills.
const PLUS_CACHE = new Map<string, boolean>();
const PLUS_CACHE_MAX = 4096;

const VN_MOBILE_PREFIX = /^0(?:3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)/;

/** 10-digit Vietnamese mobile number in national form (0912345678). */
export function isVnMobile(d: string): boolean {
  return d.length === 10 && VN_MOBILE_PREFIX.test(d);
}

/** 11-digit Vietnamese landline with a 02xx area code (024 3826 1234, 0236 3812 345). */
export function isVnLandline(d: string): boolean {
  return d.length === 11 && d[0] === '0' && d[1] === '2' && d[2] !== '0';
}

/** Vietnamese number written with the 84 country code and no plus (84912345678). */
export function isVnInternational(d: string): boolean {
  if (d.startsWith('0084')) d = d.slice(2);
  if (!d.startsWith('84')) return false;
  let rest = '0' + d.slice(2);
  if (d[2] === '0') rest = d.slice(2);
  return isVnMobile(rest) || isVnLandline(rest);
}

/** Number after a "+" (E.164): country code plus 7–14 digits. */
export function isPlusNumber(d: string): boolean {
  if (d.startsWith('84')) {
    const rest = d[2] === '0' ? d.slice(2) : '0' + d.slice(2);
    return isVnMobile(rest) || isVnLandline(rest);
  }
  if (d.length < 8 || d.length > 15 || d[0] === '0' || !hasCallingCode(d)) return false;
  const known = PLUS_CACHE.get(d);
  if (known !== undefined) return known;
  // "+44 (0)20 …": the national trunk 0 written after a two-digit country code.
  const ok = isValidPhoneNumber('+' + d) || (d[2] === '0' && isValidPhoneNumber('+' + d.slice(0, 2) + d.slice(3)));
  if (PLUS_CACHE.size >= PLUS_CACHE_MAX) PLUS_CACHE.clear();
  PLUS_CACHE.set(d, ok);
  return ok;
}

/** North American shapes: 3-3-4 groups, optionally led by 1 ("(555) 123-4567", "1-800-555-0199"). */
export function isNanp(d: string, groups: readonly number[]): boolean {
  let g = groups;
  let digits = d;
  if (g.length === 4 && g[0] === 1 && d[0] === '1') {
    g = g.slice(1);
    digits = d.slice(1);
  }
  if (g.length !== 3 || g[0] !== 3 || g[1] !== 3 || g[2] !== 4) return false;
  return digits[0] !== '0' && digits[0] !== '1' && digits[3] !== '0' && digits[3] !== '1';
}

/** Generic national number accepted only after an explicit phone cue. */
export function isCuedPhone(d: string): boolean {
  return d.length >= 8 && d.length <= 13;
}
