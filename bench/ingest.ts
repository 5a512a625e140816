// Issue 14 benchmark: POST /api/collect with batches of 10 events (the SDK's batch), 50
// connections, on PGlite and PostgreSQL (BENCH_DATABASE_URL), each round beside the bare
// node:http ceiling. Events are durable when answered (group commit). Targets: ≥ 25% of the
// ceiling in events/s on PostgreSQL, ≥ 10% on PGlite, p99 < 50 ms.
import { load, measureRounds, printRounds, startServer } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 50;
const PER_BATCH = 10;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Info = { port: number; site: string; origin: string };
const servers = process.env.BENCH_SKIP_PGLITE ? [] as { label: string; env: Record<string, string> }[] : [{ label: 'Pledge collect, PGlite', env: {} as Record<string, string> }];
if (process.env.BENCH_DATABASE_URL) servers.push({ label: 'Pledge collect, PostgreSQL', env: { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL } });
else console.log('(BENCH_DATABASE_URL unset: PostgreSQL row skipped; bench/run.sh sets it)');

const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
const started = await Promise.all(servers.map(async (s) => ({ ...s, ...(await startServer<Info>('bench/servers/collect.ts', s.env)) })));
try {
  const targets = started.map(({ label, info }) => {
    // Timestamps are those of the run (the ingest drops clocks far off); pages vary so rows differ.
    const now = Date.now();
    const requests = Array.from({ length: 20 }, (_, i) => ({
      method: 'POST' as const, path: '/api/collect',
      headers: { 'content-type': 'text/plain', origin: info.origin, 'user-agent': UA },
      body: JSON.stringify({ site: info.site, consent: { analytics: true, marketing: false, gpc: false }, events: Array.from({ length: PER_BATCH }, (_, j) => ({ kind: 'pageview', at: now + j, url: `${info.origin}/p/${i}-${j}?utm_source=zalo` })) }),
    }));
    const opts = { url: `http://127.0.0.1:${info.port}`, connections: CONNECTIONS, requests };
    return { label, measure: (seconds: number) => load({ ...opts, seconds }) };
  });
  const ceilingUrl = `http://127.0.0.1:${bare.info.port}`;
  await load({ url: ceilingUrl, connections: CONNECTIONS, seconds: 2 });
  for (const t of targets) await t.measure(2);
  const rounds = await measureRounds({ ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets });
  console.log(`\nIngest, ${PER_BATCH} events per request, ${CONNECTIONS} connections, ${SECONDS}s each, ${ROUNDS} rounds (wrk on loopback, 1 thread)`);
  console.log('(share compares requests/s with the ceiling\'s requests/s; events/s = requests/s x 10)');
  printRounds(rounds, { 'Pledge collect, PGlite': { share: 10, p99: 50 }, 'Pledge collect, PostgreSQL': { share: 25, p99: 50 } });
} finally {
  bare.proc.kill();
  for (const s of started) s.proc.kill();
}
