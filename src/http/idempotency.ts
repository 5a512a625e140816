/**
 * `Idempotency-Key` for create endpoints: the first response to a key is stored in the same
 * transaction as the change it reports, so a retried request (a bot's timeout, a double click)
 * gets that response again and nothing is recorded twice. The same key with another body is a
 * client bug and is refused (422 `idempotency_key_reused`). Keys live 24 hours.
 *
 * Usage in a route (the whole command runs inside `fn`'s transaction):
 *   const r = await idempotent(ctx.db, req, { tenantId }, async (tx) => ({ status: 201, body: present(await create(tx)) }));
 *   return sendIdempotent(reply, r);
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Sql } from '../db/index.ts';
import { inTenant } from '../db/scope.ts';
import { openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import { badRequest, unprocessable } from '../errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,200}$/;

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

/**
 * Who the key belongs to: the tenant's own calls, or one subject's calls in the privacy center
 * (`subject:<type>:<id>`). Keys of different principals never meet: a subject cannot block the
 * merchant's write by guessing its key, nor the reverse. The consent ledger's unique index
 * follows the same scopes (migration 007).
 */
export type IdempotencyScope = {
  tenantId: string; scope?: string;
  /** The stored response is sealed under the tenant's data key: a replayable answer may name a person (C07). */
  ring: Keyring;
};

/** The request's key, or null when none was sent; a malformed key is a 400. */
export function idempotencyKeyOf(req: FastifyRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY.test(raw)) throw badRequest('idempotency_key_invalid', 'Idempotency-Key must be 1–200 visible ASCII characters');
  return raw;
}

/** Canonical JSON: key order does not change the hash, so a re-serialised retry still matches. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** What makes two requests "the same": method, route, path parameters and body. */
export function requestHash(req: FastifyRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.routeOptions.url ?? req.url}\n${canonical(req.params ?? {})}\n${canonical(req.body ?? null)}`)
    .digest('hex');
}

type Stored = { request_hash: string; response_status: number; response_body: unknown };

/**
 * Runs `fn` in one tenant transaction, once per key: a replay returns the stored response
 * without running it. An error thrown by `fn` rolls back the claim too, so a failed request
 * may be retried with the same key.
 */
export async function idempotent<T>(
  db: Db,
  req: FastifyRequest,
  scope: IdempotencyScope,
  fn: (tx: Sql) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const key = idempotencyKeyOf(req);
  if (key === null) return { ...(await inTenant(db, scope.tenantId, fn)), replayed: false };
  const hash = requestHash(req);
  const owner = scope.scope ?? 'tenant';
  return inTenant(db, scope.tenantId, async (tx) => {
    // Claim the key (or take over an expired one). A concurrent request with the same key waits
    // here on the unique index until the first commits, then finds its stored response.
    const claimed = await tx.query<{ ok: number }>(
      `INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, response_status) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (tenant_id, scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = 0, response_body = NULL, created_at = now(), expires_at = now() + interval '24 hours'
         WHERE idempotency_keys.expires_at <= now()
       RETURNING 1 AS ok`,
      [scope.tenantId, owner, key, hash],
    );
    if (claimed.length === 0) {
      const [prior] = await tx.query<Stored>(
        'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE tenant_id = $1 AND scope = $2 AND key = $3',
        [scope.tenantId, owner, key],
      );
      if (!prior || prior.request_hash !== hash) {
        throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      }
      const stored = prior.response_body as { sealed?: unknown } | null;
      // Answers stored before every route sealed them are plain JSON.
      const body = stored && typeof stored.sealed === 'string'
        ? JSON.parse(await openColumn(tx, scope.ring, scope.tenantId, 'idempotency_keys.response_body', stored.sealed)) as T
        : prior.response_body as T;
      return { status: prior.response_status, body, replayed: true };
    }
    const out = await fn(tx);
    await tx.query('UPDATE idempotency_keys SET response_status = $4, response_body = $5 WHERE tenant_id = $1 AND scope = $2 AND key = $3', [
      scope.tenantId, owner, key, out.status,
      JSON.stringify({ sealed: await sealColumn(tx, scope.ring, scope.tenantId, 'idempotency_keys.response_body', JSON.stringify(out.body ?? null)) }),
    ]);
    return { ...out, replayed: false };
  });
}

/** Sends an idempotent result; a replay says so in `Idempotent-Replayed: true`. */
export function sendIdempotent<T>(reply: FastifyReply, r: IdempotentResult<T>): FastifyReply {
  if (r.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(r.status).send(r.body);
}
