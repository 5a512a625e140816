// The retention purge (issue 15), in process against the real store: PostgreSQL when
// BENCH_DATABASE_URL is set, else PGlite. Seeds PURGE_ROWS expired rows (verification tokens,
// the housekeeping purge) and PURGE_HOLDS rows kept after erasure whose period has ended (the
// retention-hold purge), then runs both purges exactly as the jobs do, while two loops read a
// Subscriber by id over the API. Target: ≥ 50,000 rows/s on PostgreSQL with read p99 < 50 ms.
//   PURGE_ROWS (300,000)   expired email_tokens
//   PURGE_HOLDS (50,000)   held policy_acceptances past their period
import { inPlatform, inTenant } from '../src/db/scope.ts';
import { buildApp } from '../src/http/app.ts';
import { PURGES, purge } from '../src/jobs/housekeeping.ts';
import { purgeExpiredHolds } from '../src/retention/holds.ts';
import { insertSubscriber } from '../src/subjects/subscribers.ts';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';

const num = (name: string, d: number) => Number(process.env[name] ?? d);
const ROWS = num('PURGE_ROWS', 300_000);
const HOLDS = num('PURGE_HOLDS', 50_000);
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

const ctx = await bootBenchContext();
const store = ctx.db.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
const m = await createBenchMerchant(ctx, 0);
const readers = await inTenant(ctx.db, m.tenantId, async (tx) => {
  const out: string[] = [];
  for (let i = 0; i < 50; i++) out.push((await insertSubscriber(tx, ctx.keys, m.tenantId, { channel: 'zalo', externalId: `z-${i}`, displayName: `Khách ${i}`, source: 'channel:zalo', legalBasis: 'consent' })).id);
  return out;
});

// Seeding in bulk (not timed): the rows a purge finds due.
const ts = process.hrtime.bigint();
await inPlatform(ctx.db, async (tx) => {
  const [u] = await tx.query<{ id: string }>('SELECT user_id AS id FROM memberships WHERE tenant_id = $1 LIMIT 1', [m.tenantId]);
  await tx.query(`INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
    SELECT md5(g::text), $1, 'verify_email', now() - interval '1 day' FROM generate_series(1, $2) g`, [u!.id, ROWS]);
  await tx.query(`INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method)
    SELECT $1, p.version, p.content_hash, t.version, t.content_hash, 'api' FROM generate_series(1, $2) g,
      (SELECT * FROM policy_versions WHERE kind = 'privacy' ORDER BY version DESC LIMIT 1) p,
      (SELECT * FROM policy_versions WHERE kind = 'terms' ORDER BY version DESC LIMIT 1) t`, [u!.id, HOLDS]);
  await tx.query(`INSERT INTO retention_holds (table_name, row_key, ground, period, until)
    SELECT 'policy_acceptances', jsonb_build_object('id', id), 'bench', 'P3Y', now() - interval '1 second' FROM policy_acceptances WHERE user_id = $1`, [u!.id]);
});
const seedS = ms(ts) / 1000;

const app = await buildApp(ctx);
await app.ready();
const readMs: number[] = [];
let reading = true;
const readLoop = async () => {
  for (let i = 0; reading; i++) {
    const t = process.hrtime.bigint();
    const r = await app.inject({ method: 'GET', url: `/api/subscribers/${readers[i % readers.length]}`, headers: { authorization: `Bearer ${m.key}` } });
    if (r.statusCode !== 200) throw new Error(`read failed: ${r.statusCode}`);
    readMs.push(ms(t));
  }
};
const readersDone = Promise.all([readLoop(), readLoop()]);
const t1 = process.hrtime.bigint();
const purged = await purge(ctx, PURGES.emailTokens);
const tokensS = ms(t1) / 1000;
const t2 = process.hrtime.bigint();
const held = await purgeExpiredHolds(ctx);
const holdsS = ms(t2) / 1000;
reading = false;
await readersDone;
await app.close();
// The merchant's own acceptance is held with the seeded ones.
if (purged !== ROWS || held !== HOLDS + 1) throw new Error(`purged ${purged}/${ROWS} tokens and ${held}/${HOLDS} held rows`);

const row = (what: string, value: string, target: string, ok: boolean) => console.log(`| ${what} | ${value} | ${target} | ${ok ? 'met' : 'MISSED'} |`);
console.log(`\n| ${store} purge (seeded in ${seedS.toFixed(1)} s) | measured | target | |\n|---|---|---|---|`);
row(`housekeeping purge, ${ROWS.toLocaleString('en')} expired tokens`, `${Math.round(ROWS / tokensS).toLocaleString('en')} rows/s`, '≥ 50,000/s', ROWS / tokensS >= 50_000);
row(`retention-hold purge, ${HOLDS.toLocaleString('en')} held rows`, `${Math.round(held / holdsS).toLocaleString('en')} rows/s`, '≥ 50,000/s', held / holdsS >= 50_000);
row(`API read p99 during both purges (${readMs.length.toLocaleString('en')} reads)`, `${p(readMs, 0.99).toFixed(1)} ms`, '< 50 ms', p(readMs, 0.99) < 50);
await ctx.db.close();
