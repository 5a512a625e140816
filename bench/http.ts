// Issues 3 and 9 benchmark: Pledge's authenticated, tenant-scoped read of one Subscriber by id,
// on PGlite and on PostgreSQL (BENCH_DATABASE_URL), 50 connections, each round beside the bare
// node:http ceiling measured in the same round. BENCH_ROUNDS rounds (default 3): best and spread.
// Targets (issue 9): ≥ 25% of the ceiling on PostgreSQL, ≥ 15% on PGlite, p99 < 25 ms.
import { load, measureRounds, printRounds, startServer } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

type PledgeInfo = { port: number; apiKey: string; subscriberIds: string[] };

const servers = process.env.BENCH_SKIP_PGLITE ? [] as Array<{ label: string; env: Record<string, string> }> : [{ label: 'Pledge GET subscriber, PGlite', env: {} as Record<string, string> }];
if (process.env.BENCH_DATABASE_URL) servers.push({ label: 'Pledge GET subscriber, PostgreSQL', env: { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL } });
else console.log('(BENCH_DATABASE_URL unset: PostgreSQL row skipped; bench/run.sh sets it)');

const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
const started = await Promise.all(servers.map(async (s) => ({ ...s, ...(await startServer<PledgeInfo>('bench/servers/pledge.ts', s.env)) })));
try {
  const targets = started.map(({ label, info }) => {
    const opts = { url: `http://127.0.0.1:${info.port}`, connections: CONNECTIONS, headers: { authorization: `Bearer ${info.apiKey}` }, paths: info.subscriberIds.map((id) => `/api/subscribers/${id}`) };
    return { label, opts, measure: (seconds: number) => load({ ...opts, seconds }) };
  });
  const ceilingUrl = `http://127.0.0.1:${bare.info.port}`;
  await load({ url: ceilingUrl, connections: CONNECTIONS, seconds: 2 }); // warm-up
  for (const t of targets) await t.measure(2);
  const rounds = await measureRounds({ ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets });
  console.log(`\nHTTP read, ${CONNECTIONS} connections, ${SECONDS}s each, ${ROUNDS} rounds (wrk on loopback, 1 thread)`);
  printRounds(rounds, {
    'Pledge GET subscriber, PGlite': { share: 15, p99: 25 },
    'Pledge GET subscriber, PostgreSQL': { share: 25, p99: 25 },
  });
} finally {
  bare.proc.kill();
  for (const s of started) s.proc.kill();
}
