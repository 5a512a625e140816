/**
 * Webhook intake: check the platform's signature over the raw bytes, read the delivery, and
 * store each event (its item sealed under the tenant's key) with its processing job in ONE
 * transaction; the caller answers 200 only after that commit, so an acknowledged event
 * survives a crash. A redelivered event hits the unique (account, event key) index and is
 * neither stored nor processed again.
 * @clause C07 @clause C11
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { sealColumns, type Keyring } from '../crypto/envelope.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { inTenant } from '../db/scope.ts';
import { webhookAccount, type WebhookAccount } from './accounts.ts';
import { READERS, type ChannelEvent, type Delivery, type Platform } from './events.ts';
import { checkMessenger, checkTelegram, checkZalo, type SignatureCheck } from './signatures.ts';
import { FLOOD_MAX, FLOOD_WINDOW_MS, FloodGuard } from './flood.ts';

export const PROCESS_EVENT_JOB = 'process-channel-event';

export type IntakeResult =
  | { outcome: 'stored'; stored: number; duplicates: number; flooded: number }
  | { outcome: 'refused'; code: SignatureCheck }
  | { outcome: 'malformed' }
  | { outcome: 'ignored'; code: 'account_unknown' | 'recipient_unknown' };

type Headers = Record<string, string | string[] | undefined>;

const parse = (raw: Buffer): unknown => {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
};

function verify(platform: Platform, a: WebhookAccount, headers: Headers, raw: Buffer, body: unknown): SignatureCheck {
  const s = a.secrets;
  if (platform === 'messenger') return s.appSecret ? checkMessenger(headers['x-hub-signature-256'], raw, s.appSecret) : 'signature_invalid';
  if (platform === 'telegram') return s.secretToken ? checkTelegram(headers['x-telegram-bot-api-secret-token'], s.secretToken) : 'signature_invalid';
  const ts = (body as { timestamp?: unknown } | undefined)?.timestamp;
  if (!s.oaSecretKey || !a.row.app_ref) return 'signature_invalid';
  if (typeof headers['x-zevent-signature'] !== 'string') return 'signature_missing';
  return typeof ts === 'string' || typeof ts === 'number' ? checkZalo(headers['x-zevent-signature'], raw, a.row.app_ref, String(ts), s.oaSecretKey) : 'signature_invalid';
}

const system = { type: 'system' as const, id: null };

type Waiting = { account: WebhookAccount; events: readonly ChannelEvent[]; resolve(r: { stored: number; duplicates: number }): void; reject(e: unknown): void };
// One group commit per tenant: a batch is one tenant transaction.
const intakes = new WeakMap<AppContext, Map<string, GroupCommit<Waiting>>>();
// Deliveries of one tenant arriving while its commits are in flight go into the next one.
const MAX_BATCH = 200;

/**
 * Group commit (`GroupCommit`): every delivery of a tenant that arrives while that tenant's
 * commits are in flight is stored in the next transaction together — sealed rows with one
 * statement, one job per hundred events — and each call is answered only after that commit.
 * One commit (one fsync) then acknowledges many events; a failure fails only that batch, whose
 * platforms retry.
 */
function store(ctx: AppContext, ring: Keyring, a: WebhookAccount, events: readonly ChannelEvent[]): Promise<{ stored: number; duplicates: number }> {
  if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
  let tenants = intakes.get(ctx);
  if (!tenants) intakes.set(ctx, (tenants = new Map()));
  const all = tenants;
  const tenantId = a.row.tenant_id;
  let group = all.get(tenantId);
  if (!group) {
    group = new GroupCommit<Waiting>(ctx.db, {
      take: (queue) => queue.splice(0, MAX_BATCH),
      commit: (batch) => commitBatch(ctx, ring, tenantId, batch).then(
        (stored) => batch.forEach((w, i) => w.resolve({ stored: stored[i]!, duplicates: w.events.length - stored[i]! })),
        (err: unknown) => { for (const w of batch) w.reject(err); },
      ),
      idle: () => all.delete(tenantId),
    });
    all.set(tenantId, group);
  }
  const g = group;
  return new Promise((resolve, reject) => g.push({ account: a, events, resolve, reject }));
}

/** One transaction: every event of the batch sealed and inserted (a repeat key is skipped), one processing job for the new ones. */
async function commitBatch(ctx: AppContext, ring: Keyring, tenantId: string, batch: readonly Waiting[]): Promise<number[]> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const accounts: string[] = [];
    const keys: string[] = [];
    const plain: string[] = [];
    for (const w of batch) {
      for (const e of w.events) {
        accounts.push(w.account.row.id);
        keys.push(e.key.slice(0, 300));
        plain.push(JSON.stringify(e));
      }
    }
    const payloads = await sealColumns(tx, ring, tenantId, 'channel_events.payload', plain);
    // Rows go in key order: two flights carrying the same redelivered keys then wait for each other in one order, never in a cycle.
    const rows = await tx.query<{ id: string; channel_account_id: string; event_key: string }>(
      `INSERT INTO channel_events (tenant_id, channel_account_id, event_key, payload)
       SELECT $1, t.a, t.k, t.p FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(a, k, p) ORDER BY t.a, t.k
       ON CONFLICT (channel_account_id, event_key) DO NOTHING RETURNING id, channel_account_id, event_key`,
      [tenantId, accounts, keys, payloads],
    );
    for (let i = 0; i < rows.length; i += 100) {
      await ctx.jobs.enqueue(tx, PROCESS_EVENT_JOB, { tenantId, eventIds: rows.slice(i, i + 100).map((r) => r.id) });
    }
    // Which call stored which: a key inserted by this statement belongs to the first call that carried it.
    const fresh = new Set(rows.map((r) => `${r.channel_account_id}|${r.event_key}`));
    return batch.map((w) => {
      let n = 0;
      for (const e of w.events) {
        const k = `${w.account.row.id}|${e.key.slice(0, 300)}`;
        if (fresh.delete(k)) n++;
      }
      return n;
    });
  });
}

/** One webhook call, end to end but for the HTTP answer. Refusals and ignored calls are audited (codes only). */
export async function receiveWebhook(ctx: AppContext, ring: Keyring, platform: Platform, accountId: string, headers: Headers, raw: Buffer): Promise<IntakeResult> {
  const a = await webhookAccount(ctx.db, ring, accountId, platform);
  if (!a) {
    await inPlatformAudit(ctx, 'webhook.ignored', { platform, code: 'account_unknown', accountId });
    return { outcome: 'ignored', code: 'account_unknown' };
  }
  const tenantId = a.row.tenant_id;
  const audit = (action: string, details: Record<string, unknown>) =>
    inTenant(ctx.db, tenantId, (tx) => recordAudit(tx, ctx.keys.audit, { tenantId, actor: system, action, target: { type: 'channel_account', id: a.row.id }, details }));
  const body = parse(raw);
  const signature = verify(platform, a, headers, raw, body);
  if (signature !== 'ok') {
    await audit('webhook.refused', { platform, code: signature });
    return { outcome: 'refused', code: signature };
  }
  const delivery: Delivery | null = body === undefined ? null : READERS[platform](body);
  if (!delivery) {
    await audit('webhook.malformed', { platform });
    return { outcome: 'malformed' };
  }
  // A signed delivery for another page or OA: the platform expects a 200, and nothing is kept.
  if (delivery.recipients.some((r) => r !== a.row.platform_account)) {
    await audit('webhook.ignored', { platform, code: 'recipient_unknown' });
    return { outcome: 'ignored', code: 'recipient_unknown' };
  }
  // One sender's flood is bounded before anything is stored; the rest of the delivery goes on.
  let guard = floods.get(ctx);
  if (!guard) floods.set(ctx, (guard = new FloodGuard()));
  const { kept, dropped, newlyFlooding } = guard.admit(a.row.id, delivery.events);
  if (newlyFlooding > 0) await audit('webhook.flood_dropped', { platform, code: 'sender_flood', senders: newlyFlooding, limit: FLOOD_MAX, windowSeconds: FLOOD_WINDOW_MS / 1000 });
  return { outcome: 'stored', flooded: dropped, ...(await store(ctx, ring, a, kept)) };
}

const floods = new WeakMap<AppContext, FloodGuard>();

async function inPlatformAudit(ctx: AppContext, action: string, details: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction((tx) => recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: system, action, details }));
}
