/**
 * The mail provider's inbound-mail webhook: a mail to ECOMKEY's contact address arrives as a
 * signed JSON post. Signature = hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared
 * secret (the scheme of Stripe and Mailgun: a timestamp inside the MAC makes an old delivery
 * unusable after the window; the Message-ID makes a redelivery the same inquiry).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_S = 300;

export const signInbound = (secret: string, timestamp: string, raw: Buffer): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`;

export type InboundCheck = { ok: true } | { ok: false; code: 'signature_missing' | 'signature_invalid' | 'signature_expired' };

export function checkInbound(secret: string, headers: { timestamp?: string; signature?: string }, raw: Buffer, nowS = Math.floor(Date.now() / 1000)): InboundCheck {
  if (!headers.timestamp || !headers.signature) return { ok: false, code: 'signature_missing' };
  const expected = Buffer.from(signInbound(secret, headers.timestamp, raw));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: 'signature_invalid' };
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > SIGNATURE_WINDOW_S) return { ok: false, code: 'signature_expired' };
  return { ok: true };
}

/** "Lan Nguyễn <lan@example.vn>" or a bare address: the address. */
export const addressOf = (from: string): string => /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
