// Person names. Vietnamese: a gazetteer family name followed by 1–3 given-name syllables
// (capitalised, ALL CAPS, or plain lowercase after a cue such as "tên", "người nhận");
// an honorific (anh, chị, cô...) before a given name. English: a gazetteer first name
// followed by a capitalised surname, or any capitalised words after a strong cue
// ("my name is", "Mr.", "ship to").
import { BRAND_PHRASES } from './data/brands.ts';
import { DISTRICTS, foldString, F_EN_FIRST, F_EN_LAST, F_VN_FAMILY, F_VN_GIVEN, NON_PERSON, PROVINCES } from './lexicon.ts';
import { makePhraseTable, phraseBefore } from './phrases.ts';
import type { Token } from './tokens.ts';
import { wordFlag } from './wordFlags.ts';

// Accented spellings an honorific must have when typed with diacritics ("ạ" and "có" are not).
const HONORIFIC_MARKED = new Set(['chị', 'cô', 'chú', 'bác', 'ông', 'bà', 'bạn', 'dì', 'cậu', 'thím', 'mợ', 'bé', 'cháu']);
const F_HONORIFIC = wordFlag(['anh', 'chi', 'co', 'chu', 'bac', 'ong', 'ba', 'em', 'ban', 'a', 'c', 'e', 'di', 'cau', 'thim', 'mo', 'be', 'chau']);
// Words before a capitalised name that make it a street or a place named after a person.
const F_STREET_BEFORE = wordFlag('duong pho d dg street st hem ngo kiet p q quan phuong tp truong cho bv cau nga vien'.split(' '));
const STREET_ABBREV = new Set(['d', 'p', 'q', 'tp']);
const F_EN_TITLE = wordFlag(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam']);
// Cues after which capitalised (or, for Vietnamese names, lowercase) words are a name.
const STRONG_CUES = [
  'name', 'my name', 'my name is', 'name is', 'full name', 'first name', 'last name', 'surname', 'user name', 'username',
  'issued to', 'account name', 'customer name', 'recipient name', 'recipient s name', 'receiver name', 'recipient', 'receiver', 'ship to',
  'shipping to', 'deliver to', 'delivery to', 'send to', 'attn', 'attention', 'c o', 'addressed to', 'ten', 'ten la',
  'ten toi', 'ten toi la', 'ten em', 'ten em la', 'ten minh', 'ten minh la', 'ten nguoi nhan', 'ten nguoi nhan la', 'ten khach',
  'ten kh', 'ten chu tk', 'ten tai khoan', 'ten tk', 'ho ten', 'ho va ten', 'nguoi nhan', 'nguoi gui', 'nguoi dat', 'nguoi mua',
  'khach hang', 'kh', 'chu tk', 'chu tai khoan', 'chu the', 'ctk', 'gui', 'gui cho', 'gui toi', 'nhan hang', 'con toi la',
  'con em la', 'con minh la', 'con toi ten la', 'con em ten la', 'vo toi la', 'vo em la', 'chong toi la', 'chong em la',
  'toi la', 'em la', 'minh la', 'tui la', 'to la', 'tao la', 'toi ten la', 'em ten la', 'minh ten la', 'tui ten la',
  'toi ten', 'em ten', 'minh ten', 'tui ten', 'customer', 'client', 'buyer', 'khach', 'contact person', 'nguoi lien he',
];
const WEAK_CUES = [
  'signed', 'regards', 'sincerely', 'best wishes', 'cheers', 'thanks', 'thank you', 'lien he', 'dear', 'hi', 'hello', 'hey',
  'chao', 'xin chao', 'this is', 'i am', 'i m', 'im', 'it s', 'from', 'cho', 'qua',
];
// Last words of the strong cues: a lowercase word after one may open a name.
// Vietnamese cues only ("người nhận", "họ tên", "chủ tk"): English names come capitalised.
const F_STRONG_CUE_LAST = wordFlag(['nhan', 'ten', 'tk', 'khoan', 'the', 'gui', 'dat', 'mua', 'khach', 'kh', 'he']);
// Words that follow a person addressed or named by an honorific: vocatives and verbs of speech.
const AFTER_ADDRESSEE = new Set('oi a day goi noi bao hoi nhan nho dat nhe nha'.split(' '));

/** True when the word before token i (a colon between allowed) ends a strong Vietnamese cue. */
function followsStrongCueWord(toks: readonly Token[], i: number): boolean {
  const p = toks[i - 1] as Token;
  const cue = p.kind === 'punct' && p.f === ':' ? toks[i - 2] : p;
  return cue !== undefined && (cue.w & F_STRONG_CUE_LAST) !== 0;
}

/** True when token i opens a line and the previous line ends with a sign-off ("Best regards,"). */
function afterSignOff(toks: readonly Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (toks[j] as Token).f === '\n') j--;
  if (j === i - 1) return false;
  while (j >= 0 && (toks[j] as Token).kind === 'punct' && (toks[j] as Token).f !== '\n') j--;
  const w = toks[j];
  if (!w || w.kind !== 'word' || !SIGN_OFF_WORDS.has(w.f)) return false;
  // The sign-off is a short line of its own.
  let words = 0;
  for (let k = j; k >= 0 && (toks[k] as Token).f !== '\n'; k--) if ((toks[k] as Token).kind === 'word') words++;
  return words <= 3;
}

const CUES = makePhraseTable<'strong' | 'weak'>([
  ['strong', STRONG_CUES],
  ['weak', WEAK_CUES],
]);
export const F_EN_STOP = wordFlag(
  ('the a an this that these those please thanks thank hi hello hey dear order my your our we i you he she it they is are was ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december street road avenue city district ward province apartment shop store team customer service ' +
    'support bank card visa account phone email address air apple samsung iphone galaxy nike adidas xiaomi oppo vivo sony ' +
    'dell hp asus acer lenovo canon shopee lazada tiki grab google facebook zalo messenger gucci chanel dior prada zara ' +
    'uniqlo pro max plus mini ultra watch pad book size color black white red blue green gold silver pink new sale free ' +
    'vietnam vietnamese english hanoi saigon ok okay yes no not but and or if so thanks also just still here there now ' +
    'can do does did will would could should need want please what where when why how who which any some all got get let ' +
    'send ship deliver sorry great good nice love hope happy is am').split(' '),
);

// Brands that read like names ("Minh Long", "Bảo Tín Minh Châu"): first two folded words → lengths.
const BRANDS = new Map<string, number[]>();
for (const b of BRAND_PHRASES) {
  const words = foldString(b).split(/\s+/);
  const k = words.slice(0, 2).join(' ');
  BRANDS.set(k, [...(BRANDS.get(k) ?? []), words.length]);
}

/** True when a listed brand covers any token of toks[a..b]. */
export function inBrand(toks: readonly Token[], a: number, b: number): boolean {
  for (let i = Math.max(0, a - 3); i <= b; i++) {
    const t = toks[i] as Token;
    const n = toks[i + 1];
    if (t.kind !== 'word') continue;
    const lens = BRANDS.get(n && n.kind === 'word' ? `${t.f} ${n.f}` : t.f) ?? BRANDS.get(t.f);
    if (!lens) continue;
    for (const len of lens) {
      const end = i + len - 1;
      if (end < a || end >= toks.length) continue;
      let phrase = '';
      for (let j = i; j <= end; j++) phrase += (j > i ? ' ' : '') + (toks[j] as Token).f;
      const want = BRAND_PHRASES.find((p) => foldString(p) === phrase);
      if (want) return true;
    }
  }
  return false;
}

// Vietnamese syllable shape on folded text (no tones): onset, one to three vowels, coda.
// Family and given names outside the lists are recognised by this shape in name contexts.
const VN_SYLLABLE_RE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ch|nh|ng|[cmnpt])?$/;

/** True for a word shaped like one Vietnamese syllable (checked on the folded form). */
export function isVnSyllable(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && t.f.length <= 7 && VN_SYLLABLE_RE.test(t.f);
}

// Words that shape like syllables but end a name after a cue ("người nhận Lan sđt ...").
const F_VN_NAME_STOP = wordFlag(
  ('sdt dt so dia chi gia nha o tai giao ship goi qua lien he nhe nha a ah oi day cam on voi va cua em anh chi toi minh ' +
    'la khong ko co roi dang se da cho den duoc dc hang don nay kia do thi nhung vi nen nguoi nhan khach ten chu khoan tk stk ' +
    'sp san pham mau size ao quan giay tui').split(' '),
);
const VN_MIDDLE = new Set(['van', 'thi', 'duc', 'ngoc', 'huu', 'cong', 'dinh', 'quang', 'minh', 'thanh', 'xuan', 'kim', 'the', 'trong', 'quoc', 'bao', 'gia', 'hoang', 'nhu', 'my', 'thu', 'hong']);
// Greetings and sign-offs after which one capitalised word is the addressee or signer.
const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'thanks', 'thank you', 'cheers', 'regards', 'sincerely', 'best wishes', 'signed']);
const SHIP_CUES = new Set(['ship to', 'shipping to', 'deliver to', 'delivery to', 'send to', 'addressed to']);
const SELF_INTRO = new Set(['i am', 'i m', 'im', 'this is', 'it s']);
const SIGN_OFF_WORDS = new Set(['regards', 'thanks', 'cheers', 'sincerely', 'wishes', 'best', 'thank', 'you', 'love', 'yours']);
// Capitalised words a greeting is addressed to that are not people.
const NOT_ADDRESSEE = new Set(
  'admin ad everyone all guys team there sir madam friend friends seller bro sis boss mate folks again so much both you shop store ban'.split(' '),
);

/** Last index of 1–4 Vietnamese-syllable words from i in the same case as toks[i], or -1. */
function vnSyllableRun(toks: readonly Token[], i: number, max = 4): number {
  const first = toks[i];
  // Function words end a lowercase run; capitalised mid-sentence they are names ("Mã", "Tống").
  const lower = !(first as Token).cap;
  if (!isVnSyllable(first) || (lower && ((first as Token).w & F_VN_NAME_STOP) !== 0)) return -1;
  let last = i;
  for (let j = i + 1; j < i + max; j++) {
    const w = toks[j];
    if (!isWord(w) || !isVnSyllable(w) || !adjacent(toks[j - 1] as Token, w) || w.cap !== (first as Token).cap || w.upper !== (first as Token).upper) break;
    if (lower && (w.w & F_VN_NAME_STOP) !== 0) break;
    last = j;
  }
  return last;
}

function anyMarked(toks: readonly Token[], a: number, b: number): boolean {
  for (let j = a; j <= b; j++) if ((toks[j] as Token).marked) return true;
  return false;
}

/** True when nothing word-like continues a name ending at token e (punctuation, number, end, or a stop word). */
function nameEnds(toks: readonly Token[], e: number): boolean {
  const n = toks[e + 1];
  return !n || n.kind !== 'word' || !n.cap || (n.w & (F_VN_NAME_STOP | F_EN_STOP)) !== 0;
}

export interface NameHit {
  startTok: number;
  endTok: number;
  score: number;
}

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === 'word';
}

function adjacent(a: Token, b: Token): boolean {
  return !b.nl && b.s - a.e <= 2 && b.s > a.e;
}

function sameCase(a: Token, b: Token, lowerOk: boolean): boolean {
  if (a.upper) return b.upper;
  if (a.cap) return b.cap && !b.upper ? true : b.cap;
  return lowerOk && !b.cap;
}

interface NameCue {
  phrase: string;
  strong: boolean;
}

/** The cue phrase directly before token i ("tên:", "my name is"), or null. */
function cueBefore(fold: string, toks: readonly Token[], i: number): NameCue | null {
  const at = (toks[i] as Token).s;
  // The cue must end right before the token: a quick look at the preceding characters first.
  let p = at - 1;
  while (p >= 0 && at - p <= 5 && (fold.charCodeAt(p) === 32 || fold.charCodeAt(p) === 58 || fold.charCodeAt(p) === 44 || fold.charCodeAt(p) === 45)) p--;
  if (p < 0 || at - p > 5) return null;
  const hit = phraseBefore(fold, at, CUES, 40, true);
  if (!hit || hit.gap > 4 || !/^[\s:,-]*$/.test(fold.slice(at - hit.gap, at))) return null;
  return { phrase: fold.slice(hit.start, at - hit.gap), strong: hit.kind === 'strong' };
}

/** True when toks[a..b] is a brand or a listed place rather than a person. */
export function isNonPerson(toks: readonly Token[], a: number, b: number): boolean {
  return inBrand(toks, a, b) || isPlace(toks.slice(a, b + 1).map((x) => x.f).join(' '));
}

function isPlace(phrase: string): boolean {
  return NON_PERSON.has(phrase) || PROVINCES.has(phrase) || DISTRICTS.has(phrase);
}

/** Vietnamese name starting at a family name at token i; returns the last token or -1. */
function vnName(toks: readonly Token[], i: number, lowerOk: boolean, minLower = 2): number {
  const fam = toks[i] as Token;
  if ((fam.w & F_VN_FAMILY) === 0) return -1;
  if (!fam.cap && !lowerOk) return -1;
  let last = -1;
  let phrase = fam.f;
  for (let j = i + 1; j <= i + 3; j++) {
    const w = toks[j];
    const prev = toks[j - 1] as Token;
    if (!isWord(w) || !adjacent(prev, w) || !sameCase(fam, w, lowerOk)) break;
    const given = (w.w & F_VN_GIVEN) !== 0 || (w.w & F_VN_FAMILY) !== 0 || (w.cap && w.marked && w.f.length <= 7 && j > i + 1);
    if (!given) break;
    phrase += ' ' + w.f;
    last = j;
  }
  if (last < 0) return -1;
  if (!fam.cap && last - i + 1 < minLower) return -1;
  if (isPlace(phrase) || isPlace(fam.f + ' ' + (toks[i + 1] as Token).f)) return -1;
  return last;
}

/** Finds person names in the token stream. */
function isHonorific(tk: Token, norm: string): boolean {
  if (tk.kind !== 'word' || tk.upper || (tk.w & F_HONORIFIC) === 0) return false;
  return !tk.marked || HONORIFIC_MARKED.has(norm.slice(tk.s, tk.e).toLowerCase());
}

export function findNames(toks: readonly Token[], fold: string, norm: string, lang: 'vi' | 'en' | undefined): NameHit[] {
  const out: NameHit[] = [];
  let i = 0;
  while (i < toks.length) {
    const tk = toks[i] as Token;
    // Only capitalised words, family names, first names and honorifics can open a name, and
    // lowercase syllables right after a word that ends a strong cue ("người nhận cấn hỷ phiêu").
    if (tk.kind !== 'word') {
      i++;
      continue;
    }
    const afterCueWord = !tk.cap && i > 0 && followsStrongCueWord(toks, i) && isVnSyllable(tk) && isWord(toks[i + 1]);
    if (!(tk.cap || afterCueWord || (tk.w & (F_VN_FAMILY | F_EN_FIRST | F_HONORIFIC)) !== 0)) {
      i++;
      continue;
    }
    const prev = toks[i - 1];
    // Street names are historical figures: "12 Nguyễn Trãi", "đường Lê Lợi".
    const streetCtx =
      prev !== undefined &&
      (prev.kind === 'num' || (prev.w & F_STREET_BEFORE) !== 0 || (prev.f === '.' && STREET_ABBREV.has(toks[i - 2]?.f ?? '')));
    // The cue lookup is the costly step: honorifics never need it.
    const relevant = tk.cap || afterCueWord || (tk.w & (F_VN_FAMILY | F_EN_FIRST)) !== 0;
    const cue = relevant ? cueBefore(fold, toks, i) : null;
    const strong = cue !== null && cue.strong;
    const afterHonorific = prev !== undefined && isHonorific(prev, norm);
    // Vietnamese family-name led names.
    const end = streetCtx ? -1 : vnName(toks, i, cue !== null || afterHonorific, strong ? 2 : 3);
    if (end >= 0) {
      out.push({ startTok: i, endTok: end, score: 0.85 });
      i = end + 1;
      continue;
    }
    // Names whose family name no list holds, by syllable shape in a name context:
    // after a strong cue in lowercase, after any cue capitalised, or three or four
    // capitalised syllables with a middle name in second place ("Giáp Văn Khởi").
    const n1 = toks[i + 1];
    if (!streetCtx && (tk.w & F_HONORIFIC) === 0 && (cue !== null || (n1 !== undefined && n1.cap && n1.kind === 'word' && VN_MIDDLE.has(n1.f)))) {
      const e = vnSyllableRun(toks, i);
      const len = e - i + 1;
      const next = toks[e + 1];
      const nameCue = strong || cue?.phrase === 'lien he';
      const lower = !tk.cap && nameCue && len >= 2 && (anyMarked(toks, i, e) || len >= 3) && (!isWord(next) || (next.w & F_VN_NAME_STOP) !== 0);
      const cued = tk.cap && cue !== null && len >= 2 && (anyMarked(toks, i, e) || strong || len >= 3) && nameEnds(toks, e);
      const middle = tk.cap && !tk.upper && len >= 3 && VN_MIDDLE.has((toks[i + 1] as Token).f) && (tk.w & (F_EN_FIRST | F_VN_GIVEN)) === 0 && nameEnds(toks, e);
      if (e > i && (lower || cued || middle) && !isNonPerson(toks, i, e)) {
        out.push({ startTok: i, endTok: e, score: 0.7 });
        i = e + 1;
        continue;
      }
    }
    // Honorific + capitalised syllables no list holds: "chú Hứa Duệ Chấn", "cô Thìn gọi lại".
    // One syllable only when punctuation, a vocative or a verb of speech follows.
    if (isHonorific(tk, norm) && !tk.upper) {
      const g = toks[i + 1];
      if (isWord(g) && g.cap && !g.upper && adjacent(tk, g) && (g.w & (F_HONORIFIC | F_VN_GIVEN)) === 0 && !(vnName(toks, i + 1, true) > 0)) {
        const e = vnSyllableRun(toks, i + 1);
        const next = toks[e + 1];
        const closed =
          next === undefined || (next.kind === 'punct' && next.f !== '-' && next.f !== '|') || (next.kind === 'word' && !next.cap && AFTER_ADDRESSEE.has(next.f));
        if (e >= i + 1 && (e > i + 1 ? nameEnds(toks, e) : closed) && !isNonPerson(toks, i + 1, e)) {
          out.push({ startTok: i + 1, endTok: e, score: 0.65 });
          i = e + 1;
          continue;
        }
      }
    }
    // Honorific + given name(s): "chị Lan", "anh Tuấn Anh".
    if (isHonorific(tk, norm) && !(isWord(toks[i + 1]) && vnName(toks, i + 1, false) > 0)) {
      const g = toks[i + 1];
      const vocative = isWord(g) && (g.w & F_VN_GIVEN) !== 0 && /^(?:oi|a)$/.test(toks[i + 2]?.f ?? '') && (toks[i + 2]?.marked ?? false);
      if (isWord(g) && (g.cap || vocative) && !g.upper && adjacent(tk, g) && (g.w & F_VN_GIVEN) !== 0 && ((g.w & F_HONORIFIC) === 0 || (g.cap && vocative))) {
        let last = i + 1;
        const g2 = toks[i + 2];
        if (isWord(g2) && g2.cap && adjacent(g, g2) && (g2.w & F_VN_GIVEN) !== 0) last = i + 2;
        const phrase = toks.slice(i + 1, last + 1).map((x) => x.f).join(' ');
        if (!NON_PERSON.has(phrase) && !(toks[last + 1]?.cap && toks[last + 1]?.kind === 'word')) {
          out.push({ startTok: i + 1, endTok: last, score: 0.7 });
          i = last + 1;
          continue;
        }
      }
    }
    // English title + name: "Mr. John Smith", "Ms Lan".
    if ((tk.w & F_EN_TITLE) !== 0 && tk.cap) {
      let j = i + 1;
      if (toks[j]?.f === '.') j++;
      const e = capRun(toks, j, 3);
      if (e >= j) {
        out.push({ startTok: j, endTok: e, score: 0.85 });
        i = e + 1;
        continue;
      }
    }
    if (tk.cap && (tk.w & F_EN_STOP) === 0) {
      // Given-name first: "John Smith", "Linh Tran".
      const n1 = toks[i + 1];
      const isFirst = (tk.w & F_EN_FIRST) !== 0 || (lang === 'en' && (tk.w & F_VN_GIVEN) !== 0);
      if (isFirst && isWord(n1) && n1.cap && adjacent(tk, n1) && (n1.w & F_EN_STOP) === 0 && !streetCtx) {
        const e = capRun(toks, i + 1, 2);
        if (e > i && ((n1.w & F_EN_LAST) !== 0 || (n1.w & F_VN_FAMILY) !== 0 || (tk.w & F_EN_FIRST) !== 0)) {
          out.push({ startTok: i, endTok: e, score: 0.8 });
          i = e + 1;
          continue;
        }
      }
      if (isWord(n1) && n1.cap && adjacent(tk, n1) && (n1.w & F_EN_LAST) !== 0 && !streetCtx && (cue !== null || lang === 'en') && (n1.w & F_VN_GIVEN) === 0) {
        out.push({ startTok: i, endTok: i + 1, score: 0.7 });
        i += 2;
        continue;
      }
      if (cue !== null) {
        const e = capRun(toks, i, 3);
        const single = e === i;
        // "Hi Denisa,", "Thanks, Agnes!": one capitalised word closed by punctuation after a greeting.
        const after = toks[e + 1];
        const addressed =
          single && GREETINGS.has(cue.phrase) && (after === undefined || (after.kind === 'punct' && after.f !== '-' && after.f !== '|')) &&
          (tk.w & F_HONORIFIC) === 0 && !NOT_ADDRESSEE.has(tk.f) && !SIGN_OFF_WORDS.has(tk.f) && !tk.upper;
        // "I am Rosamunda Uher", "This is Joy Zwoliński": two or more capitalised words after a self-introduction.
        const introduced = !single && SELF_INTRO.has(cue.phrase);
        const known = addressed || introduced || (tk.w & F_EN_FIRST) !== 0 || (tk.w & F_VN_GIVEN) !== 0 || (strong && (tk.w & F_VN_FAMILY) !== 0);
        // "Ship to Na Větrově 53": words before a house number after a delivery cue are a street.
        const street = SHIP_CUES.has(cue.phrase) && toks[e + (toks[e + 1]?.f === '.' ? 2 : 1)]?.kind === 'num';
        if (e >= i && !street && (strong ? !single || known || cue.phrase.startsWith('ten') || cue.phrase.includes('name') : known) && !isPlace(toks.slice(i, e + 1).map((x) => x.f).join(' '))) {
          out.push({ startTok: i, endTok: e, score: strong ? 0.8 : 0.6 });
          i = e + 1;
          continue;
        }
      }
    }
    // A name alone on the line after a sign-off ("Kind regards,\nSiobhan Gallagher").
    if (tk.cap && tk.nl && !tk.upper && (tk.w & (F_EN_STOP | F_HONORIFIC)) === 0 && !SIGN_OFF_WORDS.has(tk.f) && afterSignOff(toks, i)) {
      const e = capRun(toks, i, 4);
      const after = toks[e + 1];
      if (e >= i && (after === undefined || after.f === '\n' || (after.kind === 'punct' && after.f !== '-')) && !isNonPerson(toks, i, e)) {
        out.push({ startTok: i, endTok: e, score: 0.6 });
        i = e + 1;
        continue;
      }
    }
    // Self-introduction on the phone or in chat: "Lan đây ạ", "Tuấn Anh đây".
    if (tk.cap && !tk.upper && (tk.w & F_VN_GIVEN) !== 0 && (tk.w & F_HONORIFIC) === 0) {
      const n1 = toks[i + 1];
      const e = isWord(n1) && n1.cap && (n1.w & F_VN_GIVEN) !== 0 ? i + 1 : i;
      const here = toks[e + 1];
      if (here && norm.slice(here.s, here.e).toLowerCase() === 'đây') {
        out.push({ startTok: i, endTok: e, score: 0.6 });
        i = e + 2;
        continue;
      }
    }
    // Lowercase English name after a strong cue: "my name is david brown".
    if (strong && !tk.cap && (tk.w & F_EN_FIRST) !== 0) {
      const n1 = toks[i + 1];
      const e = isWord(n1) && adjacent(tk, n1) && (n1.w & F_EN_STOP) === 0 && ((n1.w & F_EN_LAST) !== 0 || (n1.w & F_VN_FAMILY) !== 0) ? i + 1 : i;
      out.push({ startTok: i, endTok: e, score: 0.6 });
      i = e + 1;
      continue;
    }
    i++;
  }
  return out.filter((h) => !inBrand(toks, h.startTok, h.endTok));
}

/** Last index of up to `max` adjacent capitalised non-stopwords starting at i, or i-1. */
function capRun(toks: readonly Token[], i: number, max: number): number {
  let last = i - 1;
  for (let j = i; j < i + max; j++) {
    const w = toks[j];
    if (!isWord(w) || !w.cap || (w.w & F_EN_STOP) !== 0) break;
    if (j > i && !adjacent(toks[j - 1] as Token, w)) break;
    last = j;
  }
  return last;
}

/** A list member: one capitalised word that could be a surname. */
function listMember(t: Token | undefined): boolean {
  return isWord(t) && t.cap && !t.upper && t.f.length > 1 && (t.w & (F_EN_STOP | F_HONORIFIC)) === 0 && !NOT_ADDRESSEE.has(t.f);
}

function isConjunction(t: Token | undefined): boolean {
  return t !== undefined && (t.f === 'and' || t.f === '&' || t.f === 'va');
}

/**
 * Names in a list ("Horváth, Okafor and Lindqvist"): one-word members joined by commas and a
 * final "and". The list counts when a member is already a person (`isPerson`), or it has three
 * or more members, does not open the sentence, and the model scores every member as a name.
 */
export function findNameLists(
  toks: readonly Token[],
  isPerson: (i: number) => boolean,
  modelScore: (i: number) => number,
): NameHit[] {
  const out: NameHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (!listMember(toks[i]) || (toks[i + 1]?.f !== ',' && !isConjunction(toks[i + 1]))) continue;
    const members = [i];
    let j = i + 1;
    let closed = false;
    while (j < toks.length) {
      let k = j;
      if (toks[k]?.f === ',') k++;
      const conj = isConjunction(toks[k]);
      if (conj) k++;
      if (k === j || !listMember(toks[k])) break;
      members.push(k);
      j = k + 1;
      if (conj) {
        closed = true;
        break;
      }
    }
    // The last member ends the list: another capitalised word after it means a longer phrase.
    const after = toks[j];
    if (!closed || (isWord(after) && after.cap) || isNonPerson(toks, i, j - 1)) {
      i = j - 1;
      continue;
    }
    const p = toks[i - 1];
    const opensSentence = !p || (p.kind === 'punct' && p.f !== ',');
    const known = members.some(isPerson);
    const scored = members.length >= 3 && !opensSentence && members.every((m) => modelScore(m) > 2);
    if (known || scored) for (const m of members) out.push({ startTok: m, endTok: m, score: 0.6 });
    i = j - 1;
  }
  return out;
}
