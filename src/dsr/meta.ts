/**
 * Meta's Data Deletion Request Callback: `signed_request` is base64url(signature) "." base64url(payload),
 * the signature an HMAC-SHA256 of the encoded payload with the app secret. Verified in constant
 * time, the algorithm and expiry checked. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../errors.ts';

export type MetaDeletion = { userId: string; issuedAt: number };

const b64url = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
const USER_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The payload of a valid `signed_request`, or a `signed_request_invalid` / `signed_request_expired` error. */
export function parseSignedRequest(signed: string, appSecret: string, now = Date.now()): MetaDeletion {
  const [sig, payload, extra] = signed.split('.');
  if (!sig || !payload || extra !== undefined) throw badRequest('signed_request_invalid', 'The signed request is malformed');
  const expected = createHmac('sha256', appSecret).update(payload).digest();
  const given = b64url(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badRequest('signed_request_invalid', 'The signature does not match');
  let data: { user_id?: unknown; algorithm?: unknown; issued_at?: unknown; expires?: unknown };
  try {
    data = JSON.parse(b64url(payload).toString('utf8')) as typeof data;
  } catch {
    throw badRequest('signed_request_invalid', 'The payload is not JSON');
  }
  if (typeof data.algorithm !== 'string' || data.algorithm.toUpperCase() !== 'HMAC-SHA256') throw badRequest('signed_request_invalid', 'Unknown algorithm');
  const userId = typeof data.user_id === 'number' ? String(data.user_id) : data.user_id;
  if (typeof userId !== 'string' || !USER_ID.test(userId)) throw badRequest('signed_request_invalid', 'No user id');
  const issuedAt = Number(data.issued_at);
  if (!Number.isFinite(issuedAt)) throw badRequest('signed_request_invalid', 'No issue time');
  const expires = data.expires === undefined ? issuedAt + 3600 : Number(data.expires);
  // Meta's own requests are fresh: one issued over a day ago or already expired is refused.
  if (!Number.isFinite(expires) || expires * 1000 < now || issuedAt * 1000 < now - 86_400_000) throw badRequest('signed_request_expired', 'The signed request has expired');
  return { userId, issuedAt };
}

/** Signs a payload as Meta does (for tests and the fake Meta client). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', appSecret).update(body).digest('base64url')}.${body}`;
}
