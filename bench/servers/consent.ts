// Pledge as deployed, for recording consents: full pipeline on the chosen store (PGlite under a
// fresh DATA_DIR, file-backed; or a fresh database on BENCH_DATABASE_URL), with TENANTS merchants,
// each with an API key, 200 Subscribers and a published notice. Prints {port, tenants} once listening.
import { bootBenchContext, createBenchMerchant } from './boot.ts';
import { buildApp } from '../../src/http/app.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createNotice } from '../../src/consents/index.ts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 20);

const ctx = await bootBenchContext();

const tenants: Array<{ apiKey: string; noticeId: string; subscriberIds: string[] }> = [];
for (let i = 0; i < TENANTS; i++) {
  const { tenantId, key, userId } = await createBenchMerchant(ctx, i);
  const data = await inTenant(ctx.db, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis)
       SELECT $1, 'zalo', 'Khách ' || g, 'channel:zalo', 'consent' FROM generate_series(1, 200) g RETURNING id`,
      [tenantId],
    );
    const notice = await createNotice({ tx, auditKey: ctx.keys.audit }, { type: 'user', id: userId }, tenantId, {
      slug: 'zalo-offers', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi qua Zalo.',
    });
    return { subscriberIds: rows.map((r) => r.id), noticeId: notice.id };
  });
  tenants.push({ apiKey: key, ...data });
}

const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, tenants }));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
