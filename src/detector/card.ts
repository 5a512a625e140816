// Payment card numbers: Luhn check plus the issuer prefixes of every major scheme.

/** True when the digit string passes the Luhn checksum (ignores non-digits). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let n = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let d = c - 48;
    if (n % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    n++;
  }
  return n > 0 && sum % 10 === 0;
}

/** Name of the card scheme for a digit string, or null when no scheme issues it. */
export function cardScheme(d: string): string | null {
  const len = d.length;
  // Issuer prefixes read from char codes: this runs on every digit run a scan tries.
  if (len < 6) return null;
  const p2 = (d.charCodeAt(0) - 48) * 10 + (d.charCodeAt(1) - 48);
  const p3 = p2 * 10 + (d.charCodeAt(2) - 48);
  const p4 = p3 * 10 + (d.charCodeAt(3) - 48);
  const p6 = (p4 * 10 + (d.charCodeAt(4) - 48)) * 10 + (d.charCodeAt(5) - 48);
  if (p4 === 9704 && (len === 16 || len === 19)) return 'napas';
  if (d[0] === '4' && (len === 13 || len === 16 || len === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && len === 15) return 'amex';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && len >= 16 && len <= 19)
    return 'discover';
  if (p2 === 62 && len >= 16 && len <= 19) return 'unionpay';
  if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) return 'jcb';
  if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) && len >= 14 && len <= 19) return 'diners';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && len >= 12 && len <= 19) return 'maestro';
  if (p4 >= 2200 && p4 <= 2204 && len === 16) return 'mir';
  if ((p2 === 60 || p2 === 65 || p2 === 81 || p2 === 82 || p3 === 508 || p3 === 353 || p3 === 356) && len === 16) return 'rupay';
  return null;
}

/** True for a Luhn-valid number of 12–19 digits with a known scheme prefix. */
export function isCardNumber(d: string): boolean {
  return d.length >= 12 && d.length <= 19 && cardScheme(d) !== null && luhnValid(d);
}
