// Identity document numbers: Vietnamese CCCD/CMND, passports, US SSN.

// Province codes that open a 12-digit CCCD (Circular 07/2016/TT-BCA, appendix).
const CCCD_PROVINCES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 ' +
    '036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 ' +
    '074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** 12-digit CCCD: province code, then a century/sex digit 0–3 (plus 4–9 for later centuries). */
export function isCccd(d: string): boolean {
  return d.length === 12 && CCCD_PROVINCES.has(d.slice(0, 3));
}

/** Strict CCCD shape used without any context: century digit 0–3 and a plausible birth year. */
export function isLikelyCccd(d: string): boolean {
  if (!isCccd(d)) return false;
  const century = d.charCodeAt(3) - 48;
  if (century > 3) return false;
  const yy = Number(d.slice(4, 6));
  return century < 2 ? yy >= 20 : yy <= 25;
}

/** US SSN in ddd-dd-dddd form with the area/group/serial rules of the SSA. */
export function isSsn(d: string, groups: readonly number[]): boolean {
  if (d.length !== 9 || groups.length !== 3 || groups[0] !== 3 || groups[1] !== 2 || groups[2] !== 4) return false;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  return d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57);
}

const DIGIT_RE = /[0-9]/g;

/**
 * Letter-led passport numbers (C1234567, B12345678); the caller checks the context.
 * Same matches as /(?<![A-Za-z0-9])[A-Za-z]{1,2}\d{6,8}(?![A-Za-z0-9])/g, found from the
 * digit runs instead of trying the pattern at every letter.
 */
export function findPassportCandidates(norm: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = norm.length;
  let p = 0;
  while (p < n) {
    DIGIT_RE.lastIndex = p;
    if (!DIGIT_RE.test(norm)) break;
    p = DIGIT_RE.lastIndex - 1;
    let q = p + 1;
    while (q < n && norm.charCodeAt(q) >= 48 && norm.charCodeAt(q) <= 57) q++;
    // A maximal run of 6–8 digits, not followed by a letter or digit...
    if (q - p >= 6 && q - p <= 8 && !(q < n && isAsciiAlnum(norm.charCodeAt(q)))) {
      // ...led by exactly one or two letters that nothing alphanumeric precedes.
      let a = p;
      while (a > 0 && p - a < 3 && isAsciiLetter(norm.charCodeAt(a - 1))) a--;
      const letters = p - a;
      if (letters >= 1 && letters <= 2 && !(a > 0 && isAsciiAlnum(norm.charCodeAt(a - 1)))) out.push([a, q]);
    }
    p = q;
  }
  return out;
}
