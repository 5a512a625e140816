// Disclosures in the special categories (health, religion, politics, ethnicity, sex life or
// orientation, criminal record, union membership, biometric/genetic data). A topic word is
// reported only when a first-person or family subject owns it ("em bị tiểu đường", "I'm
// Catholic", "vân tay của tôi"); product talk ("kem trị mụn", "sữa cho người tiểu đường")
// is not a disclosure.
import { SENSITIVE_TERMS, type Frame } from './data/sensitiveTerms.ts';
import { phraseKey } from './phrases.ts';
import type { TextView } from './normalize.ts';
import type { Token } from './tokens.ts';
import { wordFlag } from './wordFlags.ts';

const TERMS = new Map<string, Frame>();
for (const g of SENSITIVE_TERMS) for (const t of g.terms) if (!TERMS.has(phraseKey(t))) TERMS.set(phraseKey(t), g.frame);
const F_FIRST_WORD = wordFlag([...TERMS.keys()].map((k) => k.split(' ')[0] as string));
// Word prefixes of every term, so the longest-match walk stops as soon as no term can follow.
const PREFIXES = new Set<string>();
for (const k of TERMS.keys()) {
  const words = k.split(' ');
  for (let n = 1; n <= words.length; n++) PREFIXES.add(words.slice(0, n).join(' '));
}
const MAX_TERM_WORDS = Math.max(...[...TERMS.keys()].map((k) => k.split(' ').length));

function wordKey(t: Token): string {
  return t.f.includes("'") ? t.f.replace(/'/g, ' ') : t.f;
}

/** Longest listed term starting at token i; returns [key, last token index] or null. */
function termAt(toks: readonly Token[], i: number): [string, number] | null {
  const first = toks[i] as Token;
  let key = wordKey(first);
  let best: [string, number] | null = TERMS.has(key) ? [key, i] : null;
  if (!PREFIXES.has(key)) return best;
  let prev = first;
  let j = i + 1;
  for (let n = 1; n < MAX_TERM_WORDS && j < toks.length; n++, j++) {
    let t = toks[j] as Token;
    if (t.kind === 'punct' && t.f === '-' && t.s === prev.e) {
      j++;
      t = toks[j] as Token;
      if (!t || t.s !== prev.e + 1) break;
    } else if (t.s - prev.e !== 1 || t.kind === 'punct') break;
    key += ' ' + wordKey(t);
    prev = t;
    if (TERMS.has(key)) best = [key, j];
    if (!PREFIXES.has(key)) break;
  }
  return best;
}

// Terms whose folded form collides with everyday words: they need the subject and a copula
// or verb right before them, and their accented form must be the sensitive one.
const STRICT = new Map<string, RegExp | null>([
  ['gay', /^gay$/i],
  ['les', /^les$/i],
  ['bi', /^bi$/i],
  ['trans', /^trans$/i],
  ['black', null],
  ['roma', null],
  ['ede', null],
  ['the union', null],
  ['a record', null],
  ['arrested', null],
  ['insulin', null],
  ['covid', null],
  ['cai tao', null],
  ['tin do', null],
  ['islam', null],
  ['anxiety', null],
  ['disabled', null],
  ['allergic', null],
  ['chemo', null],
  ['maga', null],
  ['socialist', null],
  ['conservative voter', null],
  ['indigenous', null],
  ['thyroid', null],
  ['ocd', null],
  ['ibs', null],
  ['hindu', null],
]);

// Folded forms that collide with everyday words: the accented text must be the sensitive one.
const ACCENTED = new Map<string, RegExp>([
  ['bau', /^(?:bầu|bau)$/i],
  ['di tu', /^(?:đi tù|di tu)$/i],
  ['o tu', /^(?:ở tù|o tu)$/i],
  ['ra tu', /^(?:ra tù|ra tu)$/i],
  ['vua ra tu', /^(?:vừa ra tù|vua ra tu)$/i],
  ['an tu', /^(?:án tù|an tu)$/i],
  ['ngoi tu', /^(?:ngồi tù|ngoi tu)$/i],
  ['gut', /^(?:gút|gut)$/i],
  ['suyen', /^(?:suyễn|suyen)$/i],
  ['tu ky', /^(?:tự kỷ|tự kỉ|tu ky)$/i],
  ['tu ki', /^(?:tự kỉ|tu ki)$/i],
  ['cai tao', /^(?:cải tạo|cai tao)$/i],
]);

const SUBJ_RE =
  /(?<![a-z0-9'])(?:toi|em|minh|tui|tao|con|vo|chong|me|bo|ba|ong|be|chau|gia dinh|anh|chi|i|i'm|im|i've|ive|i'd|me|my|we|we're|our|mine|wife|husband|son|daughter|mom|mum|dad|mother|father|kid|child|baby|partner|boyfriend|girlfriend|as a|as an)(?![a-z0-9'])/g;
const COPULA_RE =
  /(?:^|[^a-z0-9])(?:la|dang|bi|mac|co|theo|vao|thuoc|ung ho|i'm|im|am|is|are|was|a|an|as|be|'m|have|has|got|identify as|been|la nguoi|theo dao|tung|vua|mang|from|with|suffer from|suffering from|living with|diagnosed with)\s*$/;
const NEG_RE =
  /(?<![a-z0-9])(?:thuoc|kem|sua|may|sach|tuong|vong|dung cu|san pham|sp|cho nguoi|danh cho|nguoi bi|benh nhan|ho tro|phong ngua|chong|thuoc tri|kem tri|test|que thu|kit|vitamin|thuc pham|tpcn|product|for people|for those|suitable|safe for|friendly|book|app|lock|khoa|sensor|cam bien|toy|shirt|ao|nhom|cong dong|community|blog|quy|foundation|charity|tap chi|bai viet|phim|film|movie|article|news|tin tuc|khach|customers|nguoi dung|users|patients|people with|those with|anyone|ai|menu|mon|recipe|cong thuc|friendly|diet|food|do an|gift|about|cac|nhung|shop|store|ban|sell|sells|selling|brand|color|colour|mau|size)(?![a-z0-9])/;
const QUALIFIER_RE =
  /^(?: ?(?:type|tuyp|typ|tip|loai|giai doan|stage|do) ?[0-9ivx]{1,3}| (?:duoc )?\d{1,2} (?:thang|tuan|months?|weeks?)| (?:b|c)(?![a-z0-9]))/;
const POSSESSOR_AFTER_RE = /^ (?:cua (?:toi|em|minh|tui|con|vo|chong|me|bo)|of mine)(?![a-z0-9])/;

const WINDOW = 48;

/** [start, end) ranges of sensitive-category disclosures in the normalised view. */
export function findSensitive(view: TextView, toks: readonly Token[]): Array<[number, number]> {
  const fold = view.fold;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] as Token;
    if (tok.kind !== 'word' || (tok.w & F_FIRST_WORD) === 0) continue;
    const hit = termAt(toks, i);
    if (!hit) continue;
    let [term, lastTok] = hit;
    // "theo đạo Phật": a term starting inside this one may reach further.
    for (let j = i + 1; j <= lastTok; j++) {
      const inner = ((toks[j] as Token).w & F_FIRST_WORD) !== 0 ? termAt(toks, j) : null;
      if (inner && inner[1] > lastTok) [term, lastTok] = [inner[0], inner[1]];
    }
    const ts = tok.s;
    let te = (toks[lastTok] as Token).e;
    const accent = ACCENTED.get(term) ?? STRICT.get(term);
    const strict = STRICT.has(term);
    if (accent && !accent.test(view.norm.slice(ts, te))) continue;
    const q = QUALIFIER_RE.exec(fold.slice(te, te + 16));
    if (q) te += q[0].length;
    if (term === 'bau' && !q && !/(?:co|dang|mang) $/.test(fold.slice(Math.max(0, ts - 5), ts))) continue;

    let from = Math.max(0, ts - WINDOW);
    const w0 = fold.slice(from, ts);
    const cut = Math.max(w0.lastIndexOf('.'), w0.lastIndexOf('!'), w0.lastIndexOf('?'), w0.lastIndexOf('\n'), w0.lastIndexOf(';'), w0.lastIndexOf(','));
    if (cut >= 0) from += cut + 1;
    const w = fold.slice(from, ts);
    // The last subject word, extended back over a possessive chain ("mẹ em", "my wife").
    let subj = -1;
    let chainEnd = -1;
    SUBJ_RE.lastIndex = 0;
    for (let s = SUBJ_RE.exec(w); s; s = SUBJ_RE.exec(w)) {
      if (!(subj >= 0 && s.index === chainEnd + 1)) subj = s.index;
      chainEnd = s.index + s[0].length;
    }
    if (subj >= 0 && chainEnd < w.length - 36) subj = -1;
    let start = -1;
    if (subj >= 0) {
      const between = w.slice(subj);
      const gap = w.length - subj;
      if (NEG_RE.test(between.replace(/^\S+/, ''))) continue;
      if (strict && (!COPULA_RE.test(between) || gap > 22)) continue;
      if (gap <= 36) start = from + subj;
    }
    if (start < 0 && !strict) {
      const after = POSSESSOR_AFTER_RE.exec(fold.slice(te, te + 16));
      if (after && !NEG_RE.test(w.slice(-14))) {
        start = ts;
        te += after[0].length;
      }
    }
    if (start < 0) continue;
    out.push([start, te]);
    while (i + 1 < toks.length && (toks[i + 1] as Token).s < te) i++;
  }
  return out;
}
