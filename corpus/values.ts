// Random values with realistic shapes for the corpus generator (seeded, deterministic).
import * as P from './pools.ts';

export type Rng = () => number;

/** Mulberry32: small, fast, seedable. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const chance = (r: Rng, p: number): boolean => r() < p;
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');

export function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function vnName(r: Rng): string {
  const female = chance(r, 0.5);
  const fam = pick(r, P.VN_FAMILY);
  const mid = pick(r, female ? P.VN_MIDDLE_F : P.VN_MIDDLE_M);
  const given = pick(r, female ? P.VN_GIVEN_F : P.VN_GIVEN_M);
  const roll = r();
  if (roll < 0.15) return `${fam} ${given}`;
  if (roll < 0.3) return `${fam} ${mid} ${pick(r, female ? P.VN_MIDDLE_F : P.VN_MIDDLE_M)} ${given}`;
  return `${fam} ${mid} ${given}`;
}

export function vnGiven(r: Rng): string {
  return pick(r, chance(r, 0.5) ? P.VN_GIVEN_F : P.VN_GIVEN_M);
}

export function enName(r: Rng): string {
  return `${pick(r, P.EN_FIRST)} ${pick(r, P.EN_LAST)}`;
}

const MOBILE_PREFIX = ['032', '033', '034', '035', '036', '037', '038', '039', '056', '058', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098', '099'];

export function vnPhone(r: Rng): string {
  if (chance(r, 0.12)) {
    const area = pick(r, ['024', '028']);
    const rest = digits(r, 8);
    return pick(r, [`${area} ${rest.slice(0, 4)} ${rest.slice(4)}`, `(${area}) ${rest.slice(0, 4)} ${rest.slice(4)}`, `${area}${rest}`, `${area}.${rest.slice(0, 4)}.${rest.slice(4)}`]);
  }
  if (chance(r, 0.05)) {
    const area = pick(r, ['0236', '0251', '0274', '0225', '0292', '0258']);
    const rest = digits(r, 7);
    return `${area} ${rest.slice(0, 3)} ${rest.slice(3)}`;
  }
  const p = pick(r, MOBILE_PREFIX);
  const d = p + digits(r, 7);
  const n9 = d.slice(1);
  return pick(r, [
    d, d, d,
    `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
    `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`,
    `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
    `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`,
    `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
    `+84 ${n9.slice(0, 3)} ${n9.slice(3, 6)} ${n9.slice(6)}`,
    `+84${n9}`,
    `84${n9}`,
    `(+84) ${n9.slice(0, 2)} ${n9.slice(2, 5)} ${n9.slice(5)}`,
  ]);
}

export function enPhone(r: Rng): string {
  const a = String(int(r, 201, 989));
  const b = String(int(r, 200, 999));
  const c = digits(r, 4);
  return pick(r, [
    `(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `+1-${a}-${b}-${c}`, `1-${a}-${b}-${c}`,
    `+44 20 ${digits(r, 4)} ${digits(r, 4)}`, `+44 7700 ${digits(r, 6)}`, `07${digits(r, 3)} ${digits(r, 6)}`,
    `+65 ${int(r, 8, 9)}${digits(r, 3)} ${digits(r, 4)}`, `+61 4${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
    `+49 151 ${digits(r, 8)}`, `+33 6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  ]);
}

export function email(r: Rng, name: string): string {
  const parts = stripMarks(name).toLowerCase().split(' ');
  const first = parts[parts.length - 1] as string;
  const last = parts[0] as string;
  const local = pick(r, [`${first}.${last}`, `${first}${last}${int(r, 1, 99)}`, `${last}${first}`, `${first}_${int(r, 1980, 2005)}`, `${first[0]}${last}`]);
  return `${local}@${pick(r, P.EMAIL_DOMAINS)}`;
}

function luhnComplete(prefix: string, len: number, r: Rng): string {
  let body = prefix + digits(r, len - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  body += String((10 - (sum % 10)) % 10);
  return body;
}

export function card(r: Rng): string {
  const [prefix, len] = pick(r, [['4', 16], ['4', 16], ['51', 16], ['55', 16], ['2221', 16], ['34', 15], ['37', 15], ['6011', 16], ['35', 16], ['9704', 16], ['9704', 16], ['9704', 19], ['62', 16], ['36', 14]] as Array<[string, number]>);
  const d = luhnComplete(prefix === '35' ? '35' + String(int(r, 28, 89)) : prefix, len, r);
  return formatCard(r, d);
}

function formatCard(r: Rng, d: string): string {
  const style = r();
  if (style < 0.35) return d;
  const sep = style < 0.8 ? ' ' : '-';
  if (d.length === 15) return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  return d.match(/.{1,4}/g)!.join(sep);
}

/** A 16-digit number that fails the Luhn check. */
export function badCard(r: Rng): string {
  const good = luhnComplete(pick(r, ['4', '5', '9704']), 16, r);
  const last = (Number(good[15]) + int(r, 1, 9)) % 10;
  return formatCard(r, good.slice(0, 15) + String(last));
}

const CCCD_CODES = ['001', '031', '079', '048', '092', '036', '038', '040', '075', '080', '089', '024', '027'];
export function cccd(r: Rng): string {
  const century = pick(r, ['0', '1', '2', '3']);
  const yy = century < '2' ? String(int(r, 50, 99)) : String(int(r, 0, 6)).padStart(2, '0');
  return pick(r, CCCD_CODES) + century + yy + digits(r, 6);
}
export const cmnd = (r: Rng): string => pick(r, ['0', '1', '2', '3']) + digits(r, 8);
export const passport = (r: Rng): string => pick(r, ['B', 'C', 'N', 'P']) + digits(r, 7);
export const ssn = (r: Rng): string => `${int(r, 100, 665)}-${String(int(r, 1, 99)).padStart(2, '0')}-${String(int(r, 1, 9999)).padStart(4, '0')}`;

export function ipv4(r: Rng): string {
  return pick(r, [`192.168.${int(r, 0, 20)}.${int(r, 2, 254)}`, `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`, `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`]);
}
export function ipv6(r: Rng): string {
  const h = (): string => int(r, 0, 65535).toString(16);
  return pick(r, [`2001:db8:${h()}:${h()}::${h()}`, `fe80::${h()}:${h()}:${h()}:${h()}`, `2402:800:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`]);
}

export function dob(r: Rng, lang: 'vi' | 'en'): string {
  const d = int(r, 1, 28);
  const m = int(r, 1, 12);
  const y = int(r, 1955, 2006);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  if (lang === 'vi') return pick(r, [`${p2(d)}/${p2(m)}/${y}`, `${d}/${m}/${y}`, `${p2(d)}-${p2(m)}-${y}`, `${p2(d)}.${p2(m)}.${y}`, `${d} tháng ${m} năm ${y}`]);
  return pick(r, [`${p2(m)}/${p2(d)}/${y}`, `${months[m - 1]} ${d}, ${y}`, `${d} ${months[m - 1]} ${y}`, `${y}-${p2(m)}-${p2(d)}`]);
}

export function bankAccount(r: Rng): string {
  return pick(r, [`00${digits(r, 11)}`, `19${digits(r, 12)}`, `${int(r, 1, 9)}${digits(r, 8)}`, `${digits(r, 12)}`, `0${digits(r, 9)}`, `${int(r, 10, 99)}${digits(r, 10)}`, `${digits(r, 4)} ${digits(r, 4)} ${digits(r, 4)}`]);
}
export function enBankAccount(r: Rng): string {
  return pick(r, [digits(r, 10), digits(r, 8), `GB${int(r, 10, 99)} BARC ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 2)}`, digits(r, 12)]);
}

// The end of a Vietnamese address: a province (the closed set), a town the detector does not
// list, or nothing, so addresses are found without the province gazetteer.
function vnTail(r: Rng): string {
  const roll = r();
  if (roll < 0.5) return `, ${pick(r, P.VN_PROVINCES)}`;
  if (roll < 0.75) return `, ${pick(r, ['TP. ', 'TX. ', 'thị xã ', 'Thị xã ', 'tp '])}${pick(r, P.VN_TOWNS)}`;
  return '';
}

const NAMED_DISTRICTS = P.VN_DISTRICTS.filter((d) => !/^Quận \d/.test(d));

export function vnAddress(r: Rng): string {
  const num = pick(r, [String(int(r, 1, 499)), `${int(r, 1, 200)}/${int(r, 1, 60)}`, `${int(r, 1, 99)}A`, `${int(r, 1, 300)}/${int(r, 1, 40)}/${int(r, 1, 20)}`, `K${int(r, 10, 99)}/${int(r, 1, 50)}`]);
  const street = pick(r, P.VN_STREETS);
  const ward = pick(r, P.VN_WARDS);
  const wardFull = /^Phường/.test(ward) ? pick(r, [ward, ward.replace('Phường ', 'P.'), ward.replace('Phường ', 'P')]) : pick(r, [`phường ${ward}`, `P. ${ward}`, `Phường ${ward}`, ward]);
  const dist = pick(r, P.VN_DISTRICTS);
  const distFull = /^Quận \d/.test(dist) ? pick(r, [dist, dist.replace('Quận ', 'Q.'), dist.replace('Quận ', 'Q'), dist.replace('Quận ', 'quận ')]) : pick(r, [dist, `quận ${dist}`, `Q. ${dist}`, `huyện ${dist}`, `H. ${dist}`]);
  const tail = vnTail(r);
  const roll = r();
  if (roll < 0.25) return `${num} ${street}, ${wardFull}, ${distFull}${tail}`;
  // Since July 2025 addresses have two levels: ward or commune, then province.
  if (roll < 0.37) return `${num} ${street}, ${pick(r, ['phường ', 'Phường ', 'P. '])}${ward}${tail || `, ${pick(r, P.VN_PROVINCES)}`}`;
  if (roll < 0.47) return `số ${num} đường ${street}, ${distFull}${tail}`;
  if (roll < 0.55) return `số ${int(r, 1, 99)} ngõ ${int(r, 1, 300)} ${street}, ${dist}${tail}`;
  if (roll < 0.63) return `${num} ${street} ${wardFull} ${distFull}${tail.replace(', ', ' ')}`;
  if (roll < 0.72) return `${num} ${street}, ${distFull}`;
  const rural = `${pick(r, P.VN_RURAL)}, ${pick(r, ['huyện ', 'H. ', ''])}${pick(r, NAMED_DISTRICTS)}`;
  if (roll < 0.82) return `ấp ${int(r, 1, 9)}, ${rural}${tail}`;
  if (roll < 0.9) return `thôn ${pick(r, P.VN_HAMLETS)} ${int(r, 1, 5)}, ${rural}, tỉnh ${pick(r, P.VN_PROVINCES)}`;
  return `hẻm ${int(r, 10, 400)} ${street}, ${wardFull}, ${distFull}${tail}`;
}

export function enAddress(r: Rng): string {
  const n = int(r, 1, 9999);
  const st = pick(r, P.EN_STREETS);
  const city = pick(r, P.US_CITIES);
  const state = pick(r, P.US_STATES);
  const zip = digits(r, 5);
  const roll = r();
  if (roll < 0.4) return `${n} ${st}, ${city}, ${state} ${zip}`;
  if (roll < 0.55) return `${n} ${st}, Apt ${int(r, 1, 30)}${pick(r, ['A', 'B', ''])}, ${city}, ${state} ${zip}`;
  if (roll < 0.7) return `${n} ${pick(r, P.UK_STREETS)}, ${pick(r, P.UK_CITIES)}`;
  if (roll < 0.8) return `${n} ${st}`;
  return `${int(r, 1, 300)} ${pick(r, P.VN_STREETS).split(' ').map(stripMarks).join(' ')} Street, District ${int(r, 1, 12)}, ${pick(r, P.VN_PROVINCES_EN)}`;
}

export function sensitiveVi(r: Rng): string {
  return `${pick(r, P.SENSITIVE_VI_FRAMES)} ${pick(r, P.SENSITIVE_VI_TOPICS)}`;
}
export function sensitiveEn(r: Rng): string {
  return chance(r, 0.25) ? pick(r, P.SENSITIVE_EN_MEDICINES) : `${pick(r, P.SENSITIVE_EN_FRAMES)} ${pick(r, P.SENSITIVE_EN_TOPICS)}`;
}

/** Names of many origins: middle initials, hyphens, one-word names. */
export function worldName(r: Rng): string {
  const first = pick(r, P.EN_FIRST);
  const last = pick(r, P.EN_LAST);
  const roll = r();
  if (roll < 0.15) return `${first} ${String.fromCharCode(65 + int(r, 0, 25))} ${last}`;
  if (roll < 0.22) return `${first} ${last}-${pick(r, P.EN_LAST)}`;
  return `${first} ${last}`;
}

/** Street-before-number addresses of European cities ("Nørregade 7, 1165 København"). */
export function euAddress(r: Rng): string {
  const st = pick(r, P.EU_STREETS);
  const city = pick(r, P.EU_CITIES);
  return pick(r, [`${st} ${int(r, 1, 120)}, ${digits(r, 5)} ${city}`, `${st} ${int(r, 1, 80)}, ${city}`, `${st} ${int(r, 1, 60)}${pick(r, ['', 'a', 'B'])}, ${digits(r, 4)} ${city}`]);
}

/** UK letter-style addresses, often over several lines. */
export function ukAddress(r: Rng, multiline: boolean): string {
  const st = pick(r, P.UK_STREETS);
  const pc = `${pick(r, P.UK_AREAS)} ${int(r, 1, 9)}${pick(r, ['AB', 'XE', 'DN', 'QT', 'HL'])}`;
  const flat = chance(r, 0.4) ? `Flat ${int(r, 1, 30)}, ` : '';
  const city = pick(r, P.UK_CITIES);
  return multiline ? `${flat}${int(r, 1, 200)} ${st}\n${city}\n${pc}` : `${flat}${int(r, 1, 200)} ${st}, ${city} ${pc}`;
}

/** US addresses with ZIP+4 and military (APO/DPO) addresses. */
export function usAddress(r: Rng, multiline: boolean): string {
  if (chance(r, 0.35)) {
    return pick(r, [`PSC ${int(r, 1000, 9999)}, Box ${int(r, 100, 9999)}\nAPO AE ${int(r, 9000, 9999)}${int(r, 0, 9)}`, `Unit ${int(r, 1000, 9999)} Box ${int(r, 100, 999)}, DPO AP ${int(r, 96200, 96699)}`, `USNS ${pick(r, P.EN_LAST)}, FPO AA ${int(r, 34000, 34099)}`]);
  }
  const line1 = `${int(r, 1, 9999)} ${pick(r, P.EN_STREETS)}`;
  const z = `${digits(r, 5)}-${digits(r, 4)}`;
  const city = `${pick(r, P.US_CITIES)}, ${pick(r, P.US_STATES)}`;
  return multiline ? `${line1}\n${city} ${z}` : `${line1}, ${city} ${z}`;
}

/** International phone formats (UK national, German with trunk zero, French, Nordic). */
export function intlPhone(r: Rng): string {
  return pick(r, [
    `07${int(r, 400, 999)} ${digits(r, 3)} ${digits(r, 3)}`, `+44 7${int(r, 400, 999)} ${digits(r, 6)}`, `020 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    `+49 (0)30 ${digits(r, 4)} ${digits(r, 4)}`, `+49 170 ${digits(r, 7)}`, `+33 (0)6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    `+45 ${int(r, 20, 99)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`, `+46 70 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    `+36 1 ${digits(r, 3)} ${digits(r, 4)}`, `+234 803 ${digits(r, 3)} ${digits(r, 4)}`,
  ]);
}

/** 12–15-digit cards of smaller schemes (Maestro, Diners, UATP-like lengths). */
export function smallCard(r: Rng): string {
  const [prefix, len] = pick(r, [['50', 12], ['6759', 13], ['5018', 15], ['36', 14], ['6304', 13], ['67', 15]] as Array<[string, number]>);
  return luhnComplete(prefix, len, r);
}
