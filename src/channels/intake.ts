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
import { sealColumn, type Keyring } from '../crypto/envelope.ts';
import { inTenant } from '../db/scope.ts';
import { webhookAccount, type WebhookAccount } from './accounts.ts';
import { READERS, type ChannelEvent, type Delivery, type Platform } from './events.ts';
import { checkMessenger, checkTelegram, checkZalo, type SignatureCheck } from './signatures.ts';

export const PROCESS_EVENT_JOB = 'process-channel-event';

export type IntakeResult =
  | { outcome: 'stored'; stored: number; duplicates: number }
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

/** Stores the delivery's events and enqueues their processing, in one transaction. */
async function store(ctx: AppContext, ring: Keyring, a: WebhookAccount, events: readonly ChannelEvent[]): Promise<{ stored: number; duplicates: number }> {
  const tenantId = a.row.tenant_id;
  return inTenant(ctx.db, tenantId, async (tx) => {
    let stored = 0;
    for (const e of events) {
      const payload = await sealColumn(tx, ring, tenantId, 'channel_events.payload', JSON.stringify(e));
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO channel_events (tenant_id, channel_account_id, event_key, payload) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel_account_id, event_key) DO NOTHING RETURNING id`,
        [tenantId, a.row.id, e.key.slice(0, 300), payload],
      );
      if (!row) continue;
      stored++;
      await ctx.jobs.enqueue(tx, PROCESS_EVENT_JOB, { tenantId, eventId: row.id });
    }
    return { stored, duplicates: events.length - stored };
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
  return { outcome: 'stored', ...(await store(ctx, ring, a, delivery.events)) };
}

async function inPlatformAudit(ctx: AppContext, action: string, details: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction((tx) => recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: system, action, details }));
}
