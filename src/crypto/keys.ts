import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Purpose-bound keys derived from the one configured secret, so no key is used for two jobs:
 * `data` wraps per-subject keys, `index` keys the blind indexes of sealed lookup columns, `mail`
 * seals queued mail until it is sent.
 */
export type Keys = { audit: Buffer; csrf: Buffer; data: Buffer; index: Buffer; mail: Buffer };

export function deriveKeys(secret: Buffer): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'pledge', info, 32));
  return {
    audit: derive('audit-chain'), csrf: derive('csrf'), data: derive('data-encryption'), index: derive('blind-index'), mail: derive('outbox-at-rest'),
  };
}

/** A random url-safe token, 256 bits. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are high-entropy, so a plain SHA-256 suffices to store them (no KDF needed). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
