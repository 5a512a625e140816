import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { signBody } from '../../src/dsr/forward.ts';
import type { Merchant } from '../support/factories.ts';
import type { Harness } from '../support/harness.ts';
import { mailTo } from '../sealing/support.ts';
import { until } from '../support/jobs.ts';

export const post = (h: Harness, url: string, payload: object, headers: Record<string, string> = {}) => h.app.inject({ method: 'POST', url, headers, payload });
export const get = (h: Harness, url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

/** A Subscriber of the merchant's shop with an address and a phone, as its bot records one. */
export async function subscriberWithEmail(h: Harness, m: Merchant, over: Record<string, unknown> = {}): Promise<{ id: string; email: string; name: string }> {
  const tag = randomUUID().slice(0, 8);
  const email = `lan-${tag}@mail.example`;
  const name = `Phạm Thị Lan ${tag}`;
  const r = await post(h, '/api/subscribers', { channel: 'zalo', externalId: `zalo-${tag}`, displayName: name, email, phone: '0912 345 678', source: 'channel:zalo', legalBasis: 'consent', ...over }, m.headers);
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().id as string, email, name };
}

/** The token in the newest mail of `kind` to `email`. */
export async function mailedLink(h: Harness, email: string, kind: string, pattern: RegExp, atLeast = 1): Promise<string> {
  // Some intake answers before it writes (the same speed whether or not anyone matched): wait for the mail.
  const mails = await until(async () => {
    const m = await mailTo(h, email, kind);
    return m.length >= atLeast ? m : null;
  }, `a ${kind} mail to the person`, 10_000);
  // Newest first.
  const m = pattern.exec(mails[0]!.text);
  expect(m, mails[0]!.text).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

/**
 * A processor's server, local: it answers each webhook with the next status in `answers` (the
 * last repeats; 0 never answers), keeps what it received, and checks our signature with its secret.
 */
export type FakeProcessor = { url: string; received: { body: string; signature: string; timestamp: string; delivery: string }[]; setSecret(s: string): void; close(): Promise<void> };

export async function fakeProcessor(answers: number[]): Promise<FakeProcessor> {
  const received: FakeProcessor['received'] = [];
  let secret = '';
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const timestamp = String(req.headers['x-pledge-timestamp']);
    const signature = String(req.headers['x-pledge-signature']);
    received.push({ body, signature, timestamp, delivery: String(req.headers['x-pledge-delivery']) });
    const status = signature === signBody(secret, Number(timestamp), body) ? (answers[received.length - 1] ?? answers.at(-1)!) : 401;
    // 0: the processor takes the request and never answers (the sender is mid-call).
    if (status === 0) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dsr`, received, setSecret: (s) => (secret = s),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** The processor's signed acknowledgement of one delivery, as it calls our ack endpoint. */
export function signedAck(secret: string, delivery: string, at = Date.now()) {
  const body = JSON.stringify({ delivery_id: delivery, status: 'completed' });
  const ts = Math.floor(at / 1000);
  return { body, headers: { 'content-type': 'application/json', 'x-pledge-timestamp': String(ts), 'x-pledge-signature': signBody(secret, ts, body) } };
}
