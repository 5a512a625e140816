/**
 * The three platforms' webhook signatures, over the raw body bytes, compared in constant time.
 * - Messenger / Instagram: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body, app secret)>`.
 * - Zalo OA: `X-ZEvent-Signature: mac=<hex SHA-256(app_id + body + timestamp + OA secret key)>`,
 *   a plain hash (not an HMAC), with the timestamp taken from the body.
 * - Telegram: `X-Telegram-Bot-Api-Secret-Token` equals the secret given to `setWebhook`.
 * Pure functions: fixtures, the fake platform and the benchmark sign with the same code.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'ok' | 'signature_missing' | 'signature_invalid';

/** Equal strings in time independent of where they differ (lengths are compared first, which reveals only the length). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const messengerSignature = (body: Buffer, appSecret: string): string => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

export const zaloSignature = (body: Buffer, appId: string, timestamp: string, oaSecretKey: string): string =>
  `mac=${createHash('sha256').update(appId).update(body).update(timestamp).update(oaSecretKey).digest('hex')}`;

const check = (header: string | string[] | undefined, expected: () => string): SignatureCheck => {
  if (typeof header !== 'string' || header === '') return 'signature_missing';
  return sameSecret(header, expected()) ? 'ok' : 'signature_invalid';
};

export const checkMessenger = (header: string | string[] | undefined, body: Buffer, appSecret: string): SignatureCheck =>
  check(header, () => messengerSignature(body, appSecret));

/** Zalo's timestamp is the body's `timestamp` field, as sent (a string of milliseconds). */
export const checkZalo = (header: string | string[] | undefined, body: Buffer, appId: string, timestamp: string, oaSecretKey: string): SignatureCheck =>
  check(header, () => zaloSignature(body, appId, timestamp, oaSecretKey));

export const checkTelegram = (header: string | string[] | undefined, secretToken: string): SignatureCheck =>
  check(header, () => secretToken);

/** Graph API calls prove the app secret: `appsecret_proof` = hex HMAC-SHA256(access token, app secret). */
export const appSecretProof = (accessToken: string, appSecret: string): string => createHmac('sha256', appSecret).update(accessToken).digest('hex');
