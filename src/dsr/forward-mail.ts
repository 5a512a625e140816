/**
 * Forwarding by e-mail (C35), for a processor whose privacy desk takes requests by mail: the
 * request (ids only) goes through the outbox with a link signed with the processor's own secret;
 * opening it and confirming acknowledges the request. Until then the deadline job mails again
 * with backoff, and after the last reminder the notification is marked failed, with its code,
 * for the merchant to chase. Every step is a state the console shows.
 * @clause C35
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { findTenantName } from '../accounts/tenants.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { inPlatform } from '../db/scope.ts';
import { notFound, unauthorized } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { endpointOf, markAcknowledged, type Endpoint, type Notification } from './forward.ts';
import { processorRequestMail } from './mails.ts';

/** Hours to wait for an acknowledgement after each mail; after the last, the notification fails. */
export const REMINDER_BACKOFF_HOURS: readonly number[] = [24, 48, 96];

/** The token of a notification's acknowledgement link: HMAC-SHA256 of its id under the processor's secret. */
export const ackToken = (secret: string, notificationId: string): string => createHmac('sha256', secret).update(`ack:${notificationId}`).digest('base64url');

/** Mails the request (first time or reminder) and records it; idempotent once acknowledged. */
export async function mailNotification(ctx: AppContext, n: Notification, endpoint: Endpoint, now = Date.now()): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    const [live] = await tx.query<{ state: string; attempts: number }>('SELECT state, attempts FROM processor_notifications WHERE id = $1 FOR UPDATE', [n.id]);
    if (!live || live.state === 'acknowledged' || live.state === 'failed') return;
    const attempt = live.attempts + 1;
    const shop = (await findTenantName(tx, keyringFor(ctx.config), n.tenant_id, { open: true })) ?? 'ECOMKEY';
    const mail = processorRequestMail(endpoint.mailbox!, ctx.config.publicUrl, shop, {
      kind: n.kind, requestId: n.request_id, subjectType: n.subject_type, subjectId: n.subject_id, deliveryId: n.id, token: ackToken(endpoint.secret, n.id),
    }, attempt);
    // Mail for the shop's business contact at its processor: no data subject is its recipient.
    await enqueueMail(tx, ctx, { ...mail, recipient: { type: 'customer', id: null, tenantId: n.tenant_id } });
    const wait = REMINDER_BACKOFF_HOURS[attempt - 1];
    await tx.query(
      `UPDATE processor_notifications SET attempts = $2, state = 'delivered', last_code = NULL, delivered_at = COALESCE(delivered_at, to_timestamp($3 / 1000.0)),
              next_attempt_at = to_timestamp($3 / 1000.0) + make_interval(hours => $4) WHERE id = $1`,
      [n.id, attempt, now, wait ?? 0]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: n.tenant_id, actor: { type: 'system', id: null }, action: 'request.forwarded',
      target: { type: 'processor', id: n.processor_id }, details: { requestId: n.request_id, notificationId: n.id, channel: 'email', attempt },
    });
  });
}

/** The deadline job's part: mails again whatever waits past its backoff, and fails what waited past the last. */
export async function remindProcessors(ctx: AppContext, now = Date.now()): Promise<{ reminded: number; failed: number }> {
  const due = await ctx.db.query<Notification>(
    `SELECT n.id, n.request_id, n.tenant_id, n.processor_id, n.state, n.attempts, r.kind, r.subject_type, r.subject_id, r.received_at
       FROM processor_notifications n JOIN subject_requests r ON r.id = n.request_id
      WHERE n.channel = 'email' AND n.state = 'delivered' AND n.next_attempt_at <= to_timestamp($1 / 1000.0) ORDER BY n.next_attempt_at LIMIT 500`, [now]);
  let reminded = 0;
  let failed = 0;
  for (const n of due) {
    if (n.attempts >= REMINDER_BACKOFF_HOURS.length) {
      await inPlatform(ctx.db, async (tx) => {
        await tx.query("UPDATE processor_notifications SET state = 'failed', last_code = 'no_acknowledgement', next_attempt_at = NULL WHERE id = $1 AND state = 'delivered'", [n.id]);
        await recordAudit(tx, ctx.keys.audit, {
          tenantId: n.tenant_id, actor: { type: 'system', id: null }, action: 'request.forward_failed',
          target: { type: 'processor', id: n.processor_id }, details: { requestId: n.request_id, notificationId: n.id, code: 'no_acknowledgement' },
        });
      });
      failed++;
      continue;
    }
    const endpoint = await inPlatform(ctx.db, (tx) => endpointOf(tx, ctx, n.processor_id));
    if (endpoint?.channel !== 'email') continue;
    await mailNotification(ctx, n, endpoint, now);
    reminded++;
  }
  return { reminded, failed };
}

/** The processor's click on the mailed link: the token is checked in constant time against its secret. */
export async function acknowledgeByLink(ctx: AppContext, notificationId: string, token: string): Promise<{ requestId: string; allAcknowledged: boolean }> {
  return inPlatform(ctx.db, async (tx) => {
    const [n] = await tx.query<{ id: string; request_id: string; tenant_id: string; processor_id: string; state: string; channel: string }>(
      'SELECT id, request_id, tenant_id, processor_id, state, channel FROM processor_notifications WHERE id = $1 FOR UPDATE', [notificationId]);
    if (!n || n.channel !== 'email') throw notFound('notification');
    const endpoint = await endpointOf(tx, ctx, n.processor_id);
    const a = Buffer.from(endpoint ? ackToken(endpoint.secret, n.id) : '');
    const b = Buffer.from(token);
    if (!endpoint || a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized('This acknowledgement link is not the one mailed to the processor');
    return markAcknowledged(tx, ctx, n);
  });
}
