/**
 * What the console's channel pages show, read in one tenant transaction per page: the shop's
 * channel accounts (never a secret), a channel's Subscribers with their opt-in source and
 * current opt state, one Subscriber's opt history and attributes, their conversation, and the
 * marketing lists. Text is opened only for the conversation, and only of a Subscriber the
 * purpose wall lets the page's purpose use (a restricted Subscriber's words stay hidden).
 * @clause C10 @clause C11
 */
import type { AppContext } from '../app/context.ts';
import { ACCOUNT_COLUMNS, type AccountRow } from '../channels/accounts.ts';
import { fieldDefs, openAttributes } from '../channels/attributes.ts';
import { keyringFor, openColumn } from '../crypto/envelope.ts';
import { decodeCursor, encodeCursor } from '../db/keyset.ts';
import { inTenant } from '../db/scope.ts';
import { presentChannel } from '../routes/channels/presenter.ts';
import type { ChannelOut } from '../routes/channels/schema.ts';
import { openSubscriber, SUBSCRIBER_COLUMNS, type SubscriberRow } from '../subjects/subscribers.ts';
import { MESSAGE_SELECT, presentMessage, type MessageRow } from '../routes/free-text/presenter.ts';

export type OptState = 'subscribed' | 'opted_out';
export type ChannelSubscriber = { id: string; name: string; optInSource: string | null; optInAt: Date | null; state: OptState; createdAt: Date };
export type ChannelWithCount = ChannelOut & { subscribers: number };

const withOpt = `s.opt_in_source, s.opt_in_at,
  (SELECT o.kind FROM opt_events o WHERE o.subscriber_id = s.id ORDER BY o.created_at DESC, o.id DESC LIMIT 1) AS last_opt`;
// The Subscriber's columns read under the alias `s` (its wrapped key's subquery names the row).
const S_COLUMNS = SUBSCRIBER_COLUMNS.replace('subscribers.id', 's.id');
type OptRow = SubscriberRow & { opt_in_source: string | null; opt_in_at: Date | null; last_opt: string | null };

const summary = (ctx: AppContext, r: OptRow): ChannelSubscriber => ({
  id: r.id, name: openSubscriber(ctx.keys, r).displayName, optInSource: r.opt_in_source, optInAt: r.opt_in_at,
  state: r.last_opt === 'opt_out' ? 'opted_out' : 'subscribed', createdAt: r.created_at,
});

/** The shop's channel accounts, each with how many Subscribers came through it. */
export function loadChannels(ctx: AppContext, tenantId: string): Promise<ChannelWithCount[]> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const rows = await tx.query<AccountRow & { n: number }>(
      `SELECT ${ACCOUNT_COLUMNS}, (SELECT count(*)::int FROM subscribers s WHERE s.channel_account_id = channel_accounts.id) AS n FROM channel_accounts ORDER BY created_at`);
    return rows.map((r) => ({ ...presentChannel(ctx.config.publicUrl, r), subscribers: r.n }));
  });
}

export type ChannelSubscribersData = { channel: Pick<ChannelOut, 'id' | 'platform' | 'label' | 'platformAccount'>; rows: ChannelSubscriber[]; next: string | null };

/** A page of one channel's Subscribers, newest first; undefined when the channel is not the shop's. */
export function loadChannelSubscribers(ctx: AppContext, tenantId: string, channelId: string, cursor: string | undefined): Promise<ChannelSubscribersData | undefined> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [account] = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1`, [channelId]);
    if (!account) return undefined;
    const [at, id] = cursor ? decodeCursor(cursor) : [null, null];
    const rows = await tx.query<OptRow>(
      `SELECT ${S_COLUMNS}, ${withOpt} FROM subscribers s
        WHERE s.channel_account_id = $1 AND ($2::timestamptz IS NULL OR (s.created_at, s.id) < ($2::timestamptz, $3::uuid))
        ORDER BY s.created_at DESC, s.id DESC LIMIT 51`, [channelId, at, id]);
    const shown = rows.slice(0, 50);
    return {
      channel: presentChannel(ctx.config.publicUrl, account), rows: shown.map((r) => summary(ctx, r)),
      next: rows.length > 50 ? encodeCursor(shown.at(-1)!.created_at, shown.at(-1)!.id) : null,
    };
  });
}

export type OptHistoryRow = { kind: string; signal: string; language: string | null; createdAt: Date };
export type FieldDef = { key: string; label: string; type: string };
export type ChannelSubscriberData = {
  subscriber: ChannelSubscriber; channel: ChannelOut | null; history: OptHistoryRow[];
  tags: string[]; fields: Record<string, unknown>; defs: FieldDef[];
};

/** One Subscriber's channel page: opt state and history (the signal's kind, never the message), tags and fields. */
export function loadChannelSubscriber(ctx: AppContext, tenantId: string, id: string): Promise<ChannelSubscriberData | undefined> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [s] = await tx.query<OptRow & { channel_account_id: string | null; attributes: string | null }>(
      `SELECT ${S_COLUMNS}, s.channel_account_id, s.attributes, ${withOpt} FROM subscribers s WHERE s.id = $1`, [id]);
    if (!s) return undefined;
    const [account] = s.channel_account_id ? await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1`, [s.channel_account_id]) : [];
    const history = await tx.query<{ kind: string; signal: string; language: string | null; created_at: Date }>(
      'SELECT kind, signal, language, created_at FROM opt_events WHERE subscriber_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200', [id]);
    const attrs = await openAttributes(tx, keyringFor(ctx.config), tenantId, s.attributes);
    return {
      subscriber: summary(ctx, s), channel: account ? presentChannel(ctx.config.publicUrl, account) : null,
      history: history.map((h) => ({ kind: h.kind, signal: h.signal, language: h.language, createdAt: h.created_at })),
      tags: attrs.tags, fields: attrs.fields, defs: await fieldDefs(tx),
    };
  });
}

export type ConversationEntry = { direction: 'in' | 'out'; at: Date; text: string | null; kind?: string; status?: string; refusedCode?: string | null; sensitiveHeld?: boolean };
export type ConversationData = { subscriber: { id: string; name: string }; hidden: boolean; entries: ConversationEntry[] };

/**
 * One Subscriber's messages in and out, oldest first. Inbound text is the guarded copy (cards
 * masked, sensitive parts held, C02/C14); when the purpose wall hides the Subscriber (a live
 * restriction or objection), no text of either direction is opened: the page says so.
 */
export function loadConversation(ctx: AppContext, tenantId: string, id: string): Promise<ConversationData | undefined> {
  const ring = keyringFor(ctx.config);
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [s] = await tx.query<SubscriberRow & { usable: boolean }>(
      `SELECT ${SUBSCRIBER_COLUMNS}, subject_usable('subscriber', id) AS usable FROM subscribers WHERE id = $1`, [id]);
    if (!s) return undefined;
    const subscriber = { id: s.id, name: openSubscriber(ctx.keys, s).displayName };
    const inbound = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.subscriber_id = $1 ORDER BY m.received_at DESC LIMIT 200`, [id]);
    const outbound = await tx.query<{ kind: string; status: string; refused_code: string | null; body: string; created_at: Date }>(
      'SELECT kind, status, refused_code, body, created_at FROM outbound_messages WHERE subscriber_id = $1 ORDER BY created_at DESC LIMIT 200', [id]);
    const hidden = !s.usable;
    const entries: ConversationEntry[] = [
      ...(await Promise.all(inbound.map(async (m) => {
        const p = await presentMessage(tx, ring, m);
        return { direction: 'in' as const, at: m.received_at, text: hidden ? null : p.text, sensitiveHeld: p.sensitiveHeld };
      }))),
      ...(await Promise.all(outbound.map(async (o) => ({
        direction: 'out' as const, at: o.created_at, kind: o.kind, status: o.status, refusedCode: o.refused_code,
        text: hidden ? null : await openColumn(tx, ring, tenantId, 'outbound_messages.body', o.body),
      })))),
    ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    return { subscriber, hidden, entries };
  });
}

export type ListSummary = { id: string; label: string; channel: string; members: number; createdAt: Date; lastRefused: number | null };

/** The shop's marketing lists with their member counts. */
export function loadLists(ctx: AppContext, tenantId: string): Promise<ListSummary[]> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string; label: string; channel: string; created_at: Date; n: number }>(
      `SELECT l.id, l.label, l.channel, l.created_at, (SELECT count(*)::int FROM marketing_list_members m WHERE m.list_id = l.id) AS n
         FROM marketing_lists l ORDER BY l.created_at DESC LIMIT 200`);
    return rows.map((r) => ({ id: r.id, label: r.label, channel: r.channel, members: r.n, createdAt: r.created_at, lastRefused: null }));
  });
}
