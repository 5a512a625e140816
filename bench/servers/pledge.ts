// Pledge as deployed: full pipeline on the chosen store, with one tenant, an API key and
// 1,000 Subscribers. Prints {port, apiKey, subscriberIds} once listening.
import { bootBenchContext, createBenchMerchant } from './boot.ts';
import { buildApp } from '../../src/http/app.ts';
import { inTenant } from '../../src/db/scope.ts';

const ctx = await bootBenchContext();
const { tenantId, key } = await createBenchMerchant(ctx, 0);
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
