import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { ANONYMOUS, type Actor, type TenantRole, type StaffRole } from '../auth/actor.ts';
import { findApiKey } from '../auth/api-keys.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { hashToken } from '../crypto/keys.ts';

/** Resolves the request's actor from its session cookie or its API key; never throws for bad credentials. */
export async function authenticate(ctx: AppContext, req: FastifyRequest): Promise<Actor> {
  const auth = req.headers.authorization;
  const credential = auth?.startsWith('Bearer ') ? `k:${hashToken(auth.slice(7).trim())}` : req.cookies[SESSION_COOKIE] ? `s:${hashToken(req.cookies[SESSION_COOKIE])}` : undefined;
  if (!credential) return ANONYMOUS;
  let actor = ctx.caches.actors.get(credential);
  if (!actor) {
    actor = await resolveActor(ctx, req);
    if (actor.kind === 'anonymous') return actor;
    // Set only when freshly resolved: the TTL must bound how long a revocation elsewhere goes unseen.
    ctx.caches.actors.set(credential, actor);
  }
  if (actor.kind === 'user' && actor.apiKeyId) noteKeyUse(ctx, actor.apiKeyId);
  return actor;
}

/**
 * Records when a key was last used (shown in the key list, so an owner can spot a forgotten or
 * stolen key), at most once a minute per key and without waiting: the request never pays for it.
 */
function noteKeyUse(ctx: AppContext, keyId: string): void {
  if (ctx.caches.keyUse.get(keyId)) return;
  ctx.caches.keyUse.set(keyId, true);
  ctx.db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [keyId]).catch((err: { code?: string }) => {
    ctx.caches.keyUse.delete(keyId);
    ctx.log.warn({ code: err.code }, 'api key use not recorded');
  });
}

/** The cache key of a session, so sign-out can drop it at once. */
export const sessionCacheKey = (sessionHash: string): string => `s:${sessionHash}`;

async function resolveActor(ctx: AppContext, req: FastifyRequest): Promise<Actor> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const key = await findApiKey(ctx.db, auth.slice(7).trim());
    if (!key) return ANONYMOUS;
    return { kind: 'user', userId: key.user_id, tenantId: key.tenant_id, role: key.role, via: 'api_key', apiKeyId: key.id };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return ANONYMOUS;
  const hash = hashToken(token);
  const [s] = await ctx.db.query<{ realm: 'customer' | 'staff'; principal_id: string; tenant_id: string | null; role: string | null }>(
    `SELECT s.realm, s.principal_id,
            m.tenant_id, COALESCE(m.role, st.role) AS role
       FROM sessions s
       LEFT JOIN memberships m ON s.realm = 'customer' AND m.user_id = s.principal_id
       LEFT JOIN staff_users st ON s.realm = 'staff' AND st.id = s.principal_id
      WHERE s.token_hash = $1 AND s.expires_at > now()
      ORDER BY m.created_at LIMIT 1`,
    [hash],
  );
  if (!s || !s.role) return ANONYMOUS;
  if (s.realm === 'staff') return { kind: 'staff', staffId: s.principal_id, role: s.role as StaffRole, sessionHash: hash };
  return { kind: 'user', userId: s.principal_id, tenantId: s.tenant_id!, role: s.role as TenantRole, via: 'session', sessionHash: hash };
}
