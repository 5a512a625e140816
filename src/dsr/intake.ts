/**
 * How requests come in besides a signed-in person: the unauthenticated form, confirmed from a
 * single-use link mailed to the address (the deletion clock starts at that confirmation, C33);
 * Meta's deletion callback; and the status a person follows by the code they were given.
 * @clause C33
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { findTenantName } from '../accounts/tenants.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { hashToken, newToken } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { buyerIndex } from '../subjects/buyers.ts';
import { subscriberIndex } from '../subjects/subscribers.ts';
import { confirmationMail, CONFIRMATION_TTL_HOURS } from './mails.ts';
import { fileRequest, transition, type RequestRow } from './requests.ts';

/** A code a person keeps to follow their request on its status page: random, names no one. */
export const newStatusCode = (): string => randomBytes(12).toString('hex');
const MAX_MATCHES = 5;

async function mailConfirmation(tx: Sql, ctx: AppContext, r: { id: string; tenantId: string; subject: { type: string; id: string } }, email: string, lang: 'vi' | 'en', shop: string, kind: string): Promise<void> {
  const token = newToken();
  await tx.query(
    `INSERT INTO subject_request_confirmations (token_hash, request_id, tenant_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [hashToken(token), r.id, r.tenantId, CONFIRMATION_TTL_HOURS]);
  await enqueueMail(tx, ctx, {
    ...confirmationMail(email, lang, ctx.config.publicUrl, shop, kind, token),
    recipient: { type: r.subject.type as 'subscriber' | 'buyer', id: r.subject.id, tenantId: r.tenantId },
  });
}

/**
 * The unauthenticated form: files an unverified request for every Subscriber or Buyer of the
 * shop with this address and mails each a confirmation link. Answers the same whether or not
 * anyone matched, so the form cannot tell who is on a shop's list.
 */
export async function fileFromForm(ctx: AppContext, tenantId: string, input: { email: string; kind: string; lang: 'vi' | 'en' }): Promise<void> {
  await inTenant(ctx.db, tenantId, async (tx) => {
    const shop = await findTenantName(tx, keyringFor(ctx.config), tenantId, { open: true });
    if (shop === undefined) return;
    const found = await tx.query<{ subject_type: 'subscriber' | 'buyer'; id: string }>(
      `(SELECT 'subscriber' AS subject_type, id FROM subscribers WHERE tenant_id = $1 AND email_bidx = $2)
       UNION ALL (SELECT 'buyer' AS subject_type, id FROM buyers WHERE tenant_id = $1 AND email_bidx = $3) LIMIT ${MAX_MATCHES}`,
      [tenantId, subscriberIndex.email(ctx.keys, tenantId, input.email), buyerIndex.email(ctx.keys, tenantId, input.email)]);
    for (const f of found) {
      const code = newStatusCode();
      const filed = await fileRequest(tx, { auditKey: ctx.keys.audit }, {
        tenantId, subject: { type: f.subject_type, id: f.id }, kind: input.kind, source: 'web_form', evidenceRef: `web_form:${code}`,
        actor: { type: 'anonymous', id: null }, verified: false, statusCode: code,
      });
      // A repeated submission while the first waits for confirmation mails a fresh link for that one.
      const target = filed.duplicateOf ? await openUnverified(tx, filed.duplicateOf) : filed.request;
      if (target?.state === 'identity_unverified') await mailConfirmation(tx, ctx, { id: target.id, tenantId, subject: { type: f.subject_type, id: f.id } }, input.email, input.lang, shop, input.kind);
    }
  });
}

async function openUnverified(tx: Sql, id: string): Promise<RequestRow | undefined> {
  const [r] = await tx.query<RequestRow>("SELECT id, state FROM subject_requests WHERE id = $1 AND state = 'identity_unverified'", [id]);
  return r;
}

export type Confirmed = { requestId: string; statusCode: string | null; state: string; dueAt: Date | null };

/** Redeems a confirmation link once: verifies the request and starts its clock. */
export async function confirmRequest(ctx: AppContext, token: string): Promise<Confirmed> {
  const hash = hashToken(token);
  return inPlatform(ctx.db, async (tx) => {
    const [c] = await tx.query<{ request_id: string; used: boolean; expired: boolean }>(
      'SELECT request_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM subject_request_confirmations WHERE token_hash = $1 FOR UPDATE', [hash]);
    if (!c) throw badRequest('token_invalid', 'This link is not valid');
    if (c.used) throw conflict('token_used', 'This link has already been used');
    if (c.expired) throw new AppError(410, 'token_expired', 'This link has expired; send the form again');
    await tx.query('UPDATE subject_request_confirmations SET used_at = now() WHERE token_hash = $1', [hash]);
    const r = await transition(tx, { auditKey: ctx.keys.audit }, c.request_id, 'verified', {
      actor: { type: 'anonymous', id: null }, code: 'email_confirmed', set: { confirmed_at: new Date() },
    });
    return { requestId: r.id, statusCode: r.status_code, state: r.state, dueAt: r.due_at };
  });
}

/** Files Meta's deletion callback as an erasure request at every shop whose Messenger Subscriber has this id. */
export async function fileMetaDeletion(ctx: AppContext, userId: string): Promise<{ code: string; requests: number }> {
  const code = newStatusCode();
  const requests = await inPlatform(ctx.db, async (tx) => {
    // The id's blind index is per shop: each shop with Messenger Subscribers is asked in turn.
    const tenants = await tx.query<{ tenant_id: string }>("SELECT DISTINCT tenant_id FROM subscribers WHERE channel = 'messenger'");
    let n = 0;
    for (const { tenant_id } of tenants) {
      const subs = await tx.query<{ id: string }>(
        "SELECT id FROM subscribers WHERE tenant_id = $1 AND channel = 'messenger' AND external_id_bidx = $2", [tenant_id, subscriberIndex.externalId(ctx.keys, tenant_id, userId)]);
      for (const s of subs) {
        // Meta signed the request for this user: their identity is verified by that signature.
        await fileRequest(tx, { auditKey: ctx.keys.audit }, {
          tenantId: tenant_id, subject: { type: 'subscriber', id: s.id }, kind: 'erasure', source: 'meta_callback', evidenceRef: `meta:${code}`,
          actor: { type: 'system', id: null }, verified: true, statusCode: code,
        });
        n++;
      }
    }
    return n;
  });
  return { code, requests };
}

export type PublicStatus = { kind: string; state: string; receivedAt: Date; dueAt: Date | null; closedAt: Date | null };

/** What the status page shows for a code: kinds, states and dates, never whose or what data. */
export async function statusByCode(ctx: AppContext, code: string): Promise<PublicStatus[]> {
  if (!/^[0-9a-f]{24}$/.test(code)) return [];
  const rows = await ctx.db.query<{ kind: string; state: string; received_at: Date; due_at: Date | null; closed_at: Date | null }>(
    'SELECT kind, state, received_at, due_at, closed_at FROM subject_requests WHERE status_code = $1 ORDER BY received_at', [code]);
  return rows.map((r) => ({ kind: r.kind, state: r.state, receivedAt: r.received_at, dueAt: r.due_at, closedAt: r.closed_at }));
}
