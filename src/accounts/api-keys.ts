import type { AppContext } from '../app/context.ts';
import { auditActor, type UserActor } from '../auth/actor.ts';
import { createApiKey, type ApiKeyRole } from '../auth/api-keys.ts';
import { recordAudit } from '../audit/log.ts';
import { inPlatform } from '../db/scope.ts';
import { notFound } from '../errors.ts';

// api_keys is a platform table (authentication reads it before any tenant is known), so every
// query here names the tenant explicitly.

export type ApiKeyRow = {
  id: string; name: string; prefix: string; role: ApiKeyRole; created_at: Date; last_used_at: Date | null; revoked_at: Date | null;
};

/** Creates a key for the actor's tenant; the full key is returned once and only its hash is kept. */
export async function issueApiKey(ctx: AppContext, actor: UserActor, input: { name: string; role: ApiKeyRole }) {
  return inPlatform(ctx.db, async (tx) => {
    const key = await createApiKey(tx, { tenantId: actor.tenantId, userId: actor.userId, ...input });
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId, actor: auditActor(actor), action: 'api_key.created',
      target: { type: 'api_key', id: key.id }, details: { role: input.role, prefix: key.prefix },
    });
    return key;
  });
}

export async function listApiKeys(ctx: AppContext, actor: UserActor): Promise<ApiKeyRow[]> {
  return ctx.db.query<ApiKeyRow>(
    'SELECT id, name, prefix, role, created_at, last_used_at, revoked_at FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC',
    [actor.tenantId],
  );
}

/** Revokes a key of the actor's tenant; revoking twice is harmless. Another tenant's key is not found. */
export async function revokeApiKey(ctx: AppContext, actor: UserActor, id: string): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    const [row] = await tx.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM api_keys WHERE id = $1 AND tenant_id = $2 FOR UPDATE',
      [id, actor.tenantId],
    );
    if (!row) throw notFound('API key');
    if (row.revoked) return;
    await tx.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId, actor: auditActor(actor), action: 'api_key.revoked', target: { type: 'api_key', id },
    });
  });
  // Keys are cached by their hash, which is not at hand here; revocations are rare, so drop all.
  ctx.caches.actors.clear();
}
