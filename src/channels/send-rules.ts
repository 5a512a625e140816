/**
 * The send gate's decision (C10, C11, C19, C29): may this message go to this Subscriber now?
 * Pure. In order: ECOMKEY itself never messages a shop's people (C29, in the gate); a
 * Subscriber who said stop gets nothing but the confirmation of that stop (C11); the gate's
 * answer on restrictions, objections and marketing consent (C34, C19); then the platform's own
 * rules on when a business may write:
 * - Messenger: the 24-hour standard window after the person's last message; outside it only a
 *   message tag, and a tag never for a promotion.
 * - Zalo OA: free replies within 48 hours of the person's last message, at most 8 of them;
 *   beyond that a message is a paid proactive one (ZNS), which this path does not send.
 * - Telegram: a bot writes only to someone who started it and has not blocked it (a block is an opt-out).
 */
import type { Decision } from '../domain/gate.ts';
import type { Platform } from './events.ts';

export type SendKind = 'reply' | 'marketing' | 'opt_confirmation' | 'help';
export const MESSAGE_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'] as const;
export type MessageTag = (typeof MESSAGE_TAGS)[number];

const HOUR = 3_600_000;
export const MESSENGER_WINDOW_MS = 24 * HOUR;
// Meta allows the human-agent tag for 7 days after the person's last message.
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
export const ZALO_WINDOW_MS = 48 * HOUR;
export const ZALO_FREE_REPLIES = 8;

export type SendFacts = {
  readonly platform: Platform;
  readonly kind: SendKind;
  readonly tag?: MessageTag | null;
  /** The latest opt event of this (Subscriber, channel account): its kind and id. */
  readonly opt: { readonly kind: 'opt_out' | 'opt_in'; readonly id: string } | null;
  /** For a confirmation: the opt event it confirms. */
  readonly confirms?: string | null;
  readonly lastInboundAt: number | null;
  /** Messages sent or queued since the person's last message (Zalo's free-reply count). */
  readonly sentSinceInbound: number;
  readonly now: number;
  /** The gate's decision for the purpose and use of this message. */
  readonly gate: Decision;
};

export type SendRefusal = { readonly allow: false; readonly code: string; readonly clause: string; readonly reason: string };
export type SendDecision = { readonly allow: true; readonly basis: string; readonly evidence: string | null } | SendRefusal;

const refuse = (code: string, clause: string, reason: string): SendRefusal => Object.freeze({ allow: false, code, clause, reason });
const R = {
  optedOut: refuse('opted_out', 'C11', 'The Subscriber opted out on this channel; nothing is sent until they opt back in'),
  neverWrote: refuse('no_conversation', 'C10', 'The Subscriber never wrote to this channel account: a business may not start the conversation'),
  window: refuse('window_closed', 'C10', 'The platform\'s window for a free message has closed'),
  tagPromotion: refuse('tag_not_for_promotion', 'C19', 'A message tag is never for a promotion'),
  tagPlatform: refuse('tag_not_supported', 'C10', 'Message tags exist on Messenger only'),
  replies: refuse('reply_limit_reached', 'C10', 'Zalo allows a limited number of free replies after the person\'s last message'),
  staleConfirmation: refuse('opted_out', 'C11', 'Only the confirmation of the latest opt-out may be sent after a stop'),
} as const;

/** The send gate: allow with the gate's basis, or a refusal with a stable code and its clause. */
export function decideSend(f: SendFacts): SendDecision {
  // C29 comes from the gate first: the platform's refusal outranks every other reason.
  if (!f.gate.allow && f.gate.code === 'platform_contact_forbidden') return refuse(f.gate.code, f.gate.clause, f.gate.reason);
  if (f.opt?.kind === 'opt_out') {
    if (f.kind !== 'opt_confirmation') return R.optedOut;
    if (f.confirms !== f.opt.id) return R.staleConfirmation;
  }
  if (!f.gate.allow) return refuse(f.gate.code, f.gate.clause, f.gate.reason);
  const allow = { allow: true as const, basis: f.gate.basis, evidence: f.gate.evidence };
  if (f.tag && f.platform !== 'messenger') return R.tagPlatform;
  if (f.platform === 'telegram') return allow;
  if (f.lastInboundAt === null) return R.neverWrote;
  const since = f.now - f.lastInboundAt;
  if (f.platform === 'zalo') {
    if (since > ZALO_WINDOW_MS) return R.window;
    return f.sentSinceInbound >= ZALO_FREE_REPLIES ? R.replies : allow;
  }
  if (since <= MESSENGER_WINDOW_MS) return allow;
  if (!f.tag) return R.window;
  if (f.kind === 'marketing') return R.tagPromotion;
  return f.tag === 'HUMAN_AGENT' && since > HUMAN_AGENT_WINDOW_MS ? R.window : allow;
}
