import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/index.ts';
import { hashToken, safeEqual } from '../crypto/keys.ts';

/** Key format `pk_<prefix>_<secret>`: the prefix finds the row, the secret is checked by hash. */
const KEY_RE = /^pk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export type ApiKeyRole = 'admin' | 'agent';

/** Returns the full key once; only its hash is stored. */
export async function createApiKey(
  tx: Sql,
  input: { tenantId: string; userId: string; name: string; role: ApiKeyRole },
): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO api_keys (tenant_id, user_id, name, prefix, key_hash, role) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [input.tenantId, input.userId, input.name, prefix, hashToken(secret), input.role],
  );
  return { id: row!.id, key: `pk_${prefix}_${secret}`, prefix };
}

export type ApiKeyRow = { id: string; tenant_id: string; user_id: string; role: ApiKeyRole };

export async function findApiKey(sql: Sql, key: string): Promise<ApiKeyRow | undefined> {
  const m = KEY_RE.exec(key);
  if (!m) return undefined;
  const [row] = await sql.query<ApiKeyRow & { key_hash: string }>(
    'SELECT id, tenant_id, user_id, role, key_hash FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL',
    [m[1]],
  );
  if (!row || !safeEqual(row.key_hash, hashToken(m[2]!))) return undefined;
  return { id: row.id, tenant_id: row.tenant_id, user_id: row.user_id, role: row.role };
}
