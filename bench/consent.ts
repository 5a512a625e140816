// Issue 4 benchmark, the consent ledger:
//  (a) recording consent over HTTP (POST /api/subjects/subscriber/:id/consents, API key, a fresh
//      Idempotency-Key per request), each acknowledged only after commit: PostgreSQL with fsync on
//      (BENCH_DATABASE_URL), PGlite file-backed under a fresh DATA_DIR;
//  (b) the current consent state of one subject among 1,000,000 subjects / 10,000,000 records on
//      PostgreSQL: p99 of `currentConsents` inside its tenant transaction.
// Targets: (a) issue 9: ≥ 2,000/s PostgreSQL (3,000 the goal), ≥ 1,000/s PGlite, p99 < 50 ms, 0 errors,
// each round beside the bare node:http ceiling measured in that round; (b) p99 < 5 ms.
import { freshDatabase } from './servers/boot.ts';
import pg from 'pg';
import { load, measureRounds, printRounds, startServer, type LoadRequest } from './load.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { migrate } from '../src/db/migrate.ts';
import { inTenant } from '../src/db/scope.ts';
import { currentConsents } from '../src/consents/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 1_000_000);
const PER_SUBJECT = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const POSTGRES = 'PostgreSQL (fsync on, synchronous commit)';
const PGLITE = 'PGlite (file-backed DATA_DIR)';
/** Stop generating after this long and measure what exists (2 cores should need far less). */
const LOAD_BUDGET_S = Number(process.env.BENCH_LOAD_BUDGET_S ?? 600);

type ServerInfo = { port: number; tenants: Array<{ apiKey: string; noticeId: string; subscriberIds: string[] }> };
const lines: string[] = [];
const report = (s: string) => {
  lines.push(s);
  console.log(s);
};

/** A consent server and the wrk load that records consents on it (each with a fresh Idempotency-Key). */
async function consentTarget(label: string, env: Record<string, string>) {
  const { info, proc } = await startServer<ServerInfo>('bench/servers/consent.ts', env);
  const requests: LoadRequest[] = info.tenants.flatMap((t) =>
    t.subscriberIds.slice(0, 50).map((id) => ({
      method: 'POST' as const,
      path: `/api/subjects/subscriber/${id}/consents`,
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: 'contact', given: true, noticeId: t.noticeId, method: 'api', marketing: true, evidence: 'bench' }),
    })),
  );
  const opts = { url: `http://127.0.0.1:${info.port}`, connections: CONNECTIONS, requests, uniqueHeader: 'Idempotency-Key' };
  return { label, proc, measure: (seconds: number) => load({ ...opts, seconds }) };
}

/** Both stores, BENCH_ROUNDS rounds, each beside the bare ceiling of its round. */
async function recordOverHttp(pgUrl: string | undefined) {
  const bare = await startServer<{ port: number }>('bench/servers/bare.ts');
  const targets = [await consentTarget(PGLITE, { BENCH_DATABASE_URL: '' })];
  if (pgUrl) targets.unshift(await consentTarget(POSTGRES, { BENCH_DATABASE_URL: pgUrl }));
  else report('(PostgreSQL skipped: BENCH_DATABASE_URL unset)');
  try {
    const ceilingUrl = `http://127.0.0.1:${bare.info.port}`;
    await load({ url: ceilingUrl, connections: CONNECTIONS, seconds: 2 }); // warm-up
    for (const t of targets) await t.measure(2);
    const rounds = await measureRounds({ ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets });
    lines.push(...printRounds(rounds, { [POSTGRES]: { perSecond: 2000, p99: 50 }, [PGLITE]: { perSecond: 1000, p99: 50 } }, 'consents/s'));
  } finally {
    bare.proc.kill();
    for (const t of targets) t.proc.kill();
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function currentStateAtScale(adminUrl: string) {
  const url = await freshDatabase(adminUrl);
  const db = await openPostgres(url, 4);
  await migrate(db);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tenants = 100;
    await c.query(`INSERT INTO tenants (name) SELECT 'Scale ' || lpad(g::text, 3, '0') FROM generate_series(1, ${tenants}) g`);
    const [notice] = (await c.query<{ id: string; content_hash: string }>(
      `INSERT INTO consent_notices (tenant_id, slug, version, lang, purposes, marketing, wording, content_hash, created_by_type)
       SELECT id, 'scale', 1, 'vi', ARRAY['contact','research','communicate','improve_service'], true, 'Tôi đồng ý.', encode(sha256('Tôi đồng ý.'::bytea), 'hex'), 'system'
         FROM tenants ORDER BY name LIMIT 1 RETURNING id, content_hash`,
    )).rows;
    // Bulk load: no FK triggers, indexes built once afterwards (sorted builds beat 10M random inserts).
    await c.query('SET session_replication_role = replica');
    await c.query(`SET statement_timeout = '${LOAD_BUDGET_S}s'`);
    await c.query('ALTER TABLE consent_records DROP CONSTRAINT consent_records_pkey');
    await c.query('DROP INDEX consent_records_current');
    const t0 = Date.now();
    let loaded = true;
    try {
      // Subject s (0…N-1) belongs to tenant s % 100, its id is md5('s' || s); 10 records each over 4 purposes.
      await c.query(
        `INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, marketing, given, notice_id, notice_hash, method, recorded_at, recorded_by_type)
         SELECT t.ids[(g / ${PER_SUBJECT}) % ${tenants} + 1], 'subscriber', md5('s' || (g / ${PER_SUBJECT}))::uuid,
                (ARRAY['contact','research','communicate','improve_service'])[g % 4 + 1], g % 4 = 0, (g % ${PER_SUBJECT}) < 8,
                $1, $2, 'api', timestamptz '2025-01-01' + make_interval(secs => g % ${PER_SUBJECT} * 60 + (g / ${PER_SUBJECT}) % 86400), 'system'
           FROM generate_series(0, ${SUBJECTS * PER_SUBJECT - 1}) g, (SELECT array_agg(id ORDER BY name) AS ids FROM tenants) t`,
        [notice!.id, notice!.content_hash],
      );
    } catch (err) {
      if ((err as { code?: string }).code !== '57014') throw err;
      loaded = false;
    }
    const insertS = (Date.now() - t0) / 1000;
    await c.query(`SET statement_timeout = 0`);
    await c.query(`SET maintenance_work_mem = '1GB'`);
    await c.query(`SET max_parallel_maintenance_workers = 2`);
    const t1 = Date.now();
    await c.query('ALTER TABLE consent_records ADD PRIMARY KEY (id)');
    await c.query('CREATE INDEX consent_records_current ON consent_records (tenant_id, subject_type, subject_id, purpose, recorded_at DESC)');
    await c.query('ANALYZE consent_records');
    const indexS = (Date.now() - t1) / 1000;
    const [{ n }] = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_records')).rows as [{ n: number }];
    const subjects = Math.floor(n / PER_SUBJECT);
    report(`\nLoad: ${n.toLocaleString('en')} consent records of ${subjects.toLocaleString('en')} subjects in ${tenants} tenants: insert ${insertS.toFixed(1)} s, indexes + analyze ${indexS.toFixed(1)} s${loaded ? '' : ` (stopped at the ${LOAD_BUDGET_S}s budget)`}`);

    const tenantIds = (await c.query<{ id: string }>('SELECT id FROM tenants ORDER BY name')).rows.map((r) => r.id);
    const { rows: idRows } = await c.query<{ s: number; id: string }>(
      `SELECT s, md5('s' || s)::text AS id FROM (SELECT (random() * ${subjects - 1})::int AS s FROM generate_series(1, 11000)) q`,
    );
    const samples: number[] = [];
    const queryOnly: number[] = [];
    for (const [i, r] of idRows.entries()) {
      const subject = { tenantId: tenantIds[r.s % tenants]!, type: 'subscriber' as const, id: r.id };
      const start = process.hrtime.bigint();
      const rows = await inTenant(db, subject.tenantId, async (tx) => {
        const q = process.hrtime.bigint();
        const out = await currentConsents(tx, subject);
        if (i >= 1000) queryOnly.push(Number(process.hrtime.bigint() - q) / 1e6);
        return out;
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (rows.length !== 4) throw new Error(`subject ${r.s}: expected 4 purposes, got ${rows.length}`);
      if (i >= 1000) samples.push(ms); // the first 1,000 warm the cache and the pool
    }
    samples.sort((a, b) => a - b);
    queryOnly.sort((a, b) => a - b);
    report(`\n| currentConsents, 1 subject of ${subjects.toLocaleString('en')} (${n.toLocaleString('en')} records), PostgreSQL | p50 ms | p99 ms | target | |`);
    report('|---|---:|---:|---:|---|');
    report(`| in its tenant transaction (BEGIN, role, tenant, query, COMMIT) | ${pct(samples, 50).toFixed(2)} | ${pct(samples, 99).toFixed(2)} | < 5 | ${pct(samples, 99) < 5 ? 'met' : 'NOT met'} |`);
    report(`| the query alone | ${pct(queryOnly, 50).toFixed(2)} | ${pct(queryOnly, 99).toFixed(2)} | < 5 | ${pct(queryOnly, 99) < 5 ? 'met' : 'NOT met'} |`);
  } finally {
    await c.end();
    await db.close();
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL;
/** `http` or `scale` runs one half only (both by default). */
const ONLY = process.env.BENCH_ONLY;
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  const settings = (await c.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method')`)).rows;
  await c.end();
  report(`PostgreSQL durability settings: ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`);
}
if (ONLY !== 'scale') {
report(`\nRecording consent over HTTP: ${CONNECTIONS} connections, ${SECONDS}s, ${ROUNDS} rounds, 20 tenants × 50 Subscribers, API key, fresh Idempotency-Key each (wrk on loopback, 1 thread)`);
await recordOverHttp(pgUrl);
}
if (ONLY !== 'http' && pgUrl) await currentStateAtScale(pgUrl);
else report('\n(currentConsents at 1M subjects / 10M records needs BENCH_DATABASE_URL)');
