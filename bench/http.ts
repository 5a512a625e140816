// Issue 3 benchmark: bare node:http ceiling vs Pledge's authenticated, tenant-scoped read of one
// Subscriber by id, on PGlite and on PostgreSQL (BENCH_DATABASE_URL), 50 connections each.
import { load, startServer } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

type PledgeInfo = { port: number; apiKey: string; subscriberIds: string[] };

async function measurePledge(label: string, env: Record<string, string>) {
  const { info, proc } = await startServer<PledgeInfo>('bench/servers/pledge.ts', env);
  try {
    const url = `http://127.0.0.1:${info.port}`;
    const paths = info.subscriberIds.map((id) => `/api/subscribers/${id}`);
    await load({ url, connections: CONNECTIONS, seconds: 2, headers: { authorization: `Bearer ${info.apiKey}` }, paths }); // warm-up
    return { label, ...(await load({ url, connections: CONNECTIONS, seconds: SECONDS, headers: { authorization: `Bearer ${info.apiKey}` }, paths })) };
  } finally {
    proc.kill();
  }
}

const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
await load({ url: `http://127.0.0.1:${bare.info.port}`, connections: CONNECTIONS, seconds: 2 });
const ceiling = { label: 'bare node:http 204', ...(await load({ url: `http://127.0.0.1:${bare.info.port}`, connections: CONNECTIONS, seconds: SECONDS })) };
bare.proc.kill();

const rows = [ceiling, await measurePledge('Pledge GET subscriber, PGlite', {})];
if (process.env.BENCH_DATABASE_URL) rows.push(await measurePledge('Pledge GET subscriber, PostgreSQL', { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL }));
else console.log('(BENCH_DATABASE_URL unset: PostgreSQL row skipped; bench/run.sh sets it)');

console.log(`\nHTTP, ${CONNECTIONS} connections, ${SECONDS}s each (wrk on loopback, 1 thread)`);
console.log('| server | req/s | p99 ms | ratio to ceiling | errors / non-2xx |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.label} | ${Math.round(r.reqPerSec)} | ${r.p99} | ${((r.reqPerSec / ceiling.reqPerSec) * 100).toFixed(1)}% | ${r.errors} / ${r.non2xx} |`);
}
