// IPv6 addresses: runs of hex digits and colons, validated group by group.
import type { TextView } from './normalize.ts';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isWordish(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function validIpv6(s: string): boolean {
  if (s.length < 3 || s.length > 39) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  const parts = s.split(':');
  let groups = 0;
  let hasLetter = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p === '') continue;
    if (p.length > 4) return false;
    groups++;
    if (/[a-fA-F]/.test(p)) hasLetter = true;
  }
  if (dbl === -1) return groups === 8 && parts.length === 8;
  if (groups > 7) return false;
  if (s.startsWith(':') && !s.startsWith('::')) return false;
  if (s.endsWith(':') && !s.endsWith('::')) return false;
  return groups >= 2 && (hasLetter || groups >= 3);
}

/** [start, end) ranges of IPv6 addresses in the normalised view. */
export function findIpv6(view: TextView): Array<[number, number]> {
  const t = view.norm;
  const out: Array<[number, number]> = [];
  let i = t.indexOf(':');
  while (i !== -1) {
    let s = i;
    while (s > 0 && i - s < 40 && (isHex(t.charCodeAt(s - 1)) || t.charCodeAt(s - 1) === 58)) s--;
    let e = i;
    while (e < t.length && e - s < 46 && (isHex(t.charCodeAt(e)) || t.charCodeAt(e) === 58)) e++;
    const before = s > 0 ? t.charCodeAt(s - 1) : 0;
    const after = e < t.length ? t.charCodeAt(e) : 0;
    if (!isWordish(before) && !isWordish(after) && validIpv6(t.slice(s, e))) out.push([s, e]);
    i = t.indexOf(':', Math.max(i + 1, e + 1));
  }
  return out;
}
