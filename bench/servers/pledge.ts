// Pledge as deployed: full pipeline on the chosen store, with one tenant, an API key and
// 1,000 Subscribers. Prints {port, apiKey, subscriberIds} once listening.
import { bootBenchContext } from './boot.ts';
import { buildApp } from '../../src/http/app.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';

const ctx = await bootBenchContext();
const { tenantId, key } = await inPlatform(ctx.db, async (tx) => {
  const [t] = await tx.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Bench Shop') RETURNING id`);
  const [u] = await tx.query<{ id: string }>(
    `INSERT INTO users (email, name, company, billing_address, password_hash, email_verified_at, adult_confirmed_at)
     VALUES ('bench@shop.example', 'Bench', 'Bench Shop', '1 Bench St', 'x', now(), now()) RETURNING id`,
  );
  await tx.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [t!.id, u!.id]);
  await tx.query(
    `INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method)
     SELECT $1, p.version, p.content_hash, t.version, t.content_hash, 'api'
       FROM policy_versions p, policy_versions t WHERE p.kind = 'privacy' AND t.kind = 'terms'`,
    [u!.id],
  );
  const k = await createApiKey(tx, { tenantId: t!.id, userId: u!.id, name: 'bench', role: 'agent' });
  return { tenantId: t!.id, key: k.key };
});
const subscriberIds = await inTenant(ctx.db, tenantId, async (tx) => {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO subscribers (tenant_id, channel, display_name, phone, source, legal_basis)
     SELECT $1, 'zalo', 'Khách ' || g, '09' || lpad(g::text, 8, '0'), 'channel:zalo', 'consent' FROM generate_series(1, 1000) g
     RETURNING id`,
    [tenantId],
  );
  return rows.map((r) => r.id);
});
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, apiKey: key, subscriberIds: subscriberIds.slice(0, 100) }));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
