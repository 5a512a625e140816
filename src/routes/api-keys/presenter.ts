import type { ApiKeyRow } from '../../accounts/api-keys.ts';
import type { ApiKeyOut } from './schema.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The only shape in which a key's record leaves the API: never its hash, never the secret. */
export const presentApiKey = (r: ApiKeyRow): ApiKeyOut => ({
  id: r.id, name: r.name, prefix: r.prefix, role: r.role,
  createdAt: new Date(r.created_at).toISOString(), lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at),
});
