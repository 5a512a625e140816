// CPU time per authenticated GET /api/subscribers/:id, in process (app.inject), BENCH_CONCURRENCY at a time (default 1).
// CPU per request moves far less than req/s when other work shares the machine, so this is the
// figure to compare before and after a change on a busy host. PGlite runs inside this process
// (its CPU is counted); on PostgreSQL (BENCH_DATABASE_URL) only Pledge's own CPU is.
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';
import { buildApp } from '../src/http/app.ts';
import { inTenant } from '../src/db/scope.ts';
import * as subscribers from '../src/subjects/subscribers.ts';
import { postgresCpuMeter, startProfile } from './cpu.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);


async function measure(label: string, pgUrl: string | undefined): Promise<{ label: string; cpuUs: number; wallUs: number; pgUs: number | null }> {
  // bootBenchContext picks the store from BENCH_DATABASE_URL: unset, it is PGlite.
  if (pgUrl) process.env.BENCH_DATABASE_URL = pgUrl;
  else delete process.env.BENCH_DATABASE_URL;
  const ctx = await bootBenchContext();
  const { tenantId, key } = await createBenchMerchant(ctx, 0);
  const ids = await inTenant(ctx.db, tenantId, async (tx) => {
    const out: string[] = [];
    for (let g = 1; g <= 100; g++) {
      const input = { channel: 'zalo', displayName: `Khách ${g}`, phone: `09${String(g).padStart(8, '0')}`, source: 'channel:zalo', legalBasis: 'consent' } as const;
      // The same script measures trees before sealing (plain INSERT) and after (the sealed insert).
      if ('insertSubscriber' in subscribers) out.push((await (subscribers as { insertSubscriber: (...a: unknown[]) => Promise<{ id: string }> }).insertSubscriber(tx, ctx.keys, tenantId, input)).id);
      else {
        const [r] = await tx.query<{ id: string }>('INSERT INTO subscribers (tenant_id, channel, display_name, phone, source, legal_basis) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [tenantId, input.channel, input.displayName, input.phone, input.source, input.legalBasis]);
        out.push(r!.id);
      }
    }
    return out;
  });
  const app = await buildApp(ctx);
  await app.ready();
  const headers = { authorization: `Bearer ${key}` };
  // CONCURRENCY callers each send requests one after another, as HTTP keep-alive clients do.
  const run = async (n: number) => {
    let next = 0;
    const caller = async () => {
      for (let i = next++; i < n; i = next++) {
        const res = await app.inject({ method: 'GET', url: `/api/subscribers/${ids[i % ids.length]}`, headers });
        if (res.statusCode !== 200) throw new Error(`GET answered ${res.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  };
  await run(300); // warm-up: JIT, caches
  const pgCpu = ctx.db.kind === 'postgres' ? await postgresCpuMeter(ctx.db) : null;
  const p0 = pgCpu?.() ?? 0;
  const stopProfile = await startProfile();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run(N);
  const cpu = process.cpuUsage(c0);
  await stopProfile(`${label.replace(/\W+/g, '-')}.cpuprofile`);
  const pgUs = pgCpu ? (pgCpu() - p0) / N : null;
  const wall = performance.now() - t0;
  await app.close();
  await ctx.db.close();
  return { label, cpuUs: (cpu.user + cpu.system) / N, wallUs: (wall * 1000) / N, pgUs };
}

const pgUrl = process.env.BENCH_DATABASE_URL;
const rows = process.env.BENCH_SKIP_PGLITE ? [] : [await measure('GET subscriber, PGlite', undefined)];
if (pgUrl) rows.push(await measure('GET subscriber, PostgreSQL', pgUrl));
console.log(`\nRead path, ${N} in-process requests, ${CONCURRENCY} at a time`);
console.log('| store | Pledge CPU µs/request | PostgreSQL CPU µs/request | wall µs/request |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.cpuUs.toFixed(0)} | ${r.pgUs === null ? 'in Pledge' : r.pgUs.toFixed(0)} | ${r.wallUs.toFixed(0)} |`);
process.exit(0);
