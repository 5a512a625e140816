import type { AppContext } from '../app/context.ts';
import { auditActor, type UserActor } from '../auth/actor.ts';
import { createApiKey, type ApiKeyRole } from '../auth/api-keys.ts';
import { recordAudit } from '../audit/log.ts';
import { inTenant } from '../db/scope.ts';
import { notFound } from '../errors.ts';

// Authentication reads api_keys by hash before any tenant is known (src/auth/api-keys.ts); what
// a Customer does with their keys runs in their tenant's scope, under row-level security.

export type ApiKeyRow = {
  id: string; name: string; prefix: string; role: ApiKeyRole; created_at: Date; last_used_at: Date | null; revoked_at: Date | null;
};

/** Creates a key for the actor's tenant; the full key is returned once and only its hash is kept. */
export async function issueApiKey(ctx: AppContext, actor: UserActor, input: { name: string; role: ApiKeyRole }) {
  return inTenant(ctx.db, actor.tenantId, async (tx) => {
    const key = await createApiKey(tx, { tenantId: actor.tenantId, userId: actor.userId, ...input });
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId, actor: auditActor(actor), action: 'api_key.created',
      target: { type: 'api_key', id: key.id }, details: { role: input.role, prefix: key.prefix },
    });
    return key;
  });
}

export async function listApiKeys(ctx: AppContext, actor: UserActor): Promise<ApiKeyRow[]> {
  return inTenant(ctx.db, actor.tenantId, (tx) => tx.query<ApiKeyRow>(
    'SELECT id, name, prefix, role, created_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at DESC',
  ));
}

/** Revokes a key of the actor's tenant; revoking twice is harmless. Another tenant's key is not found. */
export async function revokeApiKey(ctx: AppContext, actor: UserActor, id: string): Promise<void> {
  await inTenant(ctx.db, actor.tenantId, async (tx) => {
    const [row] = await tx.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM api_keys WHERE id = $1 FOR UPDATE', [id]);
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
