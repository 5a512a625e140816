// Data-subject requests (issue 12), in process against the real store: PostgreSQL when
// BENCH_DATABASE_URL is set (bench/dsr-cluster.sh starts one that outlives the shell), else PGlite.
// The dataset is generated once in SQL (generate_series, one statement per table per chunk) and
// kept in DSR_STATE_DIR between runs: database DSR_DB (`pledge_dsr_bench`; or PGlite's directory), the
// secret its keys are wrapped with, and the bench's own ids. A run erases subjects; the next run
// tops the dataset up to its size again, so every run measures the same scale.
//   DSR_SUBJECTS (1,000,000 on PostgreSQL, 100,000 on PGlite)   Subscribers
//   DSR_ROWS_PER_SUBJECT (20)   personal rows per Subscriber over 8 tables (subscriber row included)
//   DSR_BIG_ROWS (1,000)        rows of the one Subscriber whose access export is timed
//   DSR_SAMPLES (100)           timed single erasures and exports
//   DSR_BATCH (10,000)          erasure requests erased as one batch run, DSR_CHUNK per transaction
// Figures: (a) access export of a subject with DSR_BIG_ROWS rows, p99; (b) erasure of one subject,
// p99; (c) batch erasure, subjects/s, with the p99 of API reads (a Subscriber by id) meanwhile.
// Targets: (a) < 200 ms, (b) < 100 ms, (c) ≥ 500/s with read p99 < 50 ms.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createContext } from '../src/app/boot.ts';
import { loadConfig } from '../src/config.ts';
import { keyringFor, sealColumn } from '../src/crypto/envelope.ts';
import { inPlatform, inTenant } from '../src/db/scope.ts';
import { collectSubjectData } from '../src/dsr/access.ts';
import { eraseRequestBatch } from '../src/dsr/batch.ts';
import { eraseSubject } from '../src/dsr/erase.ts';
import { buildApp } from '../src/http/app.ts';
import { publishInitialPolicies } from '../src/policies/initial.ts';
import { insertSubscriber } from '../src/subjects/subscribers.ts';
import { createBenchMerchant } from './servers/boot.ts';

const pgUrl = process.env.BENCH_DATABASE_URL;
const num = (name: string, d: number) => Number(process.env[name] ?? d);
const SUBJECTS = num('DSR_SUBJECTS', pgUrl ? 1_000_000 : 100_000);
const PER = num('DSR_ROWS_PER_SUBJECT', 20);
const BIG = num('DSR_BIG_ROWS', 1_000);
const SAMPLES = num('DSR_SAMPLES', 100);
const BATCH = num('DSR_BATCH', 10_000);
const CHUNK = num('DSR_CHUNK', 250);
const LANES = num('DSR_LANES', pgUrl ? 2 : 1);
const GEN_CHUNK = 50_000;

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// --- The reusable state: a database, its secret, and the bench's ids.
const STATE = process.env.DSR_STATE_DIR ?? `/tmp/pledge-dsr-bench/${pgUrl ? 'postgres' : 'pglite'}`;
mkdirSync(join(STATE, 'data'), { recursive: true });
const secretFile = join(STATE, 'secret');
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const DB = process.env.DSR_DB ?? 'pledge_dsr_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(DB)) throw new Error('DSR_DB must be a plain identifier');
let url: string | undefined;
if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount === 0) await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${DB}`;
  url = u.toString();
}
const ctx = await createContext(loadConfig({
  PLEDGE_SECRET: readFileSync(secretFile, 'utf8').trim(), DATA_DIR: join(STATE, 'data'), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000',
  ...(url ? { DATABASE_URL: url } : {}),
}));
const store = ctx.db.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
const ring = keyringFor(ctx.config);
const deps = (tx: Parameters<Parameters<typeof inPlatform>[1]>[0]) => ({ tx, ring, keys: ctx.keys });

type Seed = { tenantId: string; key: string; big: string; template: string; readers: string[]; disclosure: string; noteBody: string; messageBody: string };
const seedFile = join(STATE, 'seed.json');
const tSetup = process.hrtime.bigint();
let seed: Seed;
if (existsSync(seedFile)) seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Seed;
else {
  await publishInitialPolicies(ctx);
  const m = await createBenchMerchant(ctx, 0);
  // Real Subscribers, sealed under their own keys: the template the generated ones copy, the big one, the ones the API reads.
  const real = await inTenant(ctx.db, m.tenantId, async (tx) => {
    const out: string[] = [];
    for (let j = 0; j < 52; j++) {
      out.push((await insertSubscriber(tx, ctx.keys, m.tenantId, { channel: 'zalo', externalId: `z-${j}`, displayName: `Khách ${j}`, email: `k${j}@mail.example`, phone: '0912345678', source: 'channel:zalo', legalBasis: 'consent' })).id);
    }
    return out;
  });
  const [d] = await ctx.db.query<{ id: string }>(
    `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_name, basis, purpose, categories, subject_count, disclosed_at, recorded_by_type)
     VALUES ($1, 'third_party', 'Bench Co', 'subject_permission', 'provide_service', '{user.name}', 1, now(), 'system') RETURNING id`, [m.tenantId]);
  // Bodies are sealed under the shop's key (the database refuses them in clear): one sealed value, reused.
  const [noteBody, messageBody] = await inTenant(ctx.db, m.tenantId, async (tx) => [
    await sealColumn(tx, ring, m.tenantId, 'subscriber_notes.body', 'Khách thích lan hồ điệp trắng'),
    await sealColumn(tx, ring, m.tenantId, 'messages.body', 'Shop ơi còn lan không'),
  ]);
  seed = { tenantId: m.tenantId, key: m.key, template: real[0]!, big: real[1]!, readers: real.slice(2), disclosure: d!.id, noteBody, messageBody };
  await rowsFor(`SELECT unnest($1::uuid[]) AS id`, [real.slice(1)], PER);
  writeFileSync(seedFile, JSON.stringify(seed));
}
const { tenantId } = seed;
// The subject whose export is timed has exactly BIG rows (a dataset made with another BIG is topped up).
const bigRowsNow = Number((await ctx.db.query<{ n: string }>(
  `SELECT (1 + (SELECT count(*) FROM subscriber_notes WHERE subscriber_id = $1) + (SELECT count(*) FROM messages WHERE subscriber_id = $1)
     + (SELECT count(*) FROM consent_records WHERE subject_id = $1) + (SELECT count(*) FROM processing_restrictions WHERE subject_id = $1)
     + (SELECT count(*) FROM subject_requests WHERE subject_id = $1) + (SELECT count(*) FROM outbox WHERE recipient_id = $1)
     + (SELECT count(*) FROM disclosure_subjects WHERE subject_id = $1)) AS n`, [seed.big]))[0]!.n);
if (bigRowsNow < BIG) await rowsFor('SELECT $1::uuid AS id', [seed.big], BIG - bigRowsNow + 2);

/**
 * Personal rows of the subjects `ids` selects, `per` of them over the 7 tables besides subscribers
 * (the shares roughly what a chat shop holds: messages most, then notes, consents, mail).
 */
async function rowsFor(ids: string, params: unknown[], per: number): Promise<void> {
  // `per` counts the subscriber row and the one disclosure row; the rest is shared out, messages taking the remainder.
  const others = Math.max(6, per - 2);
  const [notes, , consents, restr, reqs, mail] = [3, 8, 3, 1, 1, 2].map((w) => Math.max(1, Math.floor((others * w) / 18)));
  const msgs = others - notes! - consents! - restr! - reqs! - mail!;
  const n = params.length;
  const t = `$${n + 1}`;
  await inPlatform(ctx.db, async (tx) => {
    const q = (sql: string, extra: unknown[] = []) => tx.query(`WITH s AS (${ids}) ${sql}`, [...params, seed.tenantId, ...extra]);
    await q(`INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body) SELECT ${t}, s.id, 'user', ${t}, $${n + 2} FROM s, generate_series(1, ${notes}) g`, [seed.noteBody]);
    await q(`INSERT INTO messages (tenant_id, subscriber_id, channel, direction, body) SELECT ${t}, s.id, 'zalo', 'inbound', $${n + 2} FROM s, generate_series(1, ${msgs}) g`, [seed.messageBody]);
    await q(`INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, given, method, evidence, recorded_by_type) SELECT ${t}, 'subscriber', s.id, 'contact', false, 'api', 'zalo-msg ' || g, 'system' FROM s, generate_series(1, ${consents}) g`);
    await q(`INSERT INTO processing_restrictions (tenant_id, subject_type, subject_id, kind, purpose, reason, created_by_type) SELECT ${t}, 'subscriber', s.id, 'objection', 'research', 'lý do ' || g, 'system' FROM s, generate_series(1, ${restr}) g`);
    await q(`INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, state) SELECT ${t}, 'subscriber', s.id, 'access', 'email', 'mail-' || g, 'system', 'fulfilled' FROM s, generate_series(1, ${reqs}) g`);
    await q(`INSERT INTO outbox (kind, to_address, to_bidx, subject, body_text, recipient_type, recipient_id, recipient_tenant_id) SELECT 'privacy_center_link', 'x', 'b' || s.id, 'subj', 'body', 'subscriber', s.id, ${t} FROM s, generate_series(1, ${mail}) g`);
    await q(`INSERT INTO disclosure_subjects (disclosure_id, tenant_id, subject_type, subject_id) SELECT $${n + 2}, ${t}, 'subscriber', s.id FROM s ON CONFLICT DO NOTHING`, [seed.disclosure]);
  });
}

/** `n` more Subscribers, generated in SQL from the template's sealed values (erasure never opens them), each with its rows. */
async function generate(n: number): Promise<void> {
  for (let done = 0; done < n; done += GEN_CHUNK) {
    const k = Math.min(GEN_CHUNK, n - done);
    const ids = (await ctx.db.query<{ id: string }>('SELECT gen_random_uuid()::text AS id FROM generate_series(1, $1)', [k])).map((r) => r.id);
    await inPlatform(ctx.db, async (tx) => {
      await tx.query(`INSERT INTO subject_keys (subject_type, subject_id, tenant_id, wrapped_key)
        SELECT 'subscriber', g.id, $2, k.wrapped_key FROM unnest($1::uuid[]) AS g(id), subject_keys k WHERE k.subject_type = 'subscriber' AND k.subject_id = $3`, [ids, tenantId, seed.template]);
      await tx.query(`INSERT INTO subscribers (id, tenant_id, channel, external_id, external_id_bidx, display_name, phone, phone_bidx, email, email_bidx, source, legal_basis)
        SELECT g.id, $2, 'zalo', t.external_id, md5('x' || g.id), t.display_name, t.phone, md5('p' || g.id), t.email, md5('e' || g.id), t.source, t.legal_basis
          FROM unnest($1::uuid[]) AS g(id), subscribers t WHERE t.id = $3`, [ids, tenantId, seed.template]);
    });
    await rowsFor('SELECT unnest($1::uuid[]) AS id', [ids], PER);
    if ((done / GEN_CHUNK) % 4 === 3) console.log(`  generated ${(done + k).toLocaleString('en')} / ${n.toLocaleString('en')} subjects, ${(ms(tSetup) / 1000).toFixed(0)} s`);
  }
}

const live = async () => Number((await ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM subscribers WHERE tenant_id = $1', [tenantId]))[0]!.n);
const missing = SUBJECTS - (await live());
if (missing > 0) {
  const tg = process.hrtime.bigint();
  await generate(missing);
  // A first generation is vacuumed (visibility map for index-only scans); a run's top-up only refreshes statistics.
  if (ctx.db.kind === 'postgres') await ctx.db.exec(missing > SUBJECTS / 10 ? 'VACUUM ANALYZE' : 'ANALYZE');
  console.log(`generated ${missing.toLocaleString('en')} subjects with their rows in ${(ms(tg) / 1000).toFixed(1)} s`);
}
const [{ n: rows } = { n: 0 }] = await ctx.db.query<{ n: number }>(
  `SELECT ((SELECT count(*) FROM subscribers) + (SELECT count(*) FROM subscriber_notes) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM consent_records)
    + (SELECT count(*) FROM processing_restrictions) + (SELECT count(*) FROM subject_requests) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM disclosure_subjects))::int AS n`);
const subjects = await live();
console.log(`dsr bench on ${store}: ${subjects.toLocaleString('en')} subjects, ${rows.toLocaleString('en')} personal rows in 8 tables; setup ${(ms(tSetup) / 1000).toFixed(1)} s`);

// Victims: generated Subscribers (never the real ones), the first SAMPLES erased one by one, the rest as the batch.
const reserved = [seed.template, seed.big, ...seed.readers];
const victims = (await ctx.db.query<{ id: string }>('SELECT id FROM subscribers WHERE tenant_id = $1 AND id <> ALL($2::uuid[]) LIMIT $3', [tenantId, reserved, SAMPLES + BATCH])).map((r) => r.id);

// (a) The access export of the subject with the most rows.
const exportMs: number[] = [];
let bigRows = 0;
for (let i = 0; i < SAMPLES; i++) {
  const t = process.hrtime.bigint();
  const x = await inPlatform(ctx.db, (tx) => collectSubjectData(deps(tx), { type: 'subscriber', id: seed.big, tenantId }));
  exportMs.push(ms(t));
  bigRows = x.tables.reduce((n, tb) => n + tb.records.length, 0);
}

// (b) Erasure of one subject at a time.
const eraseMs: number[] = [];
for (const id of victims.slice(0, SAMPLES)) {
  const t = process.hrtime.bigint();
  await inPlatform(ctx.db, (tx) => eraseSubject(deps(tx), { type: 'subscriber', id, tenantId }));
  eraseMs.push(ms(t));
}

// (c) A batch of erasure requests (filed and verified in bulk: filing is not what is timed), erased
// CHUNK per transaction with their checkpoints, while the API serves reads of other Subscribers.
const batch = victims.slice(SAMPLES);
const requestIds = (await inPlatform(ctx.db, (tx) => tx.query<{ id: string }>(
  `INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, state, confirmed_at)
   SELECT $1, 'subscriber', s, 'erasure', 'api', 'bench', 'system', 'in_progress', now() FROM unnest($2::uuid[]) s RETURNING id`, [tenantId, batch]))).map((r) => r.id);
const app = await buildApp(ctx);
await app.ready();
const readMs: number[] = [];
let reading = true;
const readLoop = async () => {
  for (let i = 0; reading; i++) {
    const t = process.hrtime.bigint();
    const r = await app.inject({ method: 'GET', url: `/api/subscribers/${seed.readers[i % seed.readers.length]}`, headers: { authorization: `Bearer ${seed.key}` } });
    if (r.statusCode !== 200) throw new Error(`read failed: ${r.statusCode}`);
    readMs.push(ms(t));
  }
};
const readersDone = Promise.all([readLoop(), readLoop()]);
const tb = process.hrtime.bigint();
let erased = 0;
const chunks = Array.from({ length: Math.ceil(requestIds.length / CHUNK) }, (_, i) => requestIds.slice(i * CHUNK, (i + 1) * CHUNK));
await Promise.all(Array.from({ length: LANES }, async (_, lane) => {
  for (let i = lane; i < chunks.length; i += LANES) {
    const r = await eraseRequestBatch(ctx, chunks[i]!);
    erased += r.erased;
  }
}));
const batchS = ms(tb) / 1000;
reading = false;
await readersDone;
await app.close();
const left = Number((await ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM subscribers WHERE id = ANY($1::uuid[])', [batch]))[0]!.n);
if (erased !== batch.length || left !== 0) throw new Error(`batch erased ${erased} of ${batch.length}; ${left} Subscribers remain`);

const row = (what: string, value: string, target: string, ok: boolean) => console.log(`| ${what} | ${value} | ${target} | ${ok ? 'met' : 'MISSED'} |`);
console.log(`\n| ${store}, ${subjects.toLocaleString('en')} subjects, ${rows.toLocaleString('en')} rows | measured | target | |\n|---|---|---|---|`);
row(`access export, 1 subject with ${bigRows.toLocaleString('en')} rows, p99 (p50)`, `${p(exportMs, 0.99).toFixed(1)} ms (${p(exportMs, 0.5).toFixed(1)})`, '< 200 ms', p(exportMs, 0.99) < 200);
row('erasure of one subject, p99 (p50)', `${p(eraseMs, 0.99).toFixed(1)} ms (${p(eraseMs, 0.5).toFixed(1)})`, '< 100 ms', p(eraseMs, 0.99) < 100);
row(`batch of ${batch.length.toLocaleString('en')} erasure requests (${CHUNK} per transaction, ${LANES} at a time)`, `${Math.round(batch.length / batchS).toLocaleString('en')} subjects/s`, '≥ 500/s', batch.length / batchS >= 500);
row(`API read p99 during the batch (${readMs.length.toLocaleString('en')} reads)`, `${p(readMs, 0.99).toFixed(1)} ms`, '< 50 ms', p(readMs, 0.99) < 50);
await ctx.db.close();
