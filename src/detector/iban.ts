// International bank account numbers (IBAN), validated by their ISO 13616 mod-97 checksum.
import type { TextView } from './normalize.ts';

const IBAN_RE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

const IBAN_HINT_RE = /[A-Z]{2}\d{2}/;

/** True when the compact IBAN passes the mod-97 check. */
export function ibanValid(compact: string): boolean {
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/** [start, end) ranges of valid IBANs in the normalised view. */
export function findIbans(view: TextView): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Every IBAN holds a country code and check digits: most texts are ruled out by one scan.
  if (!IBAN_HINT_RE.test(view.norm)) return out;
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(view.norm); m; m = IBAN_RE.exec(view.norm)) {
    const compact = m[0].replace(/ /g, '');
    if (compact.length >= 15 && compact.length <= 34 && ibanValid(compact)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
