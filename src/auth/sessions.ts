import { createHmac } from 'node:crypto';
import type { Sql } from '../db/index.ts';
import { hashToken, newToken, safeEqual } from '../crypto/keys.ts';

export const SESSION_COOKIE = 'pledge_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Creates a session and returns the cookie token (only its hash is stored). */
export async function createSession(tx: Sql, realm: 'customer' | 'staff', principalId: string): Promise<{ token: string; hash: string }> {
  const token = newToken();
  const hash = hashToken(token);
  await tx.query('INSERT INTO sessions (token_hash, realm, principal_id, expires_at) VALUES ($1, $2, $3, $4)', [
    hash, realm, principalId, new Date(Date.now() + SESSION_TTL_MS),
  ]);
  return { token, hash };
}

export async function destroySession(tx: Sql, hash: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE token_hash = $1', [hash]);
}

/** The CSRF token is an HMAC of the session: stateless, and useless with any other session. */
export const csrfTokenFor = (key: Buffer, sessionHash: string): string =>
  createHmac('sha256', key).update(sessionHash).digest('base64url');

export const csrfTokenValid = (key: Buffer, sessionHash: string, given: string | undefined): boolean =>
  typeof given === 'string' && safeEqual(csrfTokenFor(key, sessionHash), given);
