// Deterministic generator of the development corpus: realistic Vietnamese and English
// chat-commerce messages with gold spans, a third of them hard negatives.
// Run: npx tsx corpus/generate.ts [count] [seed]  → writes corpus/dev.jsonl
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PiiType } from '../src/detector/types.ts';
import { EN_NEGATIVE, EN_POSITIVE, EN_WORLD, VI_NEGATIVE, VI_POSITIVE, type Seg, type Template } from './templates.ts';
import { chance, makeRng, pick, stripMarks, type Rng } from './values.ts';

export interface GoldSpan {
  type: PiiType;
  start: number;
  end: number;
}
export interface CorpusLine {
  id: string;
  text: string;
  lang: 'vi' | 'en';
  spans: GoldSpan[];
  /** Hard-negative substrings (order codes, SKUs, prices, product names) no span may cover. */
  negatives?: Array<{ start: number; end: number }>;
}

const EMOJI = ['😍', '🙏', '❤️', '👍', '😭', '🥰', '✨', '📦', '😅', '🔥'];
const VI_OPENERS = ['', '', '', 'Shop ơi, ', 'Dạ ', 'Alo shop ', 'Chào shop, ', 'ad ơi ', 'Hi shop '];
const VI_CLOSERS = ['', '', '', ' ạ', ' nha', ' nhé', ' cảm ơn shop', ' thanks shop', ' ❤️'];
const EN_OPENERS = ['', '', '', 'Hi, ', 'Hello! ', 'Hey there, ', 'Good morning. '];
const EN_CLOSERS = ['', '', '', ' Thanks!', ' Cheers', ' Thank you.', ' 🙏'];

// Teencode spellings real customers type in place of the standard words.
const TEEN: Array<[RegExp, string[]]> = [
  [/\bsố điện thoại\b/g, ['sdt', 'sđt', 'số đt']],
  [/\bđịa chỉ\b/gi, ['đc', 'dc', 'đ/c']],
  [/\bsố tài khoản\b/g, ['stk']],
  [/\bchuyển khoản\b/g, ['ck']],
  [/\bkhông\b/g, ['ko', 'k', 'hông']],
  [/\bđược\b/g, ['dc', 'đc']],
];

function teencode(r: Rng, s: string): string {
  let out = s;
  for (const [re, subs] of TEEN) if (chance(r, 0.35)) out = out.replace(re, () => pick(r, subs));
  return out;
}

function noise(r: Rng, type: PiiType, value: string): string {
  if ((type === 'PHONE' || type === 'CARD') && chance(r, 0.03)) {
    const cut = 1 + Math.floor(r() * (value.length - 2));
    return value.slice(0, cut) + '\u200b' + value.slice(cut);
  }
  if ((type === 'PHONE' || type === 'CARD') && chance(r, 0.02)) {
    return value.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  }
  return value;
}

function render(r: Rng, segs: Seg[], lang: 'vi' | 'en'): Pick<CorpusLine, 'text' | 'spans' | 'negatives'> {
  const plain = lang === 'vi' && chance(r, 0.28);
  const lower = chance(r, lang === 'vi' ? 0.12 : 0.05);
  let text = '';
  const spans: GoldSpan[] = [];
  const negatives: Array<{ start: number; end: number }> = [];
  for (const seg of segs) {
    if (typeof seg === 'string') {
      let s = lang === 'vi' ? teencode(r, seg) : seg;
      if (plain) s = stripMarks(s);
      if (lower) s = s.toLowerCase();
      text += s;
    } else if (seg[0] === 'NEG') {
      let v = seg[1];
      if (plain) v = stripMarks(v);
      if (lower) v = v.toLowerCase();
      negatives.push({ start: text.length, end: text.length + v.length });
      text += v;
    } else {
      const [type, raw] = seg;
      let v = noise(r, type, raw);
      if (plain) v = stripMarks(v);
      if (lower && type !== 'PERSON') v = v.toLowerCase();
      else if (lower && type === 'PERSON' && chance(r, 0.5)) v = v.toLowerCase();
      spans.push({ type, start: text.length, end: text.length + v.length });
      text += v;
    }
  }
  return { text, spans, negatives };
}

function compose(r: Rng, lang: 'vi' | 'en'): Seg[] {
  const negative = chance(r, 0.34);
  const pos: Template[] = lang === 'vi' ? VI_POSITIVE : chance(r, 0.4) ? EN_WORLD : EN_POSITIVE;
  const neg: Template[] = lang === 'vi' ? VI_NEGATIVE : EN_NEGATIVE;
  const main = pick(r, negative ? neg : pos)(r);
  const open = pick(r, lang === 'vi' ? VI_OPENERS : EN_OPENERS);
  const close = pick(r, lang === 'vi' ? VI_CLOSERS : EN_CLOSERS);
  const segs: Seg[] = [open, ...main, close];
  if (chance(r, 0.25)) segs.push(' ', ...pick(r, neg)(r));
  if (!negative && chance(r, 0.15)) segs.push('. ', ...pick(r, pos)(r));
  if (chance(r, 0.15)) segs.push(' ' + pick(r, EMOJI));
  return segs;
}

/** Builds `count` corpus lines from `seed`. */
export function generateCorpus(count: number, seed: number): CorpusLine[] {
  const r = makeRng(seed);
  const out: CorpusLine[] = [];
  for (let i = 0; i < count; i++) {
    const lang = chance(r, 0.55) ? 'vi' : 'en';
    const { text, spans, negatives } = render(r, compose(r, lang), lang);
    out.push({ id: `dev-${String(i + 1).padStart(5, '0')}`, text, lang, spans, negatives });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 3000);
  const seed = Number(process.argv[3] ?? 20250713);
  const lines = generateCorpus(count, seed);
  const target = fileURLToPath(new URL('./dev.jsonl', import.meta.url));
  writeFileSync(target, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  console.log(`wrote ${lines.length} lines to corpus/dev.jsonl`);
}
