/**
 * Forwarding a request to the processors that received the subject's data (C35): one signed
 * webhook per processor (HMAC-SHA256 with the processor's own secret over timestamp "." body;
 * the delivery id lets the processor drop a replay), retried with backoff by the job queue, and
 * tracked until the processor acknowledges through the signed ack endpoint. A processor that
 * takes requests by e-mail is mailed instead (forward-mail.ts).
 * @clause C35
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { AppError, badRequest, notFound, unauthorized } from '../errors.ts';
import { mailNotification } from './forward-mail.ts';

export const SIGNATURE_HEADER = 'x-pledge-signature';
export const TIMESTAMP_HEADER = 'x-pledge-timestamp';
export const DELIVERY_HEADER = 'x-pledge-delivery';
/** A signed message older or newer than this is refused: a captured one cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;
const TIMEOUT_MS = 5_000;

/** `v1=<hex HMAC-SHA256(secret, timestamp "." body)>`. */
export const signBody = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** True when `signature` signs `body` at `timestamp` with `secret`, within the tolerance; compared in constant time. */
export function verifyBody(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, now = Date.now()): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(now / 1000 - ts) > SIGNATURE_TOLERANCE_S || !signature) return false;
  const a = Buffer.from(signBody(secret, ts, body));
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

const secretContext = (processorId: string) => `processor_endpoints.secret:${processorId}`;

/** Registers (or replaces) a processor's request webhook; returns its secret once, to give the processor. */
export async function setProcessorEndpoint(tx: Sql, ctx: Pick<AppContext, 'keys'>, processor: { id: string; tenantId: string | null }, url: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO processor_endpoints (processor_id, tenant_id, url, secret_sealed) VALUES ($1, $2, $3, $4)
     ON CONFLICT (processor_id) DO UPDATE SET url = EXCLUDED.url, secret_sealed = EXCLUDED.secret_sealed`,
    [processor.id, processor.tenantId, url, seal(ctx.keys.data, Buffer.from(secret), secretContext(processor.id))]);
  return secret;
}

export type Endpoint = { channel: 'webhook' | 'email'; url: string | null; mailbox: string | null; secret: string };

export async function endpointOf(tx: Sql, ctx: Pick<AppContext, 'keys'>, processorId: string): Promise<Endpoint | undefined> {
  const [e] = await tx.query<{ channel: Endpoint['channel']; url: string | null; mailbox: string | null; secret_sealed: string }>(
    'SELECT channel, url, mailbox, secret_sealed FROM processor_endpoints WHERE processor_id = $1', [processorId]);
  return e ? { channel: e.channel, url: e.url, mailbox: e.mailbox, secret: unseal(ctx.keys.data, e.secret_sealed, secretContext(processorId)).toString('utf8') } : undefined;
}

/** Sets a processor to take requests by e-mail at `mailbox`; its secret (kept, or new) signs the mailed acknowledgement links. */
export async function setProcessorMailbox(tx: Sql, ctx: Pick<AppContext, 'keys'>, processor: { id: string; tenantId: string | null }, mailbox: string): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO processor_endpoints (processor_id, tenant_id, channel, mailbox, secret_sealed) VALUES ($1, $2, 'email', $3, $4)
     ON CONFLICT (processor_id) DO UPDATE SET channel = 'email', mailbox = EXCLUDED.mailbox`,
    [processor.id, processor.tenantId, mailbox, seal(ctx.keys.data, Buffer.from(secret), secretContext(processor.id))]);
}

/** Creates the notifications of a request (once each) and enqueues their deliveries, in the caller's transaction. */
export async function queueForwarding(tx: Sql, ctx: AppContext, r: { id: string; tenant_id: string; subject_type: string; subject_id: string }, processors: readonly string[]): Promise<number> {
  for (const p of processors) {
    const [n] = await tx.query<{ id: string }>(
      `INSERT INTO processor_notifications (request_id, tenant_id, processor_id, state, channel)
       VALUES ($1, $2, $3, 'pending', COALESCE((SELECT channel FROM processor_endpoints WHERE processor_id = $3), 'webhook'))
       ON CONFLICT (request_id, processor_id) DO NOTHING RETURNING id`, [r.id, r.tenant_id, p]);
    if (n) await ctx.jobs.enqueue(tx, 'forward-request', { notificationId: n.id });
  }
  return processors.length;
}

export type Notification = { id: string; request_id: string; tenant_id: string; processor_id: string; state: string; attempts: number; kind: string; subject_type: string; subject_id: string; received_at: Date };

/** The webhook body: OpenDSR's shape, ids only (the processor already holds what it received under them). */
export const webhookBody = (n: Notification): string => JSON.stringify({
  api_version: 'opendsr-0.1', subject_request_id: n.request_id, delivery_id: n.id, subject_request_type: n.kind,
  submitted_time: new Date(n.received_at).toISOString(), identities: [{ type: `controller_${n.subject_type}_id`, format: 'raw', value: n.subject_id }],
});

const failure = (code: string) => Object.assign(new Error(`forwarding failed: ${code}`), { code });

/** One delivery attempt; a failure is recorded on the notification and rethrown for the queue to retry. */
export async function deliverNotification(ctx: AppContext, notificationId: string, now = Date.now()): Promise<void> {
  const n = await inPlatform(ctx.db, async (tx) => {
    const [row] = await tx.query<Notification>(
      `SELECT n.id, n.request_id, n.tenant_id, n.processor_id, n.state, n.attempts, r.kind, r.subject_type, r.subject_id, r.received_at
         FROM processor_notifications n JOIN subject_requests r ON r.id = n.request_id WHERE n.id = $1`, [notificationId]);
    return row;
  });
  if (!n || n.state === 'acknowledged' || n.state === 'delivered') return;
  const endpoint = await inPlatform(ctx.db, (tx) => endpointOf(tx, ctx, n.processor_id));
  // A processor that takes requests by e-mail gets them through the outbox (src/dsr/forward-mail.ts).
  if (endpoint?.channel === 'email') return mailNotification(ctx, n, endpoint, now);
  let code: string | null = null;
  if (!endpoint?.url) code = 'no_endpoint';
  else {
    const body = webhookBody(n);
    const ts = Math.floor(now / 1000);
    try {
      const res = await fetch(endpoint.url!, {
        method: 'POST', body, signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signBody(endpoint.secret, ts, body), [DELIVERY_HEADER]: n.id },
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) code = `http_${res.status}`;
    } catch (err) {
      code = (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
    }
  }
  await inPlatform(ctx.db, async (tx) => {
    await tx.query(
      `UPDATE processor_notifications SET attempts = attempts + 1, last_code = $2,
              state = CASE WHEN state = 'acknowledged' THEN state WHEN $2::text IS NULL THEN 'delivered' ELSE 'retrying' END,
              delivered_at = CASE WHEN $2::text IS NULL THEN now() ELSE delivered_at END WHERE id = $1`, [n.id, code]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: n.tenant_id, actor: { type: 'system', id: null }, action: code ? 'request.forward_failed' : 'request.forwarded',
      target: { type: 'processor', id: n.processor_id }, details: { requestId: n.request_id, notificationId: n.id, ...(code ? { code } : {}) },
    });
  });
  if (code) throw failure(code);
}

/**
 * A processor's acknowledgement, signed like our webhook with its secret. Idempotent: a replay
 * of an accepted ack changes nothing. The last ack of a request sends its fulfilment on.
 */
export async function acknowledgeNotification(ctx: AppContext, notificationId: string, signed: { timestamp?: string; signature?: string; body: string }): Promise<{ requestId: string; allAcknowledged: boolean }> {
  return inPlatform(ctx.db, async (tx) => {
    const [n] = await tx.query<{ id: string; request_id: string; tenant_id: string; processor_id: string; state: string }>(
      'SELECT id, request_id, tenant_id, processor_id, state FROM processor_notifications WHERE id = $1 FOR UPDATE', [notificationId]);
    if (!n) throw notFound('notification');
    const endpoint = await endpointOf(tx, ctx, n.processor_id);
    if (!endpoint || !verifyBody(endpoint.secret, signed.timestamp, signed.signature, signed.body)) throw unauthorized('The acknowledgement is not signed with this processor\'s secret');
    let parsed: { delivery_id?: unknown; status?: unknown };
    try {
      parsed = JSON.parse(signed.body) as typeof parsed;
    } catch {
      throw badRequest('ack_invalid', 'The acknowledgement is not JSON');
    }
    if (parsed.delivery_id !== n.id) throw badRequest('ack_invalid', 'The acknowledgement names another delivery');
    if (parsed.status !== 'completed') throw new AppError(422, 'ack_invalid', 'Only a completed request is acknowledged');
    return markAcknowledged(tx, ctx, n);
  });
}

/** Records one processor's acknowledgement (once); the last of a request sends its fulfilment on. In the caller's transaction. */
export async function markAcknowledged(tx: Sql, ctx: AppContext, n: { id: string; request_id: string; tenant_id: string; processor_id: string; state: string }): Promise<{ requestId: string; allAcknowledged: boolean }> {
  if (n.state !== 'acknowledged') {
    await tx.query("UPDATE processor_notifications SET state = 'acknowledged', acknowledged_at = now(), next_attempt_at = NULL WHERE id = $1", [n.id]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: n.tenant_id, actor: { type: 'system', id: null }, action: 'request.processor_acknowledged',
      target: { type: 'processor', id: n.processor_id }, details: { requestId: n.request_id, notificationId: n.id },
    });
  }
  const [left] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM processor_notifications WHERE request_id = $1 AND state <> 'acknowledged'", [n.request_id]);
  const all = left!.n === 0;
  if (all && n.state !== 'acknowledged') await ctx.jobs.enqueue(tx, 'fulfil-request', { requestId: n.request_id });
  return { requestId: n.request_id, allAcknowledged: all };
}

export type NotificationView = { processorId: string; processorName: string; channel: string; state: string; attempts: number; lastCode: string | null; deliveredAt: Date | null; acknowledgedAt: Date | null };

export async function notificationsOf(tx: Sql, requestId: string): Promise<NotificationView[]> {
  const rows = await tx.query<{ processor_id: string; name: string; channel: string; state: string; attempts: number; last_code: string | null; delivered_at: Date | null; acknowledged_at: Date | null }>(
    `SELECT n.processor_id, p.name, n.channel, n.state, n.attempts, n.last_code, n.delivered_at, n.acknowledged_at
       FROM processor_notifications n JOIN processors p ON p.id = n.processor_id WHERE n.request_id = $1 ORDER BY p.name`, [requestId]);
  return rows.map((r) => ({ processorId: r.processor_id, processorName: r.name, channel: r.channel, state: r.state, attempts: r.attempts, lastCode: r.last_code, deliveredAt: r.delivered_at, acknowledgedAt: r.acknowledged_at }));
}
