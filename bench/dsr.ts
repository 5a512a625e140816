// Data-subject requests (issue 12), in process against the real store: PostgreSQL when
// BENCH_DATABASE_URL is set, else PGlite. Sizes come from the environment; the defaults run in a
// minute or two on a shared laptop, far below the 1,000,000 subjects / 20,000,000 rows.
//   DSR_SUBJECTS (2,000)        Subscribers seeded
//   DSR_ROWS_PER_SUBJECT (10)   personal rows per Subscriber, spread over 8 tables
//   DSR_BIG_ROWS (1,000)        rows of the one Subscriber whose access export is timed
//   DSR_SAMPLES (50)            timed single erasures and exports
//   DSR_BATCH (500)             erasures of the batch, 4 at a time on PostgreSQL
// Figures: (a) access export of a subject with DSR_BIG_ROWS rows, p99; (b) erasure of one subject,
// p99; (c) batch erasure, subjects/s, with the p99 of reads (a Subscriber by id over HTTP) meanwhile.
// Targets: (a) < 200 ms, (b) < 100 ms, (c) ≥ 500/s with read p99 < 50 ms.
import { keyringFor, sealColumn } from '../src/crypto/envelope.ts';
import { inPlatform, inTenant } from '../src/db/scope.ts';
import { collectSubjectData } from '../src/dsr/access.ts';
import { eraseSubject } from '../src/dsr/erase.ts';
import { buildApp } from '../src/http/app.ts';
import { insertSubscriber } from '../src/subjects/subscribers.ts';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';

const num = (name: string, d: number) => Number(process.env[name] ?? d);
const SUBJECTS = num('DSR_SUBJECTS', 2_000);
const PER = num('DSR_ROWS_PER_SUBJECT', 10);
const BIG = num('DSR_BIG_ROWS', 1_000);
const SAMPLES = num('DSR_SAMPLES', 50);
const BATCH = Math.min(num('DSR_BATCH', 500), SUBJECTS - SAMPLES);

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

const ctx = await bootBenchContext();
const store = ctx.db.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
const m = await createBenchMerchant(ctx, 0);
const deps = (tx: Parameters<Parameters<typeof inPlatform>[1]>[0]) => ({ tx, ring: keyringFor(ctx.config), keys: ctx.keys });

// Seeding: Subscribers through the real insert (sealed under their own keys); their other rows in bulk.
const t0 = process.hrtime.bigint();
const ids: string[] = [];
for (let i = 0; i < SUBJECTS; i += 200) {
  await inTenant(ctx.db, m.tenantId, async (tx) => {
    for (let j = i; j < Math.min(SUBJECTS, i + 200); j++) {
      ids.push((await insertSubscriber(tx, ctx.keys, m.tenantId, { channel: 'zalo', externalId: `z-${j}`, displayName: `Khách ${j}`, email: `k${j}@mail.example`, phone: '0912345678', source: 'channel:zalo', legalBasis: 'consent' })).id);
    }
  });
}
const [disclosure] = await ctx.db.query<{ id: string }>(
  `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_name, basis, purpose, categories, subject_count, disclosed_at, recorded_by_type)
   VALUES ($1, 'third_party', 'Bench Co', 'subject_permission', 'provide_service', '{user.name}', 1, now(), 'system') RETURNING id`, [m.tenantId]);
// Bodies are sealed under the shop's key (the database refuses them in clear): one sealed value, reused.
const [noteBody, messageBody] = await inTenant(ctx.db, m.tenantId, async (tx) => [
  await sealColumn(tx, keyringFor(ctx.config), m.tenantId, 'subscriber_notes.body', 'Khách thích lan hồ điệp trắng'),
  await sealColumn(tx, keyringFor(ctx.config), m.tenantId, 'messages.body', 'Shop ơi còn lan không'),
]);
/** `n` rows per subject in each of the bulk tables (7 besides subscribers: 8 tables with personal rows). */
async function bulk(subjects: readonly string[], n: number): Promise<void> {
  const per = Math.max(1, Math.round(n / 7));
  for (let i = 0; i < subjects.length; i += 500) {
    const chunk = subjects.slice(i, i + 500);
    await inPlatform(ctx.db, async (tx) => {
      const a = [chunk, m.tenantId, per] as const;
      await tx.query(`INSERT INTO subscriber_notes (tenant_id, subscriber_id, author_type, author_id, body) SELECT $2, s, 'user', $2, $4 FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a, noteBody]);
      await tx.query(`INSERT INTO messages (tenant_id, subscriber_id, channel, direction, body) SELECT $2, s, 'zalo', 'inbound', $4 FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a, messageBody]);
      await tx.query(`INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, given, method, evidence, recorded_by_type) SELECT $2, 'subscriber', s, 'contact', false, 'api', 'zalo-msg ' || g, 'system' FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a]);
      await tx.query(`INSERT INTO processing_restrictions (tenant_id, subject_type, subject_id, kind, purpose, reason, created_by_type) SELECT $2, 'subscriber', s, 'objection', 'research', 'lý do ' || g, 'system' FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a]);
      await tx.query(`INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, state) SELECT $2, 'subscriber', s, 'access', 'email', 'mail-' || g, 'system', 'fulfilled' FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a]);
      await tx.query(`INSERT INTO outbox (kind, to_address, to_bidx, subject, body_text, recipient_type, recipient_id, recipient_tenant_id) SELECT 'privacy_center_link', 'x', 'b' || s, 'subj', 'body', 'subscriber', s, $2 FROM unnest($1::uuid[]) s, generate_series(1, $3) g`, [...a]);
      await tx.query(`INSERT INTO disclosure_subjects (disclosure_id, tenant_id, subject_type, subject_id) SELECT $3, $2, 'subscriber', s FROM unnest($1::uuid[]) s ON CONFLICT DO NOTHING`, [chunk, m.tenantId, disclosure!.id]);
    });
  }
}
await bulk(ids, PER);
const big = ids[0]!;
await bulk([big], BIG);
if (ctx.db.kind === 'postgres') await ctx.db.exec('ANALYZE');
const [{ n: rows } = { n: 0 }] = await ctx.db.query<{ n: number }>(
  `SELECT ((SELECT count(*) FROM subscribers) + (SELECT count(*) FROM subscriber_notes) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM consent_records)
    + (SELECT count(*) FROM processing_restrictions) + (SELECT count(*) FROM subject_requests) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM disclosure_subjects))::int AS n`);
console.log(`dsr bench on ${store}: ${SUBJECTS.toLocaleString('en')} subjects, ${rows.toLocaleString('en')} personal rows in 8 tables, seeded in ${(ms(t0) / 1000).toFixed(1)} s`);

// (a) The access export of the subject with the most rows.
const exportMs: number[] = [];
let bigRows = 0;
for (let i = 0; i < SAMPLES; i++) {
  const t = process.hrtime.bigint();
  const x = await inPlatform(ctx.db, (tx) => collectSubjectData(deps(tx), { type: 'subscriber', id: big, tenantId: m.tenantId }));
  exportMs.push(ms(t));
  bigRows = x.tables.reduce((n, tb) => n + tb.records.length, 0);
}

// (b) Erasure of one subject at a time.
const eraseMs: number[] = [];
for (const id of ids.slice(1, 1 + SAMPLES)) {
  const t = process.hrtime.bigint();
  await inPlatform(ctx.db, (tx) => eraseSubject(deps(tx), { type: 'subscriber', id, tenantId: m.tenantId }));
  eraseMs.push(ms(t));
}

// (c) A batch of erasures while the API serves reads of other Subscribers.
const app = await buildApp(ctx);
await app.ready();
const readers = ids.slice(-50);
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
const batch = ids.slice(1 + SAMPLES, 1 + SAMPLES + BATCH);
const lanes = ctx.db.kind === 'postgres' ? 4 : 1;
const tb = process.hrtime.bigint();
await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
  for (let i = lane; i < batch.length; i += lanes) await inPlatform(ctx.db, (tx) => eraseSubject(deps(tx), { type: 'subscriber', id: batch[i]!, tenantId: m.tenantId }));
}));
const batchS = ms(tb) / 1000;
reading = false;
await readersDone;
await app.close();

const row = (what: string, value: string, target: string, ok: boolean) => console.log(`| ${what} | ${value} | ${target} | ${ok ? 'met' : 'MISSED'} |`);
console.log(`\n| ${store}, ${SUBJECTS.toLocaleString('en')} subjects, ${rows.toLocaleString('en')} rows | measured | target | |\n|---|---|---|---|`);
row(`access export, 1 subject with ${bigRows.toLocaleString('en')} rows, p99 (p50)`, `${p(exportMs, 0.99).toFixed(1)} ms (${p(exportMs, 0.5).toFixed(1)})`, '< 200 ms', p(exportMs, 0.99) < 200);
row('erasure of one subject, p99 (p50)', `${p(eraseMs, 0.99).toFixed(1)} ms (${p(eraseMs, 0.5).toFixed(1)})`, '< 100 ms', p(eraseMs, 0.99) < 100);
row(`batch of ${batch.length.toLocaleString('en')} erasures (${lanes} at a time)`, `${Math.round(batch.length / batchS).toLocaleString('en')} subjects/s`, '≥ 500/s', batch.length / batchS >= 500);
row(`API read p99 during the batch (${readMs.length.toLocaleString('en')} reads)`, `${p(readMs, 0.99).toFixed(1)} ms`, '< 50 ms', p(readMs, 0.99) < 50);
await ctx.db.close();
