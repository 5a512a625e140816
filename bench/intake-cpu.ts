// CPU time per durable intake request, in process (app.inject), BENCH_CONCURRENCY at a time
// (default 50): a signed Messenger webhook delivery (one event, each distinct) and a
// POST /api/collect batch of 10 events. Every answer is sent after its commit (group commit).
// CPU per request moves far less than req/s on a shared machine, so this is the before/after
// figure. PGlite runs inside this process (its CPU is counted); on PostgreSQL
// (BENCH_DATABASE_URL) Pledge's CPU and the cluster's are counted apart.
// BENCH_CPU_PROFILE=dir writes a V8 profile of the measured requests; BENCH_ONLY=webhook|collect.
import { randomBytes } from 'node:crypto';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';
import { buildApp } from '../src/http/app.ts';
import { inTenant } from '../src/db/scope.ts';
import { insertAccount } from '../src/channels/accounts.ts';
import { keyringFor } from '../src/crypto/envelope.ts';
import { createSite } from '../src/analytics/sites.ts';
import { messengerDelivery, messengerText } from '../test/support/channel-fixtures.ts';
import { postgresCpuMeter, startProfile } from './cpu.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ONLY = process.env.BENCH_ONLY;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Req = { method: 'POST'; url: string; headers: Record<string, string>; payload: string | Buffer; remoteAddress?: string };
type Row = { label: string; cpuUs: number; wallUs: number; pgUs: number | null };

async function measure(kind: 'webhook' | 'collect', store: string, pgUrl: string | undefined): Promise<Row> {
  if (pgUrl) process.env.BENCH_DATABASE_URL = pgUrl;
  else delete process.env.BENCH_DATABASE_URL;
  const ctx = await bootBenchContext({ ANALYTICS_SITE_EVENTS_PER_SECOND: '1000000' });
  const { tenantId } = await createBenchMerchant(ctx, 0);
  let request: (i: number) => Req;
  if (kind === 'webhook') {
    const appSecret = randomBytes(16).toString('hex');
    const pageId = '1029384756';
    const account = await inTenant(ctx.db, tenantId, (tx) => insertAccount(tx, keyringFor(ctx.config), tenantId, {
      platform: 'messenger', platformAccount: pageId, secrets: { appSecret, accessToken: 'bench-page-token', verifyToken: 'bench-verify' },
    }));
    request = (i) => {
      // A sender per 10 deliveries keeps every sender far under the flood bound.
      const d = messengerDelivery(appSecret, pageId, [messengerText(`60240${String(i % 100_000).padStart(11, '0')}`, `m_cpu_${i}`, `Chào shop, đơn số ${i}`)]);
      return { method: 'POST', url: `/webhooks/messenger/${account.id}`, headers: d.headers, payload: d.body };
    };
  } else {
    const origin = 'https://shop.bench.example';
    const site = await inTenant(ctx.db, tenantId, (tx) => createSite(tx, tenantId, { origins: [origin] }));
    request = (i) => {
      const now = Date.now();
      const body = JSON.stringify({ site: site.id, consent: { analytics: true, marketing: false, gpc: false }, events: Array.from({ length: 10 }, (_, j) => ({ kind: 'pageview', at: now + j, url: `${origin}/p/${i % 20}-${j}?utm_source=zalo` })) });
      return { method: 'POST', url: '/api/collect', headers: { 'content-type': 'text/plain', origin, 'user-agent': UA }, payload: body, remoteAddress: `203.0.113.${i % 250}` };
    };
  }
  const app = await buildApp(ctx);
  await app.ready();
  let seq = 0;
  const run = async (n: number) => {
    let next = 0;
    const caller = async () => {
      for (let i = next++; i < n; i = next++) {
        const res = await app.inject(request(seq++));
        if (res.statusCode !== 200 && res.statusCode !== 202) throw new Error(`${kind} answered ${res.statusCode}: ${res.body}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  };
  await run(500); // warm-up: JIT, caches, partitions
  const pgCpu = ctx.db.kind === 'postgres' ? await postgresCpuMeter(ctx.db) : null;
  const p0 = pgCpu?.() ?? 0;
  const label = `${kind === 'webhook' ? 'signed webhook (1 event)' : 'collect (10 events)'}, ${store}`;
  const stopProfile = await startProfile();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run(N);
  const cpu = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  await stopProfile(`${label.replace(/\W+/g, '-')}.cpuprofile`);
  const pgUs = pgCpu ? (pgCpu() - p0) / N : null;
  await app.close();
  await ctx.db.close();
  return { label, cpuUs: (cpu.user + cpu.system) / N, wallUs: (wall * 1000) / N, pgUs };
}

const pgUrl = process.env.BENCH_DATABASE_URL;
const rows: Row[] = [];
for (const kind of ['webhook', 'collect'] as const) {
  if (ONLY && ONLY !== kind) continue;
  if (!process.env.BENCH_SKIP_PGLITE) rows.push(await measure(kind, 'PGlite', undefined));
  if (pgUrl) rows.push(await measure(kind, 'PostgreSQL', pgUrl));
}
console.log(`\nDurable intake, ${N} in-process requests, ${CONCURRENCY} at a time`);
console.log('| request | Pledge CPU µs/request | PostgreSQL CPU µs/request | wall µs/request (in process) |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.cpuUs.toFixed(0)} | ${r.pgUs === null ? 'in Pledge' : r.pgUs.toFixed(0)} | ${r.wallUs.toFixed(0)} |`);
process.exit(0);
