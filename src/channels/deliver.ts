/**
 * The delivery job of the one send path: picks a queued message, asks the send gate again (a
 * stop may have come in since it was queued), and hands it to the platform's adapter.
 * @clause C11 @clause C29
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor, openColumn } from '../crypto/envelope.ts';
import { inTenant } from '../db/scope.ts';
import { findSubscriber, openSubscriber } from '../subjects/subscribers.ts';
import { ACCOUNT_COLUMNS, openSecrets, type AccountRow } from './accounts.ts';
import { PlatformError, sendThroughPlatform } from './adapters.ts';
import { decideFor } from './outbound.ts';
import type { MessageTag, SendKind } from './send-rules.ts';

type Row = { id: string; subscriber_id: string; channel_account_id: string; kind: SendKind; tag: MessageTag | null; body: string; opt_event_id: string | null };

/** One message (`messageId`), or a broadcast's batch (`messageIds`), each in its own transaction and paced. */
export async function deliverMessage(ctx: AppContext, data: Record<string, unknown>): Promise<void> {
  const ids = Array.isArray(data.messageIds) ? data.messageIds.map(String) : [String(data.messageId)];
  for (const id of ids) await deliverOne(ctx, String(data.tenantId), id);
}

async function deliverOne(ctx: AppContext, tenantId: string, messageId: string): Promise<void> {
  const ring = keyringFor(ctx.config);
  await inTenant(ctx.db, tenantId, async (tx) => {
    const [m] = await tx.query<Row>(
      `SELECT id, subscriber_id, channel_account_id, kind, tag, body, opt_event_id FROM outbound_messages WHERE id = $1 AND status = 'queued' FOR UPDATE SKIP LOCKED`,
      [messageId],
    );
    if (!m) return;
    const { decision } = await decideFor(tx, 'tenant', { tenantId, subscriberId: m.subscriber_id, kind: m.kind, tag: m.tag, optEventId: m.opt_event_id }, m.id);
    if (!decision.allow) {
      await tx.query(`UPDATE outbound_messages SET status = 'refused', refused_code = $2 WHERE id = $1`, [m.id, decision.code]);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId, actor: { type: 'system', id: null }, action: 'message.refused', target: { type: 'subscriber', id: m.subscriber_id },
        details: { messageId: m.id, kind: m.kind, code: decision.code, clause: decision.clause, at: 'delivery' },
      });
      return;
    }
    const [account] = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1`, [m.channel_account_id]);
    const subscriber = await findSubscriber(tx, m.subscriber_id);
    const userId = subscriber ? openSubscriber(ctx.keys, subscriber).externalId : null;
    if (!account || !userId) {
      await tx.query(`UPDATE outbound_messages SET status = 'failed', refused_code = 'recipient_unknown' WHERE id = $1`, [m.id]);
      return;
    }
    try {
      const ref = await sendThroughPlatform(account.platform, {
        baseUrl: ctx.config.channelApi[account.platform], secrets: await openSecrets(tx, ring, account), accountId: account.id,
        platformUserId: userId, text: await openColumn(tx, ring, tenantId, 'outbound_messages.body', m.body), tag: m.tag,
      });
      await tx.query(`UPDATE outbound_messages SET status = 'sent', sent_at = now(), platform_message_ref = $2 WHERE id = $1`, [m.id, ref.slice(0, 200)]);
    } catch (err) {
      // A retryable failure leaves the message queued for the job's next try; anything else ends it with its code.
      if (!(err instanceof PlatformError) || err.retry) throw err;
      await tx.query(`UPDATE outbound_messages SET status = 'failed', refused_code = $2 WHERE id = $1`, [m.id, err.code]);
    }
  });
}
