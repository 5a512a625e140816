// `pledge detect`: batch personal-data detection over JSON lines, or a one-off text.
// Protocol (--jsonl): each stdin line {"id","text","lang"} yields exactly one stdout line
// {"id","spans":[{"type","start","end"}]} in the same order; blank lines are skipped and a
// malformed line still yields {"id":null,"spans":[],"error":"malformed_json"}.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { detect, type Lang } from '../detector/index.ts';

interface InputLine {
  id?: unknown;
  text?: unknown;
  lang?: unknown;
}

function toLang(v: unknown): Lang | undefined {
  return v === 'vi' || v === 'en' ? v : undefined;
}

/** Answers one protocol line; never throws. */
export function answerLine(line: string): string {
  let parsed: InputLine;
  try {
    const value: unknown = JSON.parse(line);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    parsed = value as InputLine;
  } catch {
    return JSON.stringify({ id: null, spans: [], error: 'malformed_json' });
  }
  const id = parsed.id ?? null;
  const text = typeof parsed.text === 'string' ? parsed.text : '';
  const spans = detect(text, { lang: toLang(parsed.lang) }).map((s) => ({ type: s.type, start: s.start, end: s.end }));
  return JSON.stringify({ id, spans });
}

function write(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (output.write(chunk)) resolve();
    else output.once('drain', () => resolve());
  });
}

/** Reads protocol lines from `input` and writes one answer line per input line to `output`. */
export async function runDetectJsonl(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    await write(output, answerLine(line) + '\n');
  }
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Adds `detect [text] [--jsonl] [--lang vi|en]` to the CLI. */
export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('find personal data in text (argument or stdin); --jsonl for the batch protocol')
    .argument('[text]', 'text to scan; read from stdin when omitted')
    .option('--jsonl', 'read {"id","text","lang"} lines on stdin, write {"id","spans"} lines')
    .option('--lang <lang>', 'language hint: vi or en')
    .action(async (text: string | undefined, opts: { jsonl?: boolean; lang?: string }) => {
      if (opts.jsonl) {
        await runDetectJsonl(process.stdin, process.stdout);
        return;
      }
      const input = text ?? (await readAll(process.stdin));
      const spans = detect(input, { lang: toLang(opts.lang) });
      const shown = spans.map((s) => ({ ...s, text: input.slice(s.start, s.end) }));
      process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
    });
}
