/**
 * The processing job of a stored channel event: the Subscriber of (tenant, channel account,
 * platform user id) with how they opted in, their message, and every stop or start signal as
 * ONE opt event per (Subscriber, channel account) whenever it changes their state (C11). Runs
 * at least once: the event row is locked and marked processed in the same transaction, so a
 * second run finds it done.
 * @clause C10 @clause C11
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { loadSnapshot } from '../consents/snapshot.ts';
import { keyringFor, openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import { inTenant } from '../db/scope.ts';
import { decide } from '../domain/gate.ts';
import { receiveMessage } from '../guard/records.ts';
import { insertSubscriber, subscriberIndex } from '../subjects/subscribers.ts';
import type { ChannelEvent, Platform } from './events.ts';
import { buildLexicon, classifyOptText, tidy, type Language, type OptKind, type OptWord } from './opt-words.ts';
import { queueMessage, type Sender } from './outbound.ts';
import { REPLIES } from './replies.ts';
import { classifyChatRequest } from './chat-requests.ts';

type OptInSource = 'first_message' | 'get_started' | 'keyword' | 'ad_referral' | 'start_payload' | 'follow';
type Signal = { opt: OptKind | null; signal: string; language: Language | null; source: OptInSource | null; creates: boolean };

const HELP = new Set(['help', 'tro giup', 'trợ giúp', 'giúp', 'giup', '/help']);
const BOT: Sender = { party: 'tenant', audit: { type: 'system', id: null } };

/** What an event says about opting in or out, and how a new Subscriber would have opted in. */
export function signalOf(e: ChannelEvent, words: readonly OptWord[]): Signal {
  const none = { opt: null, language: null } as const;
  switch (e.kind) {
    case 'message': {
      const m = e.text ? classifyOptText(e.text, buildLexicon(words)) : null;
      if (m) return { opt: m.kind, signal: 'keyword', language: m.language, source: m.kind === 'opt_in' ? 'keyword' : null, creates: m.kind === 'opt_in' };
      return { ...none, signal: 'message', source: 'first_message', creates: true };
    }
    case 'postback': return { opt: 'opt_in', signal: 'get_started', language: null, source: 'get_started', creates: true };
    case 'referral': return { ...none, signal: 'ad_referral', source: 'ad_referral', creates: true };
    case 'follow': return { opt: 'opt_in', signal: 'zalo_follow', language: null, source: 'follow', creates: true };
    case 'unfollow': return { opt: 'opt_out', signal: 'zalo_unfollow', language: null, source: null, creates: false };
    case 'optin_stop': return { opt: 'opt_out', signal: 'messenger_optin_stop', language: null, source: null, creates: false };
    case 'optin_resume': return { opt: 'opt_in', signal: 'messenger_optin_resume', language: null, source: null, creates: false };
    case 'start': return { opt: 'opt_in', signal: 'telegram_start', language: null, source: e.payload ? 'start_payload' : 'first_message', creates: true };
    case 'stop_command': return { opt: 'opt_out', signal: 'telegram_stop', language: null, source: null, creates: false };
    case 'kicked': return { opt: 'opt_out', signal: 'telegram_kicked', language: null, source: null, creates: false };
    case 'member': return { opt: 'opt_in', signal: 'telegram_member', language: null, source: null, creates: false };
    default: return { ...none, signal: 'other', source: null, creates: false };
  }
}

type Sub = { id: string; language: Language | null };

async function findOrCreate(tx: Sql, ctx: AppContext, ring: Keyring, tenantId: string, accountId: string, platform: Platform, e: ChannelEvent, s: Signal): Promise<Sub | null> {
  const bidx = subscriberIndex.externalId(ctx.keys, tenantId, e.userId);
  const [found] = await tx.query<Sub>('SELECT id, language FROM subscribers WHERE channel_account_id = $1 AND external_id_bidx = $2', [accountId, bidx]);
  if (found) return found;
  if (!s.creates || !s.source) return null;
  // The opt-in itself (a first message, Get Started, a keyword, an ad, a deep link, a follow) is the consent the contact is held on (C10).
  const row = await insertSubscriber(tx, ctx.keys, tenantId, {
    channel: platform, externalId: e.userId, displayName: e.name ?? '', source: `channel:${platform}`, legalBasis: 'consent',
  });
  const evidence = await sealColumn(tx, ring, tenantId, 'subscribers.opt_in_evidence', e.text ?? e.payload ?? e.kind);
  await tx.query(
    'UPDATE subscribers SET channel_account_id = $2, opt_in_source = $3, opt_in_at = to_timestamp($4 / 1000.0), opt_in_evidence = $5 WHERE id = $1',
    [row.id, accountId, s.source, e.at, evidence],
  );
  await recordAudit(tx, ctx.keys.audit, {
    tenantId, actor: BOT.audit, action: 'subscriber.created', target: { type: 'subscriber', id: row.id },
    details: { legalBasis: 'consent', channel: platform, optInSource: s.source, channelAccountId: accountId },
  });
  return { id: row.id, language: null };
}

/** Records a change of opt state and queues its confirmation in the person's language; null when the state does not change. */
async function applyOpt(tx: Sql, ctx: AppContext, ring: Keyring, ids: { tenantId: string; accountId: string; eventId: string }, sub: Sub, s: Signal, e: ChannelEvent): Promise<string | null> {
  const [latest] = await tx.query<{ kind: OptKind }>(
    'SELECT kind FROM opt_events WHERE subscriber_id = $1 AND channel_account_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1', [sub.id, ids.accountId],
  );
  const current: OptKind = latest?.kind ?? 'opt_in';
  if (s.opt === null || s.opt === current) return null;
  const language: Language = s.language ?? e.language ?? sub.language ?? 'vi';
  const evidence = await sealColumn(tx, ring, ids.tenantId, 'opt_events.evidence', JSON.stringify(e.raw));
  const [ev] = await tx.query<{ id: string }>(
    `INSERT INTO opt_events (tenant_id, subscriber_id, channel_account_id, kind, signal, language, evidence, channel_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (channel_event_id) WHERE channel_event_id IS NOT NULL DO NOTHING RETURNING id`,
    [ids.tenantId, sub.id, ids.accountId, s.opt, s.signal, language, evidence, ids.eventId],
  );
  if (!ev) return null;
  await recordAudit(tx, ctx.keys.audit, {
    tenantId: ids.tenantId, actor: BOT.audit, action: s.opt === 'opt_out' ? 'subscriber.opted_out' : 'subscriber.opted_in',
    target: { type: 'subscriber', id: sub.id }, details: { signal: s.signal, channelAccountId: ids.accountId, optEventId: ev.id },
  });
  // A block or unfollow cannot be answered: the platform no longer delivers to them.
  const answerable = !['telegram_kicked', 'zalo_unfollow'].includes(s.signal);
  if (answerable) {
    await queueMessage(tx, { ring, auditKey: ctx.keys.audit, jobs: ctx.jobs }, BOT, {
      tenantId: ids.tenantId, subscriberId: sub.id, kind: 'opt_confirmation', optEventId: ev.id,
      text: REPLIES[s.opt === 'opt_out' ? 'opted_out' : 'opted_in'][language],
    });
  }
  return s.opt === 'opt_out' ? 'opted_out' : 'opted_in';
}

/** Stores an ordinary message once the gate allows it (a restriction keeps it out, C34); answers "help". */
async function storeMessage(tx: Sql, ctx: AppContext, ring: Keyring, tenantId: string, platform: Platform, sub: Sub, e: ChannelEvent, eventId: string): Promise<string> {
  if (!e.text) return 'stored_empty';
  const snapshot = await loadSnapshot(tx, { tenantId, type: 'subscriber', id: sub.id });
  const d = decide(snapshot, {
    feature: 'channels.intake', subject: { type: 'subscriber', id: sub.id, tenantId }, purpose: 'provide_service', categories: ['user.content.message'], at: Date.now(),
  });
  if (!d.allow) return `refused:${d.code}`;
  await receiveMessage({ tx, ring, auditKey: ctx.keys.audit, actor: BOT.audit }, tenantId, { channel: platform, subscriberId: sub.id, channelMessageRef: e.key.slice(0, 200), text: e.text });
  const language: Language = e.language ?? sub.language ?? 'vi';
  const reply = (text: string) => queueMessage(tx, { ring, auditKey: ctx.keys.audit, jobs: ctx.jobs }, BOT, { tenantId, subscriberId: sub.id, kind: 'help', text });
  const request = classifyChatRequest(e.text);
  if (request) {
    // The person's own request reaches the shop's inbox: received via the bot, referenced by the event, never its words (C11).
    const [r] = await tx.query<{ id: string }>(
      `INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, created_by_id)
       VALUES ($1, 'subscriber', $2, $3, 'bot', $4, 'subject', $2) RETURNING id`,
      [tenantId, sub.id, request, `channel_event:${eventId}`],
    );
    await recordAudit(tx, ctx.keys.audit, {
      tenantId, actor: { type: 'subject', id: sub.id }, action: 'request.received', target: { type: 'subscriber', id: sub.id },
      details: { requestId: r!.id, kind: request, receivedVia: 'bot' },
    });
    await reply(REPLIES.request_received[language]);
    return 'request_received';
  }
  if (HELP.has(tidy(e.text))) await reply(REPLIES.help[language]);
  return 'stored';
}

/** The job: each event of the batch the intake committed, each in its own transaction. */
export async function processEvents(ctx: AppContext, data: Record<string, unknown>): Promise<void> {
  const tenantId = String(data.tenantId);
  const ids = Array.isArray(data.eventIds) ? data.eventIds.map(String) : [String(data.eventId)];
  for (const id of ids) await processEvent(ctx, tenantId, id);
}

async function processEvent(ctx: AppContext, tenantId: string, eventId: string): Promise<void> {
  const ring = keyringFor(ctx.config);
  await inTenant(ctx.db, tenantId, async (tx) => {
    const [row] = await tx.query<{ payload: string; processed_at: Date | null; account_id: string; platform: Platform }>(
      `SELECT e.payload, e.processed_at, a.id AS account_id, a.platform FROM channel_events e JOIN channel_accounts a ON a.id = e.channel_account_id
        WHERE e.id = $1 FOR UPDATE OF e`, [eventId],
    );
    if (!row || row.processed_at) return;
    const e = JSON.parse(await openColumn(tx, ring, tenantId, 'channel_events.payload', row.payload)) as ChannelEvent;
    const words = await tx.query<OptWord>('SELECT phrase, kind, language FROM opt_keywords');
    const s = signalOf(e, words);
    const sub = await findOrCreate(tx, ctx, ring, tenantId, row.account_id, row.platform, e, s);
    let outcome = 'ignored';
    if (sub) {
      await tx.query(
        `UPDATE subscribers SET last_inbound_at = greatest(last_inbound_at, to_timestamp($2 / 1000.0)), language = coalesce($3, language), updated_at = now() WHERE id = $1`,
        [sub.id, ['unfollow', 'kicked', 'optin_stop'].includes(e.kind) ? 0 : e.at, e.language ?? s.language ?? null],
      );
      outcome = (await applyOpt(tx, ctx, ring, { tenantId, accountId: row.account_id, eventId }, sub, s, e))
        ?? (e.kind === 'message' && s.opt === null ? await storeMessage(tx, ctx, ring, tenantId, row.platform, sub, e, eventId) : s.opt ? 'unchanged' : 'recorded');
    }
    await tx.query('UPDATE channel_events SET processed_at = now(), outcome = $2, subscriber_id = $3 WHERE id = $1', [eventId, outcome, sub?.id ?? null]);
  });
}
