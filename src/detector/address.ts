// Postal addresses. Vietnamese ones are chains of components (house number, street, ward,
// district, province) joined by commas or spaces, with keywords and their abbreviations
// (P., Q., TP., TX., H., F.) and gazetteer names; Western ones are number + street + suffix,
// then city, state and ZIP. An address is reported only when its components make it
// unambiguous, so "mua 2 Áo Thun" is never one.
import { DISTRICTS, F_VN_FAMILY, F_VN_GIVEN, PROVINCES } from './lexicon.ts';
import type { Token } from './tokens.ts';
import { wordFlag } from './wordFlags.ts';

type Kind = 'num' | 'street' | 'ward' | 'district' | 'city' | 'gaz' | 'name' | 'zip' | 'state' | 'unit';

const STREET_KW = new Set([
  'duong', 'pho', 'ngo', 'ngach', 'hem', 'kiet', 'ap', 'thon', 'xom', 'khu', 'kp', 'khom', 'ban', 'lo', 'toa',
  'cc', 'kdc', 'kdt', 'tang', 'phong', 'block', 'to', 'cum', 'doi', 'lang', 'chung', 'can', 'ngo.', 'khu pho',
  'hamlet', 'alley', 'lane', 'apartment', 'apt', 'suite', 'unit', 'floor', 'room',
]);
// Two-word keywords (chung cư, khu phố, căn hộ, tổ dân phố...).
const STREET_KW2 = new Set(['chung cu', 'khu pho', 'can ho', 'to dan', 'khu dan', 'khu do', 'so nha', 'thi tran', 'thi xa', 'thanh pho']);
const WARD_KW = new Set(['phuong', 'p', 'xa', 'tt', 'f', 'ward', 'commune']);
const DISTRICT_KW = new Set(['quan', 'q', 'huyen', 'h', 'tx', 'district', 'dist', 'town']);
const CITY_KW = new Set(['tp', 'tinh', 't', 'city', 'province', 'thanh']);
const ABBREV = new Set(['p', 'q', 'h', 't', 'tp', 'tx', 'tt', 'f', 'd', 'kp', 'dist', 'st', 'ave', 'rd']);
// Keywords that are ordinary words unless a number follows ("tổ 5", "lane 12", "phòng 1203").
const NEEDS_NUMBER = new Set(['to', 'can', 'lang', 'doi', 'chung', 'ban', 'phong', 'lo', 'lane', 'alley', 'hamlet', 'apartment', 'apt', 'suite', 'unit', 'floor', 'room', 'tang', 'block', 'toa', 'khu', 'cum']);
const HOUSE_PREFIX = new Set(['so', 'sn', 'nha', 'no', 'number', 'can']);
const EN_SUFFIX = new Set([
  'st', 'street', 'ave', 'avenue', 'rd', 'road', 'blvd', 'boulevard', 'lane', 'ln', 'dr', 'drive', 'way', 'ct',
  'court', 'pl', 'place', 'ter', 'terrace', 'pkwy', 'parkway', 'hwy', 'highway', 'cir', 'circle', 'sq', 'square',
  'close', 'crescent', 'row', 'gardens', 'walk',
]);
const US_STATES = new Set(
  'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc'.split(' '),
);
// Lowercase words that end a street or unit name typed without capitals.
const STOP = new Set(
  ('nhe nha a em minh toi giup cho voi va roi di giao ship gui den o la co khong duoc thi neu de nhu khi ' +
    'gio sang chieu mai hom nay truoc sau trong ngoai tu nho nhan lien goi sdt so dt dc dia ' +
    'hoac hay nhung vi nen se dang da muon lay mua hang don ngay ok oke cam on shop ad ' +
    'sdt zalo stk tk ck bank email mail phone call gap hen').split(' '),
);
// English function words; checked only on tokens typed without diacritics ("tô" is a name).
const STOP_EN = new Set('the and please thanks to from at in on of by with for is are my our your before after when if'.split(' '));

// Token flags (Token.w) for the lists above.
const F_STREET_KW = wordFlag(STREET_KW);
const F_WARD_KW = wordFlag(WARD_KW);
const F_DISTRICT_KW = wordFlag(DISTRICT_KW);
const F_CITY_KW = wordFlag(CITY_KW);
const F_ABBREV = wordFlag(ABBREV);
const F_NEEDS_NUMBER = wordFlag(NEEDS_NUMBER);
const F_HOUSE_PREFIX = wordFlag(HOUSE_PREFIX);
const F_EN_SUFFIX = wordFlag(EN_SUFFIX);
const F_US_STATES = wordFlag(US_STATES);
const F_STOP = wordFlag(STOP);
const F_STOP_EN = wordFlag(STOP_EN);

// The accented spellings of STOP: typed with diacritics, "thị", "chiểu" and "cờ" fold onto
// "thì", "chiều" and "có" but go on naming a street or ward ("Võ Thị Sáu", "Bàn Cờ").
const STOP_MARKED = new Set(
  ('nhé nha à em mình tôi giúp cho với và rồi đi giao ship gửi đến ở là có không được thì nếu để như khi ' +
    'giờ sáng chiều mai hôm nay trước sau trong ngoài từ nhớ nhận liền gọi sđt số đt đc địa ' +
    'hoặc hay nhưng những vì nên sẽ đang đã muốn lấy mua hàng đơn ngày cảm ơn gặp hẹn').split(' '),
);

function isStop(w: Token): boolean {
  if (w.marked) return (w.w & F_STOP) !== 0 && STOP_MARKED.has(normOf(w));
  return (w.w & F_STOP) !== 0 || (w.w & F_STOP_EN) !== 0;
}
const ADDR_CUE = /(?:dia chi|dc|d\/c|add?ress|addr|giao (?:den|toi|ve|tai)|ship (?:den|toi|ve)|gui (?:ve|den|toi)|nha (?:o|em|minh)|o tai|deliver(?:y)? to|ship to|located at|live at|lives at|send (?:it )?to)\s*:?\s*$/;

// Component kinds that make an address unambiguous, as bits so they can be counted cheaply.
const STRONG_BIT: Partial<Record<Kind, number>> = { street: 1, ward: 2, district: 4, city: 8, gaz: 16, zip: 32, state: 64 };
// An alley house number ("62/16/8") is as telling as a keyword.
const ALLEY_BIT = 128;

interface Comp {
  kind: Kind;
  endTok: number;
  closed: boolean;
  alley?: boolean;
}

function isHouseNumber(f: string): boolean {
  return /^[a-z]{0,2}[1-9]\d{0,4}[a-z]?(?:[/-]\d{1,4}[a-z]?){0,3}$/.test(f);
}

/** An alley house number ("62/16/8", "144/36/10"): three parts, and not a day/month/year date. */
function isAlleyNumber(f: string): boolean {
  const m = /^(\d{1,4})[a-z]?\/(\d{1,3})[a-z]?\/\d{1,3}[a-z]?(?:\/\d{1,3}[a-z]?)?$/.exec(f);
  if (!m) return false;
  const b = Number(m[2]);
  return Number(m[1]) > 31 || b > 12 || b === 0;
}

const F_GAZ_FIRST = wordFlag([...PROVINCES, ...DISTRICTS].map((p) => p.split(' ')[0] as string));

// Word prefixes of every gazetteer phrase, and character prefixes of the provinces written
// without spaces ("hochiminh"), so a phrase that can no longer grow into an entry stops early.
const GAZ_PREFIXES = new Set<string>();
const PROVINCE_CHAR_PREFIXES = new Set<string>();
for (const p of [...PROVINCES, ...DISTRICTS]) {
  const words = p.split(' ');
  for (let n = 1; n <= words.length; n++) GAZ_PREFIXES.add(words.slice(0, n).join(' '));
}
for (const p of PROVINCES) for (let n = 1; n <= p.length; n++) PROVINCE_CHAR_PREFIXES.add(p.slice(0, n));

/** Longest province/district gazetteer phrase starting at token i; returns its last index. */
function matchGazetteer(toks: readonly Token[], i: number): { end: number; kind: Kind } | null {
  const first = toks[i];
  if (!first || first.kind !== 'word' || (first.w & F_GAZ_FIRST) === 0) return null;
  // The words so far joined by one space, and joined with nothing.
  let phrase = '';
  let compact = '';
  let best: { end: number; kind: Kind } | null = null;
  for (let j = i; j < toks.length && j < i + 5; j++) {
    const tk = toks[j] as Token;
    if (tk.kind === 'punct' && (tk.f === '.' || tk.f === '-') && j > i && j + 1 < toks.length) continue;
    if (tk.kind !== 'word') break;
    phrase = phrase === '' ? tk.f : phrase + ' ' + tk.f;
    compact += tk.f;
    if (PROVINCES.has(phrase) || PROVINCES.has(compact)) best = { end: j, kind: 'city' };
    else if (DISTRICTS.has(phrase)) best = { end: j, kind: 'gaz' };
    if (!GAZ_PREFIXES.has(phrase) && !PROVINCE_CHAR_PREFIXES.has(compact)) break;
  }
  return best;
}

// Accented spellings of keywords whose folded form is also an everyday word (quần → quan).
const ACCENTED_KW: Record<string, string> = {
  quan: 'quận', phuong: 'phường', xa: 'xã', huyen: 'huyện', duong: 'đường', pho: 'phố', ngo: 'ngõ', hem: 'hẻm',
  thon: 'thôn', ap: 'ấp', to: 'tổ', tinh: 'tỉnh', ngach: 'ngách', kiet: 'kiệt', xom: 'xóm', khu: 'khu', lo: 'lô',
  tang: 'tầng', phong: 'phòng', toa: 'tòa', can: 'căn', ban: 'bản', lang: 'làng', doi: 'đội', cum: 'cụm', khom: 'khóm',
};

function keywordKind(toks: readonly Token[], i: number): { kind: Kind; next: number } | null {
  const tk = toks[i] as Token;
  if (tk.kind !== 'word' || (tk.w & F_KW_FIRST) === 0) return null;
  const nx0 = toks[i + 1];
  // "Ngo Nhat Vinh" is a person, "Ngõ 12" a lane: an unaccented capitalised keyword that is
  // also a family name, followed by capitalised given names, is not a keyword.
  if (tk.cap && !tk.marked && (tk.w & F_VN_FAMILY) !== 0 && nx0 && nx0.kind === 'word' && nx0.cap && (nx0.w & F_VN_GIVEN) !== 0) return null;
  const accented = ACCENTED_KW[tk.f];
  if (accented && tk.marked && accented !== tk.f && toks.length > 0) {
    if (normOf(tk) !== accented) return null;
  }
  const nx = toks[i + 1];
  const two = nx && nx.kind === 'word' ? tk.f + ' ' + nx.f : '';
  if (STREET_KW2.has(two)) {
    const k: Kind = two === 'thi tran' ? 'ward' : two === 'thi xa' ? 'district' : two === 'thanh pho' ? 'city' : 'street';
    return { kind: k, next: i + 2 };
  }
  let kind: Kind | null = null;
  if ((tk.w & F_WARD_KW) !== 0) kind = 'ward';
  else if ((tk.w & F_DISTRICT_KW) !== 0) kind = 'district';
  else if ((tk.w & F_CITY_KW) !== 0 && tk.f !== 'thanh') kind = 'city';
  else if ((tk.w & F_STREET_KW) !== 0 || tk.f === 'd') kind = 'street';
  if (!kind) return null;
  let next = i + 1;
  const dot = toks[next];
  const hasDot = dot !== undefined && dot.kind === 'punct' && dot.f === '.' && dot.s === tk.e;
  if (hasDot) next++;
  // Single-letter abbreviations need a dot or a number right after ("P.5", "Q 1", "F.12").
  if ((tk.w & F_ABBREV) !== 0 && !hasDot) {
    const after = toks[next];
    const glued = after !== undefined && after.s === tk.e;
    if (!after || (after.kind !== 'num' && !(tk.f.length >= 2 && after.cap)) || (glued && after.kind !== 'num')) return null;
    if (tk.f === 'd' || tk.f === 't' || tk.f === 'h') {
      if (after.kind !== 'num' && !after.cap) return null;
    }
  }
  if (tk.f === 'to' && !tk.marked) return null; // English "to"; tổ is written with its accent
  if ((tk.w & F_NEEDS_NUMBER) !== 0) {
    const after = toks[next];
    if (!after || after.kind !== 'num') return null;
  }
  return { kind, next };
}

let currentNorm = '';
function normOf(tk: Token): string {
  return currentNorm.slice(tk.s, tk.e).toLowerCase();
}

/** Consumes a name after a keyword: a number, capitalised words or up to four plain words. */
function readName(toks: readonly Token[], i: number, lowerOk: boolean): number {
  const tk = toks[i];
  if (!tk) return -1;
  if (tk.kind === 'num') return i;
  if (tk.kind !== 'word') return -1;
  let j = i;
  let last = -1;
  while (j < toks.length && j < i + 6) {
    const w = toks[j] as Token;
    if (w.kind !== 'word' || w.nl) break;
    if (j > i && matchGazetteer(toks, j)) break;
    if (j > i) {
      const kk = keywordKind(toks, j);
      if (kk && toks[kk.next] !== undefined && toks[kk.next]!.kind !== 'punct') break;
    }
    if (w.cap || w.upper) last = j;
    else if (lowerOk && !isStop(w)) last = j;
    else break;
    j++;
  }
  return last;
}

/** [startToken, endToken] pairs of addresses. */
export function findAddresses(toks: readonly Token[], fold: string, norm: string): Array<[number, number]> {
  currentNorm = norm;
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < toks.length) {
    const r = tryAddress(toks, i, fold);
    if (r) {
      out.push(r);
      i = r[1] + 1;
    } else i++;
  }
  return out;
}

const F_KW_FIRST = wordFlag([...STREET_KW, ...WARD_KW, ...DISTRICT_KW, ...CITY_KW, 'd', ...[...STREET_KW2].map((k) => k.split(' ')[0] as string)]);

function tryAddress(toks: readonly Token[], i: number, fold: string): [number, number] | null {
  const first = toks[i] as Token;
  // Cheap gate: an address opens with a number, "số", a unit keyword or a gazetteer name.
  if (first.kind === 'punct') return null;
  if (first.kind === 'word' && (first.w & F_HOUSE_PREFIX) === 0 && (first.w & F_KW_FIRST) === 0 && !(first.cap && (first.w & F_GAZ_FIRST) !== 0)) return null;
  const startTok = i;
  let j = i;
  if (first.kind === 'word' && (first.w & F_HOUSE_PREFIX) !== 0 && toks[i + 1]?.kind === 'num') j = i + 1;
  const head = toks[j] as Token;
  const before = toks[j - 1];
  const thousands = before !== undefined && (before.f === ',' || before.f === '.') && before.s === toks[j - 2]?.e && toks[j - 2]?.kind === 'num';
  const startsWithNum = head.kind === 'num' && isHouseNumber(head.f) && !thousands && !(toks[j + 1]?.f === ',' && toks[j + 2]?.kind === 'num' && toks[j + 1]!.s === head.e);
  const kw = keywordKind(toks, j);
  const gz = head.kind === 'word' && head.cap ? matchGazetteer(toks, j) : null;
  if (!startsWithNum && !kw && !(gz && gz.kind === 'gaz')) return null;
  const comps: Comp[] = [];
  let k = j;
  let lastSep = false;
  while (k < toks.length && comps.length < 12) {
    const tk = toks[k] as Token;
    if (comps.length > 0 && tk.nl) break;
    if (tk.kind === 'punct') {
      if ((tk.f === ',' || tk.f === '-' || tk.f === '–' || tk.f === '/') && comps.length > 0 && !lastSep) {
        (comps[comps.length - 1] as Comp).closed = true;
        lastSep = true;
        k++;
        continue;
      }
      break;
    }
    lastSep = false;
    const g = tk.kind === 'word' ? matchGazetteer(toks, k) : null;
    if (g && (tk.cap || tk.upper || comps.length > 0)) {
      comps.push({ kind: g.kind, endTok: g.end, closed: true });
      k = g.end + 1;
      continue;
    }
    const kk = keywordKind(toks, k);
    if (kk) {
      const end = readName(toks, kk.next, true);
      if (end < 0) break;
      comps.push({ kind: kk.kind, endTok: end, closed: true });
      k = end + 1;
      const dot = toks[k];
      if (kk.kind === 'city' && dot && dot.f === '.' && toks[k + 1]?.kind === 'word') k++;
      continue;
    }
    if (tk.kind === 'num' && /^[qpf]\d{1,2}$/.test(tk.f)) {
      comps.push({ kind: tk.f[0] === 'q' ? 'district' : 'ward', endTok: k, closed: true });
      k++;
      continue;
    }
    if (tk.kind === 'num') {
      if (/^\d{5}(?:-\d{4})?$/.test(tk.f) && comps.length >= 2) {
        comps.push({ kind: 'zip', endTok: k, closed: true });
        k++;
        continue;
      }
      if (!isHouseNumber(tk.f) || (comps.length > 0 && comps[comps.length - 1]!.kind === 'num')) break;
      comps.push({ kind: 'num', endTok: k, closed: true, alley: comps.length === 0 && isAlleyNumber(tk.f) });
      k++;
      continue;
    }
    if (tk.kind === 'word' && tk.upper && tk.f.length === 2 && (tk.w & F_US_STATES) !== 0 && comps.length >= 2) {
      comps.push({ kind: 'state', endTok: k, closed: true });
      k++;
      continue;
    }
    // A street or city name without a keyword: capitalised words, or plain words after a number.
    const prev = comps[comps.length - 1];
    let anchored = false;
    for (const c of comps) if (c.kind === 'num' || c.kind === 'street') anchored = true;
    const afterSep = k > 0 && toks[k - 1]!.kind === 'punct' && anchored;
    const lowerOk = prev !== undefined && (prev.kind === 'num' || prev.kind === 'street' || afterSep);
    const end = readName(toks, k, lowerOk);
    if (end < 0) break;
    let kind: Kind = 'name';
    for (let x = k; x <= end; x++) if (((toks[x] as Token).w & F_EN_SUFFIX) !== 0 && x > k) kind = 'street';
    const after = toks[end + 1];
    if (kind === 'street' && after && after.f === '.' && after.s === (toks[end] as Token).e) {
      comps.push({ kind, endTok: end + 1, closed: true });
      k = end + 2;
      continue;
    }
    const closed = kind === 'street' || (prev?.kind === 'num' && (toks[end] as Token).cap);
    comps.push({ kind, endTok: end, closed: closed || (after !== undefined && (after.f === ',' || after.f === '-')) });
    k = end + 1;
  }
  while (comps.length > 0 && !(comps[comps.length - 1] as Comp).closed) comps.pop();
  if (comps.length === 0) return null;
  let strongMask = 0;
  for (const c of comps) {
    const bit = STRONG_BIT[c.kind];
    if (bit) strongMask |= bit;
    if (c.alley) strongMask |= ALLEY_BIT;
  }
  let strong = 0;
  for (let b = strongMask; b; b &= b - 1) strong++;
  const headNum = comps[0]!.kind === 'num';
  const second = comps[1]?.kind;
  const ok =
    strong >= 2 ||
    (headNum && comps.length >= 3 && strong >= 1) ||
    (headNum && second === 'street') ||
    (headNum && comps[0]!.alley === true && second === 'name') ||
    (headNum && second === 'name' && ((comps.length >= 3 && strong >= 1) || ADDR_CUE.test(fold.slice(Math.max(0, first.s - 24), first.s))));
  if (!ok) return null;
  return [startTok, (comps[comps.length - 1] as Comp).endTok];
}
