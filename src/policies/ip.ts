import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address (with `::` and an optional dotted IPv4 tail) to its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.split('%')[0]!; // a zone id (fe80::1%eth0) names an interface, not part of the address
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * The network an address belongs to, never the address itself: IPv4 keeps its /24
 * (203.0.113.77 → 203.0.113.0), IPv6 its /48 (2001:db8:abcd:12::1 → 2001:db8:abcd::).
 * An IPv4-mapped IPv6 address is treated as the IPv4 address it carries. Anything that is
 * not an IP address gives null, so a malformed header is never stored.
 */
export function truncateIp(ip: string | undefined | null): string | null {
  if (!ip) return null;
  if (isIPv4(ip)) return ip.split('.').slice(0, 3).concat('0').join('.');
  if (!isIPv6(ip)) return null;
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.0`;
  return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::`;
}
