// Converts corpus/handwritten.txt (messages with [[TYPE|text]] markup, written by hand and
// never produced by the generator) into corpus/handwritten.jsonl with gold offsets.
// Run: npx tsx corpus/handwritten.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PiiType } from '../src/detector/types.ts';
import type { CorpusLine, GoldSpan } from './generate.ts';

const MARK = /\[\[([A-Z_]+)\|([^\]]*)\]\]/g;

/** Parses one marked-up message into text and gold spans. */
export function parseMarked(marked: string): { text: string; spans: GoldSpan[] } {
  let text = '';
  const spans: GoldSpan[] = [];
  let pos = 0;
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(pos, m.index);
    const value = m[2] as string;
    spans.push({ type: m[1] as PiiType, start: text.length, end: text.length + value.length });
    text += value;
    pos = (m.index as number) + m[0].length;
  }
  text += marked.slice(pos);
  return { text, spans };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `npx tsx corpus/handwritten.ts blind` converts corpus/blind.txt the same way.
  const name = process.argv[2] === 'blind' ? 'blind' : 'handwritten';
  const prefix = name === 'blind' ? 'bl' : 'hw';
  const src = readFileSync(new URL(`./${name}.txt`, import.meta.url), 'utf8');
  const lines: CorpusLine[] = [];
  for (const raw of src.split('\n')) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const tab = raw.indexOf('\t');
    const lang = raw.slice(0, tab) as 'vi' | 'en';
    const { text, spans } = parseMarked(raw.slice(tab + 1).replace(/\\n/g, '\n'));
    lines.push({ id: `${prefix}-${String(lines.length + 1).padStart(4, '0')}`, text, lang, spans });
  }
  writeFileSync(fileURLToPath(new URL(`./${name}.jsonl`, import.meta.url)), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  console.log(`wrote ${lines.length} lines to corpus/${name}.jsonl`);
}
