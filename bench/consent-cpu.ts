// CPU time per consent recorded over HTTP (app.inject, CONCURRENCY at a time, fresh
// Idempotency-Key each), on PostgreSQL (BENCH_DATABASE_URL, required): Pledge's own CPU and the
// PostgreSQL server's (every backend, read from /proc). CPU per consent moves far less than
// consents/s when other work shares the machine: the figure to compare before and after a change.
import { postgresCpuMeter, startProfile } from './cpu.ts';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';
import { buildApp } from '../src/http/app.ts';
import { inTenant } from '../src/db/scope.ts';
import { createNotice } from '../src/consents/index.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TENANTS = 20;

if (!process.env.BENCH_DATABASE_URL) throw new Error('BENCH_DATABASE_URL is required');
const ctx = await bootBenchContext();
const tenants: Array<{ key: string; noticeId: string; ids: string[] }> = [];
for (let i = 0; i < TENANTS; i++) {
  const { tenantId, key, userId } = await createBenchMerchant(ctx, i);
  tenants.push(await inTenant(ctx.db, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis) SELECT $1, 'zalo', 'Khách ' || g, 'channel:zalo', 'consent' FROM generate_series(1, 50) g RETURNING id`,
      [tenantId],
    );
    const notice = await createNotice({ tx, auditKey: ctx.keys.audit }, { type: 'user', id: userId }, tenantId, {
      slug: 'zalo-offers', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi qua Zalo.',
    });
    return { key, noticeId: notice.id, ids: rows.map((r) => r.id) };
  }));
}
const postgresCpuUs = await postgresCpuMeter(ctx.db);
const app = await buildApp(ctx);
await app.ready();
let next = 0;
const run = async (n: number) => {
  const end = next + n;
  const worker = async () => {
    while (next < end) {
      const i = next++;
      const t = tenants[i % TENANTS]!;
      const res = await app.inject({
        method: 'POST', url: `/api/subjects/subscriber/${t.ids[Math.floor(i / TENANTS) % t.ids.length]}/consents`,
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', 'idempotency-key': `cpu-${i}` },
        payload: { purpose: 'contact', given: true, noticeId: t.noticeId, method: 'api', marketing: true, evidence: 'bench' },
      });
      if (res.statusCode !== 201) throw new Error(`POST answered ${res.statusCode}: ${res.body}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
};
await run(500); // warm-up: JIT, plans, every tenant's audit chain opened
const stopProfile = await startProfile();
const c0 = process.cpuUsage();
const p0 = postgresCpuUs();
const t0 = performance.now();
await run(N);
const cpu = process.cpuUsage(c0);
await stopProfile('consent.cpuprofile');
const pgUs = postgresCpuUs() - p0;
const wall = performance.now() - t0;
await app.close();
await ctx.db.close();
console.log(`\nRecording consent, ${N} requests in process, ${CONCURRENCY} at a time, ${TENANTS} tenants, PostgreSQL`);
console.log('| Pledge CPU µs/consent | PostgreSQL CPU µs/consent | wall consents/s |');
console.log('|---:|---:|---:|');
console.log(`| ${((cpu.user + cpu.system) / N).toFixed(0)} | ${(pgUs / N).toFixed(0)} | ${Math.round(N / (wall / 1000))} |`);
process.exit(0);
