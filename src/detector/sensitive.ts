// Disclosures in the special categories (health, religion, politics, ethnicity, sex life or
// orientation, criminal record, union membership, biometric/genetic data). A topic word is
// reported only when a first-person or family subject owns it ("em bị tiểu đường", "I'm
// Catholic", "vân tay của tôi"); product talk ("kem trị mụn", "sữa cho người tiểu đường")
// is not a disclosure.
import { SENSITIVE_TERMS, type SensitiveCategory } from './data/sensitiveTerms.ts';
import { EN_CONDITION_HEADS_AFTER, EN_CONDITION_SUFFIX, EN_MEDICINE_SUFFIX, VN_ETHNIC_GROUPS } from './data/sensitiveVocab.ts';
import { phraseKey } from './phrases.ts';
import type { TextView } from './normalize.ts';
import type { Token } from './tokens.ts';
import { wordFlag } from './wordFlags.ts';

const TERMS = new Map<string, SensitiveCategory>();
const HEADS = new Set<string>();
for (const g of SENSITIVE_TERMS) {
  for (const t of g.terms) {
    const key = phraseKey(t);
    if (g.head) HEADS.add(key);
    else if (!TERMS.has(key)) TERMS.set(key, g.category);
  }
}
for (const h of HEADS) TERMS.delete(h);
// "người Tày", "dân tộc Thái": the group word must be capitalised ("người tây" is a Westerner).
const ETHNIC_KEYS = new Set(VN_ETHNIC_GROUPS.flatMap((g) => [`nguoi ${phraseKey(g)}`, `dan toc ${phraseKey(g)}`]));
const F_FIRST_WORD = wordFlag([...TERMS.keys()].map((k) => k.split(' ')[0] as string));
// Word prefixes of every term, so the longest-match walk stops as soon as no term can follow.
const PREFIXES = new Set<string>();
for (const k of TERMS.keys()) {
  const words = k.split(' ');
  for (let n = 1; n <= words.length; n++) PREFIXES.add(words.slice(0, n).join(' '));
}
const MAX_TERM_WORDS = Math.max(...[...TERMS.keys()].map((k) => k.split(' ').length));
// Every word of every term: a token outside this list ends the longest-match walk before any
// key string is built.
const F_TERM_WORD = wordFlag(new Set([...TERMS.keys()].flatMap((k) => k.split(' '))));
// Words that end some term, and words some term continues after: a key built so far can be a
// term only when its last word is of the first kind, and can grow only when of the second.
const F_TERM_LAST = wordFlag(new Set([...TERMS.keys()].map((k) => k.split(' ').pop() as string)));
const F_TERM_INNER = wordFlag(new Set([...TERMS.keys()].flatMap((k) => k.split(' ').slice(0, -1))));

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
    const quoted = t.f.includes("'");
    if ((t.w & F_TERM_WORD) === 0 && !quoted) break;
    key += ' ' + wordKey(t);
    prev = t;
    if (((t.w & F_TERM_LAST) !== 0 || quoted) && TERMS.has(key)) best = [key, j];
    if (((t.w & F_TERM_INNER) === 0 && !quoted) || !PREFIXES.has(key)) break;
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
  /(?<![a-z0-9'])(?:toi|em|minh|tui|tao|con|vo|chong|me|bo|ba|ong|be|chau|gia dinh|anh|chi|i|i'm|im|i've|ive|i'd|me|my|we|we're|our|mine|wife|husband|son|daughter|mom|mum|dad|mother|father|kid|child|baby|partner|boyfriend|girlfriend|as a|as an|he|she|he's|she's|his|her|anh ay|chi ay|co ay|ong ay|ba ay|ban em|ban toi|ban minh)(?![a-z0-9'])/g;
const COPULA_RE =
  /(?:^|[^a-z0-9])(?:la|dang|bi|mac|co|theo|vao|thuoc|ung ho|i'm|im|am|is|are|was|a|an|as|be|'m|have|has|got|identify as|been|la nguoi|theo dao|tung|vua|mang|from|with|suffer from|suffering from|living with|diagnosed with)\s*$/;
const NEG_RE =
  /(?<![a-z0-9])(?:thuoc|kem|sua|may|sach|tuong|vong|dung cu|san pham|sp|cho nguoi|danh cho|nguoi bi|benh nhan|ho tro|phong ngua|chong|thuoc tri|kem tri|test|que thu|kit|vitamin|thuc pham|tpcn|product|for people|for those|suitable|safe for|friendly|book|app|lock|khoa|sensor|cam bien|toy|shirt|ao|nhom|cong dong|community|blog|quy|foundation|charity|tap chi|bai viet|phim|film|movie|article|news|tin tuc|khach|customers|nguoi dung|users|patients|people with|those with|anyone|ai|menu|mon|recipe|cong thuc|friendly|diet|food|do an|gift|about|cac|nhung|shop|store|ban|sell|sells|selling|brand|color|colour|mau|size)(?![a-z0-9])/;
const QUALIFIER_RE =
  /^(?: ?(?:type|tuyp|typ|tip|loai|giai doan|stage|do) ?[0-9ivx]{1,3}| (?:duoc )?\d{1,2} (?:thang|tuan|months?|weeks?)| (?:b|c)(?![a-z0-9]))/;
const POSSESSOR_AFTER_RE = /^ (?:cua (?:toi|em|minh|tui|con|vo|chong|me|bo)|of mine)(?![a-z0-9])/;

const WINDOW = 48;

// Accented spellings a condition head must have when typed with diacritics ("suy nghĩ",
// "nghiên cứu", "chứng minh" fold onto heads); heads marked `false` also need them unaccented.
const HEAD_FORMS = new Map<string, [RegExp, boolean]>([
  ['benh', [/^bệnh$/, true]], ['hoi chung', [/^hội chứng$/, true]], ['roi loan', [/^rối loạn$/, true]], ['ung thu', [/^ung thư$/, true]],
  ['viem', [/^viêm$/, true]], ['suy', [/^suy$/, false]], ['nhiem', [/^nhiễm$/, true]], ['thoai hoa', [/^thoái h(?:óa|oá|oa)$/, true]],
  ['xo', [/^xơ$/, false]], ['soi', [/^sỏi$/, false]], ['loan', [/^loạn$/, false]], ['chung', [/^chứng$/, false]], ['teo', [/^teo$/, false]],
  ['di tat', [/^dị tật$/, true]], ['khuyet tat', [/^khuyết tật$/, true]], ['nghien', [/^nghiện$/, true]], ['dot bien', [/^đột biến$/, true]],
  ['ton thuong', [/^tổn thương$/, true]], ['chan thuong', [/^chấn thương$/, true]], ['di chung', [/^di chứng$/, true]],
  ['bien chung', [/^biến chứng$/, true]], ['phau thuat', [/^phẫu thuật$/, true]],
]);
const F_HEAD_FIRST = wordFlag([...HEADS].map((k) => k.split(' ')[0] as string));
// Words that end a condition name after its head ("bệnh vảy nến nên ...", "bệnh viện").
const VI_TOPIC_STOP = new Set(
  ('nen va thi nhung khong ko k roi a ah nha nhe shop oi duoc dc co voi cho de ma la vi khi tu o dang nam thang tuan tuoi lau nay do ' +
    'day gi nao can muon mua dung uong an hoi em anh chi toi minh con me bo ba ong nhieu it hon qua lam rat hay cung se da vua moi nua ' +
    'luon van mot hai vien nghi luan cuu minh tu khoan chi tin don hang sp san pham kem thuoc tri nang nhe lai ra vao len xuong di ' +
    've ay kia nhu the sao ai bi mac theo tren duoi sau truoc').split(' '),
);
// The accented spellings of those words: typed with diacritics, "vữa", "nấm", "cổ" and "túi" fold
// onto "vừa", "năm", "có" and "tui" but continue the condition name ("xơ vữa động mạch").
const VI_TOPIC_STOP_MARKED = new Set(
  ('nên và thì nhưng không rồi à ạ nha nhé ơi được có cô với cho để mà là vì khi từ tự ở đang năm nằm tháng tuần tuổi lâu này nay ' +
    'đó do đây đấy gì nào cần muốn mua dùng uống ăn hỏi em anh chị tôi mình con mẹ bố ba bà ông nhiều ít hơn quá qua làm lắm rất ' +
    'hay cũng sẽ đã vừa mới nữa luôn vẫn một hai viên viện nghỉ luận cứu khoản chi tin đơn hàng sản phẩm kem thuốc trị nặng nhẹ ' +
    'lại ra vào lên xuống đi về ấy kia như thế sao ai bị mắc theo trên dưới sau trước tui chỉ tư vấn nghĩ luân cựu minh').split(' '),
);

// In text typed with diacritics (`marked`), a plain word is spelled as meant: "da" is skin,
// not "đã"; typed without them, every folded stop word ends the name.
function isTopicStop(view: TextView, t: Token, marked: boolean): boolean {
  if (!VI_TOPIC_STOP.has(t.f)) return false;
  return (!t.marked && !marked) || VI_TOPIC_STOP_MARKED.has(view.norm.slice(t.s, t.e).toLowerCase());
}
const EN_FUNC = new Set(
  ('i i\'m im my me we our he she his her they their is am are was were be been have has had with from of diagnosed suffer suffers ' +
    'suffering living got get a an the and or on for take takes taking took prescribed started using use dose about to in at by ' +
    'this that it its so but also still just really very bad severe mild some any no not').split(' '),
);
const EN_SUFFIX_EXCLUDE = new Set(
  ('diagnosis prognosis osmosis hypnosis symbiosis aroma diploma stoma sympathy empathy apathy telepathy trophy nostalgia academia ' +
    'mania pathos pina spine alpine supine porcupine clementine condone abandoned done pathy chroma tokyo sauna').split(' '),
);
const EN_MED_FRAME = /(?:^|\s)(?:take|takes|taking|took|on|prescribed|started|using|need|needs|inject|injecting)(?: [a-z]+)? $/;
const EN_HEAD_AFTER = new Set(EN_CONDITION_HEADS_AFTER);
const EN_WORD_RE = /^[a-z]{5,}$/;
// Word → 1 (condition shape), 2 (medicine shape) or 0, kept across calls; emptied when full.
const EN_SHAPE_CACHE = new Map<string, number>();
const EN_SHAPE_CACHE_MAX = 8192;

function englishShape(word: string): number {
  let v = EN_SHAPE_CACHE.get(word);
  if (v !== undefined) return v;
  v = 0;
  if (EN_WORD_RE.test(word) && !EN_SUFFIX_EXCLUDE.has(word)) {
    if (EN_CONDITION_SUFFIX.test(word) || EN_HEAD_AFTER.has(word)) v = 1;
    else if (EN_MEDICINE_SUFFIX.test(word)) v = 2;
  }
  if (EN_SHAPE_CACHE.size >= EN_SHAPE_CACHE_MAX) EN_SHAPE_CACHE.clear();
  EN_SHAPE_CACHE.set(word, v);
  return v;
}

interface Topic {
  last: number;
  cat: SensitiveCategory;
  term: string;
}

/** A condition opened by a Vietnamese head word ("bệnh vảy nến", "hội chứng Turner"). */
function headAt(view: TextView, toks: readonly Token[], i: number): Topic | null {
  const first = toks[i] as Token;
  for (const n of [2, 1]) {
    const lastHead = i + n - 1;
    const lt = toks[lastHead];
    if (!lt || lt.kind !== 'word') continue;
    let key = first.f;
    let ok = true;
    for (let j = i + 1; j <= lastHead; j++) {
      const t = toks[j] as Token;
      if (t.kind !== 'word' || t.s - (toks[j - 1] as Token).e !== 1) ok = false;
      else key += ' ' + t.f;
    }
    if (!ok || !HEADS.has(key)) continue;
    const form = HEAD_FORMS.get(key);
    const text = view.norm.slice(first.s, lt.e).toLowerCase();
    const marked = first.marked || lt.marked;
    if (form && (marked || !form[1]) && !form[0].test(text)) continue;
    let last = lastHead;
    for (let j = lastHead + 1; j <= lastHead + 3 && j < toks.length; j++) {
      const t = toks[j] as Token;
      if (t.kind !== 'word' || t.s - (toks[j - 1] as Token).e !== 1 || isTopicStop(view, t, marked)) break;
      last = j;
    }
    if (last === lastHead && !TERMS.has(key)) return null;
    return { last, cat: 'health', term: key };
  }
  return null;
}

/** English conditions and medicines by shape: "cystic fibrosis", "Addison's disease", "on tenofovir". */
function englishTopics(view: TextView, toks: readonly Token[]): Map<number, Topic> {
  const out = new Map<number, Topic>();
  const fold = view.fold;
  // Whole words of five or more letters a–z, by token (a word with a digit, apostrophe or
  // other letter is not one), each shape test answered once per distinct word.
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as Token;
    if (t.kind !== 'word' || t.e - t.s < 5) continue;
    const shape = englishShape(t.f);
    if (shape === 0) continue;
    const word = t.f;
    const med = shape === 2;
    if (med) {
      if (!EN_MED_FRAME.test(fold.slice(Math.max(0, t.s - 24), t.s))) continue;
      out.set(k, { last: k, cat: 'health', term: word });
      continue;
    }
    // Walk back over the modifiers of the condition name ("multiple myeloma", "Addison's disease").
    let start = k;
    for (let j = k - 1; j >= k - 3 && j >= 0; j--) {
      const p = toks[j] as Token;
      if (p.kind === 'punct' && p.f === "'" ) continue;
      if (p.kind !== 'word' || EN_FUNC.has(p.f) || (toks[j + 1] as Token).s - p.e > 1) break;
      start = j;
    }
    if (EN_HEAD_AFTER.has(word) && start === k) continue;
    if (!out.has(start)) out.set(start, { last: k, cat: 'health', term: word });
  }
  return out;
}

/** The listed term or condition shape starting at token i, reaching furthest. */
function topicAt(view: TextView, toks: readonly Token[], i: number, english: Map<number, Topic>): Topic | null {
  const tok = toks[i] as Token;
  let best: Topic | null = null;
  if ((tok.w & F_FIRST_WORD) !== 0) {
    const hit = termAt(toks, i);
    if (hit) {
      let [term, lastTok] = hit;
      // "theo đạo Phật": a term starting inside this one may reach further.
      for (let j = i + 1; j <= lastTok; j++) {
        const inner = ((toks[j] as Token).w & F_FIRST_WORD) !== 0 ? termAt(toks, j) : null;
        if (inner && inner[1] > lastTok) [term, lastTok] = [inner[0], inner[1]];
      }
      if (!ETHNIC_KEYS.has(term) || (toks[lastTok] as Token).cap || (toks[i + 1] as Token).cap) {
        best = { last: lastTok, cat: TERMS.get(term) ?? 'health', term };
      }
    }
  }
  if ((tok.w & F_HEAD_FIRST) !== 0) {
    const h = headAt(view, toks, i);
    if (h && (!best || h.last > best.last)) best = h;
  }
  const en = english.get(i);
  if (en && (!best || en.last > best.last)) best = en;
  return best;
}

export interface SensitiveHit {
  start: number;
  end: number;
  category: SensitiveCategory;
}

/** Sensitive-category disclosures in the normalised view, each with its category. */
export function findSensitive(view: TextView, toks: readonly Token[]): SensitiveHit[] {
  const fold = view.fold;
  const out: SensitiveHit[] = [];
  const english = englishTopics(view, toks);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] as Token;
    if (tok.kind !== 'word' || ((tok.w & (F_FIRST_WORD | F_HEAD_FIRST)) === 0 && (english.size === 0 || !english.has(i)))) continue;
    const topic = topicAt(view, toks, i, english);
    if (!topic) continue;
    const term = topic.term;
    const lastTok = topic.last;
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
    out.push({ start, end: te, category: topic.cat });
    while (i + 1 < toks.length && (toks[i + 1] as Token).s < te) i++;
  }
  return out;
}
