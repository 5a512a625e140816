import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') || p.endsWith('.tsx') ? [p] : [];
});
const SOURCES = files(join(ROOT, 'src')).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

// Anything that can open an outbound HTTP connection from the server, and the platforms' send endpoints.
const OUTBOUND = /\bfetch\(|\bfrom 'node:https?'|\bfrom 'https?'|\bundici\b|\baxios\b|\bgot\(|XMLHttpRequest|\bnet\.connect\(|\bcreateConnection\(/;
const SEND_API = /\/me\/messages|oa\/message|sendMessage|graph\.facebook\.com|openapi\.zalo\.me|api\.telegram\.org/;

describe('one outbound path to the platforms', () => {
  it('[C11] [C29] only the platform adapters open connections to a platform send API, and only the delivery job calls them', () => {
    // The other callers of fetch: the browser's own same-origin API client (it runs in the page,
    // not the server) and the forwarding of a request to a processor's own endpoint (C35), which
    // names no platform API (checked below with the rest).
    const outbound = SOURCES.filter((f) => OUTBOUND.test(f.text)).map((f) => f.path).sort();
    expect(outbound).toEqual(['src/channels/adapters.ts', 'src/dsr/forward.ts', 'src/web/client/lib/app.ts', 'src/web/client/lib/console.ts']);
    for (const f of SOURCES.filter((s) => s.path.startsWith('src/web/client/'))) expect(f.text, f.path).not.toMatch(SEND_API);
    const sendApi = SOURCES.filter((f) => SEND_API.test(f.text)).map((f) => f.path).sort();
    expect(sendApi).toEqual(['src/channels/adapters.ts', 'src/config.ts']);
    const importers = SOURCES.filter((f) => /from '\.\/adapters\.ts'|channels\/adapters\.ts'/.test(f.text)).map((f) => f.path);
    expect(importers).toEqual(['src/channels/deliver.ts']);
    // And the delivery job sends only what the one send path queued: it reads outbound_messages, which only queueMessage writes.
    const writers = SOURCES.filter((f) => /INSERT INTO outbound_messages/.test(f.text)).map((f) => f.path);
    expect(writers).toEqual(['src/channels/outbound.ts']);
  });
});
