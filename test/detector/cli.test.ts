import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDetectJsonl } from '../../src/cli/detect.ts';

const lines = [
  { id: 'a1', text: 'sđt em 0912 345 678 nhé', lang: 'vi' },
  { id: 'a2', text: 'Mã đơn DH123456 giá 350k', lang: 'vi' },
  { id: 7, text: 'Mail me at j.doe@example.com', lang: 'en' },
];
const expected = [
  { id: 'a1', spans: [{ type: 'PHONE', start: 7, end: 19 }] },
  { id: 'a2', spans: [] },
  { id: 7, spans: [{ type: 'EMAIL', start: 11, end: 28 }] },
];

function runCli(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/pledge.js', 'detect', '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('pledge detect --jsonl', () => {
  it('answers one line per input line, in order, and exits 0 at end of input', async () => {
    const input = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    const { code, stdout } = await runCli(input);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(expected);
  });

  it('skips blank lines and answers a malformed line with an error line', async () => {
    const input = `${JSON.stringify(lines[0])}\n\n{not json\n${JSON.stringify(lines[2])}`;
    const { code, stdout } = await runCli(input);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      expected[0],
      { id: null, spans: [], error: 'malformed_json' },
      expected[2],
    ]);
  });

  it('runs in-process over streams', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const done = runDetectJsonl(input, output);
    input.end(lines.map((l) => JSON.stringify(l)).join('\r\n'));
    await done;
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(expected);
  });
});
