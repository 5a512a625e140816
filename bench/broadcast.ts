// Issue 13 benchmark, broadcasts: a list of BENCH_MEMBERS (100,000) Telegram Subscribers, each with a
// marketing consent in the ledger, a few opted out; then
//  (a) the broadcast queued through the one send path (src/channels/broadcast.ts: the send gate per
//      member, one transaction) — target < 10 s for 100,000;
//  (b) delivery by the real job workers to the local fake platform for BENCH_DELIVER_SECONDS, at the
//      pacer's rate (src/channels/adapters.ts SEND_RATE) under the fake's limit: the observed rate
//      and the fake's rate refusals (target: at the limit, none refused).
// PostgreSQL when BENCH_DATABASE_URL is set, else file-backed PGlite. Setup rows are written in bulk
// SQL (sealed as the app seals them) and are not timed.
import { randomUUID } from 'node:crypto';
import { bootBenchContext, createBenchMerchant } from './servers/boot.ts';
import { startFakePlatforms } from '../test/support/fake-platforms.ts';
import { insertAccount } from '../src/channels/accounts.ts';
import { SEND_RATE } from '../src/channels/adapters.ts';
import { queueBroadcast } from '../src/channels/broadcast.ts';
import { createNotice } from '../src/consents/index.ts';
import { keyringFor } from '../src/crypto/envelope.ts';
import { sealField } from '../src/crypto/fields.ts';
import { inTenant } from '../src/db/scope.ts';
import { JOBS } from '../src/jobs/index.ts';
import { newSubjectKey } from '../src/subjects/keys.ts';
import { subscriberIndex } from '../src/subjects/subscribers.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const DELIVER_SECONDS = Number(process.env.BENCH_DELIVER_SECONDS ?? 10);
const OPTED_OUT_EVERY = 50;
const BOT_TOKEN = '123456:bench-bot-token';

const fake = await startFakePlatforms({ messenger: { token: 'x', appSecret: 'x' }, zalo: { token: 'x' }, telegram: { token: BOT_TOKEN } });
const ctx = await bootBenchContext({ CHANNEL_API_TELEGRAM: fake.url, JOB_LEASE_SECONDS: '60' });
const store = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (file-backed)';
const ring = keyringFor(ctx.config);
const { tenantId, userId } = await createBenchMerchant(ctx, 0);

const t0 = Date.now();
const { accountId, listId } = await inTenant(ctx.db, tenantId, async (tx) => {
  const account = await insertAccount(tx, ring, tenantId, { platform: 'telegram', platformAccount: 'bench_bot', secrets: { accessToken: BOT_TOKEN, secretToken: 'bench-secret' } });
  const notice = await createNotice({ tx, auditKey: ctx.keys.audit }, { type: 'user', id: userId }, tenantId, {
    slug: 'tg-offers', lang: 'vi', purposes: ['contact'], marketing: true, wording: 'Tôi đồng ý nhận tin ưu đãi qua Telegram.',
  });
  const [list] = await tx.query<{ id: string }>("INSERT INTO marketing_lists (tenant_id, label, channel) VALUES ($1, 'Bench', 'channel') RETURNING id", [tenantId]);
  for (let from = 0; from < MEMBERS; from += 5_000) {
    const ids: string[] = []; const wrapped: string[] = []; const ext: string[] = []; const extIdx: (string | null)[] = []; const names: string[] = [];
    for (let i = from; i < Math.min(MEMBERS, from + 5_000); i++) {
      const id = randomUUID();
      const made = newSubjectKey(ctx.keys.data, { type: 'subscriber', id, tenantId });
      const userOnTelegram = String(700_000_000 + i);
      ids.push(id); wrapped.push(made.wrapped);
      ext.push(sealField(made.key, 'subscribers.external_id', id, userOnTelegram)!);
      extIdx.push(subscriberIndex.externalId(ctx.keys, tenantId, userOnTelegram));
      names.push(sealField(made.key, 'subscribers.display_name', id, `Khách ${i}`)!);
    }
    await tx.query("INSERT INTO subject_keys (subject_type, subject_id, tenant_id, wrapped_key) SELECT 'subscriber', u.id, $1, u.w FROM unnest($2::uuid[], $3::text[]) AS u(id, w)", [tenantId, ids, wrapped]);
    await tx.query(
      `INSERT INTO subscribers (id, tenant_id, channel, external_id, external_id_bidx, display_name, source, legal_basis, channel_account_id, opt_in_source, opt_in_at, last_inbound_at)
       SELECT u.id, $1, 'telegram', u.e, u.x, u.n, 'channel:telegram', 'consent', $2, 'start_payload', now(), now() FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS u(id, e, x, n)`,
      [tenantId, account.id, ids, ext, extIdx, names]);
    await tx.query(
      `INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, marketing, given, notice_id, notice_hash, method, recorded_by_type)
       SELECT $1, 'subscriber', u, 'contact', true, true, $2, $3, 'bot_keyword', 'subject' FROM unnest($4::uuid[]) AS u`, [tenantId, notice.id, notice.content_hash, ids]);
    await tx.query(
      `INSERT INTO marketing_list_members (list_id, tenant_id, subject_type, subject_id, consent_ref) SELECT $1, $2, 'subscriber', u, 'consent:bench' FROM unnest($3::uuid[]) AS u`, [list!.id, tenantId, ids]);
    const out = ids.filter((_, k) => (from + k) % OPTED_OUT_EVERY === 0);
    await tx.query(`INSERT INTO opt_events (tenant_id, subscriber_id, channel_account_id, kind, signal) SELECT $1, u, $2, 'opt_out', 'telegram_stop' FROM unnest($3::uuid[]) AS u`, [tenantId, account.id, out]);
  }
  return { accountId: account.id, listId: list!.id };
});
console.log(`setup (${store}): ${MEMBERS.toLocaleString('en')} Subscribers with a marketing consent on one list, every ${OPTED_OUT_EVERY}th opted out — ${((Date.now() - t0) / 1000).toFixed(1)} s (not timed below)`);

const q0 = process.hrtime.bigint();
const r = await inTenant(ctx.db, tenantId, (tx) => queueBroadcast(tx, { ring, auditKey: ctx.keys.audit, jobs: ctx.jobs }, { party: 'tenant', audit: { type: 'user', id: userId } }, {
  tenantId, listId, text: 'Ưu đãi cuối tuần: giảm 20% mọi đơn hàng!',
}));
const qs = Number(process.hrtime.bigint() - q0) / 1e9;
console.log(`broadcast queued (${store}): ${r.queued.toLocaleString('en')} queued + ${r.refused.toLocaleString('en')} refused (opted out) of ${MEMBERS.toLocaleString('en')} in ${qs.toFixed(2)} s = ${Math.round(MEMBERS / qs).toLocaleString('en')} members/s — target 100,000 in < 10 s: ${MEMBERS >= 100_000 && qs < 10 ? 'met' : MEMBERS >= 100_000 ? 'NOT met' : 'not measured at 100,000'}`);

// Delivery by the job workers as deployed, for a bounded time.
const deliverJob = JOBS.filter((j) => j.name === 'deliver-channel-message');
fake.sent.length = 0;
const d0 = Date.now();
await ctx.jobs.startWorkers(ctx, deliverJob);
await new Promise((res) => setTimeout(res, DELIVER_SECONDS * 1000));
const sentIn = fake.sent.filter((s) => s.at <= d0 + DELIVER_SECONDS * 1000);
await ctx.jobs.stop(5);
// The steady rate: from the first send to the end of the window (the first poll takes a moment).
const first = sentIn[0]?.at ?? d0;
const rate = sentIn.length / ((d0 + DELIVER_SECONDS * 1000 - first) / 1000);
const perSecond = new Map<number, number>();
for (const s of sentIn) perSecond.set(Math.floor(s.at / 1000), (perSecond.get(Math.floor(s.at / 1000)) ?? 0) + 1);
const busiest = Math.max(0, ...perSecond.values());
const rateRefused = fake.refused.filter((x) => x.why === 'rate').length;
const optedOutReached = sentIn.filter((s) => (Number(s.to) - 700_000_000) % OPTED_OUT_EVERY === 0).length;
console.log(`delivery (${store}, ${DELIVER_SECONDS} s, job workers): ${sentIn.length} sent = ${rate.toFixed(1)}/s steady (busiest second ${busiest}); pacer ${SEND_RATE.telegram}/s per bot, fake platform limit 50/s per bot; ${rateRefused} refused for rate; ${optedOutReached} sent to opted-out members`);
void accountId;
await fake.close();
process.exit(0);
