import pg from "pg";
const orig = pg.Client.prototype.query;
let log: string[] = [];
(pg.Client.prototype as any).query = function (this: any, ...a: any[]) { const q = a[0]; log.push(typeof q === 'string' ? q : q.text); return (orig as any).apply(this, a); };
const { bootBenchContext, createConsentMerchant } = await import('/work/main/bench/servers/boot.ts');
const { buildApp } = await import('/work/main/src/http/app.ts');
const ctx = await bootBenchContext();
const t = await createConsentMerchant(ctx, 0, 5);
const app = await buildApp(ctx); await app.ready();
for (let i = 0; i < 3; i++) {
  log = [];
  const r = await app.inject({ method: 'POST', url: `/api/subjects/subscriber/${t.subscriberIds[i]}/consents`, headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json', 'idempotency-key': `k-${i}` },
    payload: { purpose: 'contact', given: true, noticeId: t.noticeId, method: 'api', marketing: true, evidence: 'bench' } });
  console.log('--- req', i, r.statusCode, log.length); for (const l of log) console.log('  ', l.slice(0, 160).replace(/\s+/g, ' '));
}
process.exit(0);
