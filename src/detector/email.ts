// E-mail addresses, found by expanding around each "@" (linear: each side stops at the next "@").
import type { TextView } from './normalize.ts';

function isLocal(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 || c === 95 || c === 37 || c === 43 || c === 45
  );
}

function isDomain(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** [start, end) ranges of e-mail addresses in the normalised view. */
export function findEmails(view: TextView): Array<[number, number]> {
  const t = view.norm;
  const out: Array<[number, number]> = [];
  let at = t.indexOf('@');
  let floor = 0;
  while (at !== -1) {
    let s = at;
    while (s > floor && s > at - 64 && isLocal(t.charCodeAt(s - 1))) s--;
    while (s < at && t.charCodeAt(s) === 46) s++;
    let e = at + 1;
    while (e < t.length && e < at + 256 && isDomain(t.charCodeAt(e))) e++;
    while (e > at + 1 && (t.charCodeAt(e - 1) === 46 || t.charCodeAt(e - 1) === 45)) e--;
    const domain = t.slice(at + 1, e);
    const dot = domain.lastIndexOf('.');
    const tld = dot > 0 ? domain.slice(dot + 1) : '';
    if (s < at && dot > 0 && /^[A-Za-z]{2,24}$/.test(tld) && !domain.includes('..')) {
      out.push([s, e]);
      floor = e;
    }
    at = t.indexOf('@', Math.max(at + 1, e));
  }
  return out;
}
