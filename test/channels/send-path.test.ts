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
const OUTBOUND = /\bfetch\(|\bundici\b|\baxios\b|\bgot\(|XMLHttpRequest|\bnet\.connect\(|\bcreateConnection\(/;
// node:http(s) opens connections only through request/get/Agent (or a namespace import): a module
// that imports only createServer or types from it serves, it does not call out.
const HTTP_IMPORT = /import\s+(type\s+)?(\*\s+as\s+\w+|\w+|\{([^}]*)\})\s+from\s+'(node:)?https?'/g;
const callsOut = (text: string): boolean => OUTBOUND.test(text) || [...text.matchAll(HTTP_IMPORT)].some((m) =>
  !m[1] && (m[3] === undefined || /\b(request|get|Agent|globalAgent)\b/.test(m[3].replace(/\btype\s+\w+/g, ''))));
const SEND_API = /\/me\/messages|oa\/message|sendMessage|graph\.facebook\.com|openapi\.zalo\.me|api\.telegram\.org/;

describe('one outbound path to the platforms', () => {
  it('[C11] [C29] only the platform adapters open connections to a platform send API, and only the delivery job calls them', () => {
    // The other callers of fetch: the browser's own same-origin API client (it runs in the page,
    // not the server) and the forwarding of a request to a processor's own endpoint (C35), which
    // names no platform API (checked below with the rest).
    const outbound = SOURCES.filter((f) => callsOut(f.text)).map((f) => f.path).sort();
    // And Telegram's setWebhook (src/channels/platform-setup.ts), which configures a bot and names no send endpoint (below).
    // Two that match the pattern without calling out from the server: the bot filter's list of user
    // agents names axios and node-fetch (src/analytics/agent.ts), and the demo site's inline script
    // posts to /api/collect from the visitor's browser (src/routes/analytics/demo.tsx).
    expect(outbound).toEqual(['src/analytics/agent.ts', 'src/channels/adapters.ts', 'src/channels/platform-setup.ts', 'src/dsr/forward.ts', 'src/routes/analytics/demo.tsx',
      'src/web/client/lib/app.ts', 'src/web/client/lib/console.ts']);
    expect(SOURCES.find((f) => f.path === 'src/analytics/agent.ts')!.text).not.toMatch(/\bfetch\(|import[^\n]*'(node:)?https?'/);
    for (const f of SOURCES.filter((s) => s.path.startsWith('src/web/client/'))) expect(f.text, f.path).not.toMatch(SEND_API);
    const sendApi = SOURCES.filter((f) => SEND_API.test(f.text)).map((f) => f.path).sort();
    expect(sendApi).toEqual(['src/channels/adapters.ts', 'src/config.ts']);
    const importers = SOURCES.filter((f) => /from '\.\/adapters\.ts'|channels\/adapters\.ts'/.test(f.text)).map((f) => f.path);
    expect(importers).toEqual(['src/channels/deliver.ts']);
    // And the delivery job sends only what the one send path queued: it reads outbound_messages, which only queueMessage writes.
    const writers = SOURCES.filter((f) => /INSERT INTO outbound_messages/.test(f.text)).map((f) => f.path);
    // queueMessage, and the bulk broadcast (src/channels/broadcast.ts), which decides each copy with the same pure send-gate decision.
    expect(writers).toEqual(['src/channels/broadcast.ts', 'src/channels/outbound.ts']);
    for (const w of writers) expect(SOURCES.find((f) => f.path === w)!.text, w).toMatch(/decideFromFacts\(/);
  });
});
