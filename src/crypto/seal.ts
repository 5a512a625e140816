import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing: `v1.<base64url(iv | tag | ciphertext)>`. The `context` string is
 * authenticated but not stored, so a sealed value cannot be moved to another record
 * (its id is the context) and still open.
 */
const PREFIX = 'v1.';

export function seal(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

/** Throws when the key, the context or a single byte is wrong. */
export function unseal(key: Buffer, sealed: string, context: string): Buffer {
  if (!sealed.startsWith(PREFIX)) throw new Error('unseal: unknown format');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export const sealJson = (key: Buffer, value: unknown, context: string): string => seal(key, Buffer.from(JSON.stringify(value)), context);
export const unsealJson = <T>(key: Buffer, sealed: string, context: string): T => JSON.parse(unseal(key, sealed, context).toString('utf8')) as T;
