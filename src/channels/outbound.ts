/**
 * The one outbound path: every message to a Subscriber — a reply, a promotion, a broadcast's
 * copy, the bot's opt-out confirmation — is queued here and nowhere else. The send gate decides
 * before anything is queued, and again when the delivery job picks the message up (the person
 * may have said stop in between). A refused message is kept with its code, never sent.
 * @clause C11 @clause C19 @clause C29
 */
import { recordAudit, type AuditActor } from '../audit/log.ts';
import { loadSnapshot } from '../consents/snapshot.ts';
import { sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import { decide, type SubjectSnapshot } from '../domain/gate.ts';
import type { Jobs } from '../jobs/runner.ts';
import type { Platform } from './events.ts';
import { decideSend, type MessageTag, type SendDecision, type SendKind } from './send-rules.ts';

export const DELIVER_MESSAGE_JOB = 'deliver-channel-message';

export type OutboundInput = {
  tenantId: string; subscriberId: string; kind: SendKind; text: string;
  tag?: MessageTag | null | undefined; optEventId?: string | null | undefined; listId?: string | null | undefined;
};
/** Who asks: the shop (its members, its API keys, its bot's own confirmations) or ECOMKEY itself. */
export type Sender = { party: 'tenant' | 'platform'; audit: AuditActor };

export type Recipient = { id: string; channel_account_id: string | null; platform: Platform | null; last_inbound_at: Date | null };

export type SendFacts = { optKind: 'opt_out' | 'opt_in' | null; optId: string | null; sent: number };

/** The send gate's decision from facts already read: the gate for the purpose, then the opt state and the platform's rules. Pure. */
export function decideFromFacts(
  party: Sender['party'], m: Pick<OutboundInput, 'tenantId' | 'kind' | 'tag' | 'optEventId'>, r: Recipient & { platform: Platform },
  facts: SendFacts | null, snapshot: SubjectSnapshot, now = Date.now(),
): SendDecision {
  const marketing = m.kind === 'marketing';
  const gate = decide(snapshot, {
    feature: 'messaging.broadcast', subject: { type: 'subscriber', id: r.id, tenantId: m.tenantId },
    purpose: marketing ? 'contact' : 'communicate', use: marketing ? 'marketing_message' : 'messaging',
    categories: ['user.unique_id', 'user.content.message'], actor: party, at: now,
  });
  return decideSend({
    platform: r.platform, kind: m.kind, tag: m.tag ?? null,
    opt: facts?.optKind && facts.optId ? { kind: facts.optKind, id: facts.optId } : null, confirms: m.optEventId ?? null,
    lastInboundAt: r.last_inbound_at ? new Date(r.last_inbound_at).getTime() : null, sentSinceInbound: facts?.sent ?? 0, now, gate,
  });
}

/** The facts the send gate decides on, read in the caller's tenant transaction. */
export async function decideFor(tx: Sql, party: Sender['party'], m: Pick<OutboundInput, 'tenantId' | 'subscriberId' | 'kind' | 'tag' | 'optEventId'>, excluding?: string): Promise<{ recipient: Recipient | null; decision: SendDecision }> {
  const [r] = await tx.query<Recipient>(
    `SELECT s.id, s.channel_account_id, a.platform, s.last_inbound_at FROM subscribers s LEFT JOIN channel_accounts a ON a.id = s.channel_account_id WHERE s.id = $1`,
    [m.subscriberId],
  );
  if (!r) return { recipient: null, decision: { allow: false, code: 'not_found', clause: 'C10', reason: 'No such Subscriber in this shop' } };
  if (!r.channel_account_id || !r.platform) return { recipient: r, decision: { allow: false, code: 'no_channel', clause: 'C10', reason: 'The Subscriber is on no channel account' } };
  const [facts] = await tx.query<{ opt_kind: 'opt_out' | 'opt_in' | null; opt_id: string | null; sent: number }>(
    `SELECT (SELECT kind FROM opt_events WHERE subscriber_id = $1 AND channel_account_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1) AS opt_kind,
            (SELECT id FROM opt_events WHERE subscriber_id = $1 AND channel_account_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1) AS opt_id,
            (SELECT count(*)::int FROM outbound_messages WHERE subscriber_id = $1 AND status IN ('queued', 'sent') AND created_at >= coalesce($3, '-infinity'::timestamptz)
                AND ($4::uuid IS NULL OR id <> $4::uuid)) AS sent`,
    [r.id, r.channel_account_id, r.last_inbound_at, excluding ?? null],
  );
  const snapshot = await loadSnapshot(tx, { tenantId: m.tenantId, type: 'subscriber', id: r.id });
  const decision = decideFromFacts(party, m, { ...r, platform: r.platform }, facts ? { optKind: facts.opt_kind, optId: facts.opt_id, sent: facts.sent } : null, snapshot);
  return { recipient: r, decision };
}

export type Queued = { id: string; status: 'queued' | 'refused'; code: string | null; clause: string | null };

/**
 * Queues one message for one Subscriber inside the caller's transaction, after the send gate;
 * a refusal is stored and audited with its code. The delivery job exists only if this commits.
 */
export async function queueMessage(tx: Sql, deps: { ring: Keyring; auditKey: Buffer; jobs: Jobs }, sender: Sender, m: OutboundInput): Promise<Queued | null> {
  const { recipient, decision } = await decideFor(tx, sender.party, m);
  if (!recipient) return null;
  if (!recipient.channel_account_id) return { id: '', status: 'refused', code: 'no_channel', clause: 'C10' };
  const body = await sealColumn(tx, deps.ring, m.tenantId, 'outbound_messages.body', m.text);
  const status = decision.allow ? 'queued' : 'refused';
  const code = decision.allow ? null : decision.code;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO outbound_messages (tenant_id, subscriber_id, channel_account_id, kind, tag, body, status, refused_code, opt_event_id, list_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (opt_event_id) WHERE opt_event_id IS NOT NULL DO NOTHING RETURNING id`,
    [m.tenantId, m.subscriberId, recipient.channel_account_id, m.kind, m.tag ?? null, body, status, code, m.optEventId ?? null, m.listId ?? null],
  );
  if (!row) return null; // this opt-out's confirmation is already queued
  if (decision.allow) await deps.jobs.enqueue(tx, DELIVER_MESSAGE_JOB, { tenantId: m.tenantId, messageId: row.id });
  else {
    await recordAudit(tx, deps.auditKey, {
      tenantId: m.tenantId, actor: sender.audit, action: 'message.refused', target: { type: 'subscriber', id: m.subscriberId },
      details: { messageId: row.id, kind: m.kind, code: decision.code, clause: decision.clause },
    });
  }
  return { id: row.id, status, code, clause: decision.allow ? null : decision.clause };
}
