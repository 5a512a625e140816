import pg from "pg";
const orig = pg.Client.prototype.query;
let log: string[] = [];
(pg.Client.prototype as any).query = function (this: any, ...a: any[]) { const q = a[0]; log.push(typeof q === 'string' ? q : q.text); return (orig as any).apply(this, a); };
const { bootBenchContext, createBenchMerchant } = await import('/work/main/bench/servers/boot.ts');
const { buildApp } = await import('/work/main/src/http/app.ts');
const { inTenant } = await import('/work/main/src/db/scope.ts');
const { insertSubscriber } = await import('/work/main/src/subjects/subscribers.ts');
const ctx = await bootBenchContext();
const { tenantId, key } = await createBenchMerchant(ctx, 0);
const ids = await inTenant(ctx.db, tenantId, async (tx) => [ (await insertSubscriber(tx, ctx.keys, tenantId, { channel: 'zalo', displayName: 'K', phone: '0912345678', source: 'channel:zalo', legalBasis: 'consent' } as any)).id ]);
const app = await buildApp(ctx); await app.ready();
for (let i = 0; i < 3; i++) {
  log = [];
  const r = await app.inject({ method: 'GET', url: `/api/subscribers/${ids[0]}`, headers: { authorization: `Bearer ${key}` } });
  console.log('--- req', i, r.statusCode, log.length); for (const l of log) console.log('  ', l.slice(0, 300).replace(/\s+/g, ' '));
}
process.exit(0);
