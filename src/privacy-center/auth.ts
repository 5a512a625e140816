/**
 * Privacy-center sign-in for people without an account (Subscribers, Buyers): a single-use
 * link mailed through the outbox opens a short session bound to one tenant and one subject.
 * A signed-in Customer uses their own session and sees their consents to ECOMKEY.
 * Only hashes of links and sessions are stored.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { csrfTokenFor, csrfTokenValid } from '../auth/sessions.ts';
import type { LedgerActor, SubjectRef } from '../consents/types.ts';
import { findTenantName } from '../accounts/tenants.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { hashToken, newToken } from '../crypto/keys.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { AppError, badRequest, conflict, forbidden, unauthorized } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { buyerIndex } from '../subjects/buyers.ts';
import { subscriberIndex } from '../subjects/subscribers.ts';
import { signInLinkMail, SUBJECT_LINK_TTL_MINUTES } from './mails.ts';

export const SUBJECT_COOKIE = 'pledge_subject';
export const SUBJECT_SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/** At most this many subjects of one tenant share an address; each gets its own link. */
const MAX_LINKS = 5;

type Found = { subject_type: 'subscriber' | 'buyer'; id: string };

/**
 * Mails a sign-in link to every Subscriber or Buyer of the tenant with this address. Answers
 * the same whether or not anyone matched, so the form cannot tell who is on a shop's list.
 */
export async function requestSignInLink(ctx: AppContext, tenantId: string, email: string, lang: 'vi' | 'en'): Promise<void> {
  await inTenant(ctx.db, tenantId, async (tx) => {
    const shop = await findTenantName(tx, keyringFor(ctx.config), tenantId, { open: true });
    if (shop === undefined) return;
    // Addresses are sealed at rest: the lookup goes by their blind indexes (C07).
    const found = await tx.query<Found>(
      `(SELECT 'subscriber' AS subject_type, id FROM subscribers WHERE tenant_id = $1 AND email_bidx = $2)
       UNION ALL
       (SELECT 'buyer' AS subject_type, id FROM buyers WHERE tenant_id = $1 AND email_bidx = $3)
       LIMIT ${MAX_LINKS}`,
      [tenantId, subscriberIndex.email(ctx.keys, tenantId, email), buyerIndex.email(ctx.keys, tenantId, email)],
    );
    for (const f of found) {
      const token = newToken();
      await tx.query(
        `INSERT INTO subject_link_tokens (token_hash, tenant_id, subject_type, subject_id, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
        [hashToken(token), tenantId, f.subject_type, f.id, SUBJECT_LINK_TTL_MINUTES],
      );
      // Named for its recipient, so the person's own access request finds it (C31).
      await enqueueMail(tx, ctx, { ...signInLinkMail(email, lang, ctx.config.publicUrl, tenantId, shop, token), recipient: { type: f.subject_type, id: f.id, tenantId } });
      await recordAudit(tx, ctx.keys.audit, {
        tenantId, actor: { type: 'anonymous', id: null }, action: 'privacy_center.link_sent', target: { type: f.subject_type, id: f.id },
      });
    }
  });
}

export type SubjectSession = { token: string; hash: string; subject: SubjectRef };

/** Redeems a link once: unknown, used and expired links each fail with their own code. */
export async function redeemSignInLink(ctx: AppContext, token: string): Promise<SubjectSession> {
  const tokenHash = hashToken(token);
  return inPlatform(ctx.db, async (tx) => {
    const [row] = await tx.query<{ tenant_id: string; subject_type: 'subscriber' | 'buyer'; subject_id: string; used: boolean; expired: boolean }>(
      `SELECT tenant_id, subject_type, subject_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
         FROM subject_link_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    if (!row) throw badRequest('token_invalid', 'This link is not valid');
    if (row.used) throw conflict('token_used', 'This link has already been used');
    if (row.expired) throw new AppError(410, 'token_expired', 'This link has expired; ask for a new one');
    await tx.query('UPDATE subject_link_tokens SET used_at = now() WHERE token_hash = $1', [tokenHash]);
    const session = newToken();
    const hash = hashToken(session);
    await tx.query(
      'INSERT INTO subject_sessions (token_hash, tenant_id, subject_type, subject_id, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [hash, row.tenant_id, row.subject_type, row.subject_id, new Date(Date.now() + SUBJECT_SESSION_TTL_MS)],
    );
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: row.tenant_id, actor: { type: 'subject', id: row.subject_id }, action: 'privacy_center.signed_in',
      target: { type: row.subject_type, id: row.subject_id },
    });
    return { token: session, hash, subject: { tenantId: row.tenant_id, type: row.subject_type, id: row.subject_id } };
  });
}

/** Whoever the privacy center serves on this request. */
export type CenterPrincipal = {
  subject: SubjectRef;
  actor: LedgerActor;
  via: 'subject_session' | 'customer_session';
  /** For the page's writes: bound to this session. */
  csrfToken: string;
  sessionHash: string;
};

const subjectCsrf = (ctx: AppContext, hash: string): string => csrfTokenFor(ctx.keys.csrf, `subject:${hash}`);

/**
 * The subject behind the request: a privacy-center session first, else a signed-in Customer
 * (as a subject of ECOMKEY). Writes need the session's CSRF token. Null when neither.
 */
export async function centerPrincipal(ctx: AppContext, req: FastifyRequest): Promise<CenterPrincipal | null> {
  const cookie = req.cookies[SUBJECT_COOKIE];
  if (cookie) {
    const hash = hashToken(cookie);
    const [s] = await ctx.db.query<{ tenant_id: string; subject_type: 'subscriber' | 'buyer'; subject_id: string }>(
      'SELECT tenant_id, subject_type, subject_id FROM subject_sessions WHERE token_hash = $1 AND expires_at > now()',
      [hash],
    );
    if (s) {
      return {
        subject: { tenantId: s.tenant_id, type: s.subject_type, id: s.subject_id }, actor: { type: 'subject', id: s.subject_id },
        via: 'subject_session', csrfToken: subjectCsrf(ctx, hash), sessionHash: hash,
      };
    }
  }
  const a = req.actor;
  if (a.kind === 'user' && a.via === 'session' && a.sessionHash) {
    return {
      subject: { tenantId: a.tenantId, type: 'customer', id: a.userId }, actor: { type: 'subject', id: a.userId },
      via: 'customer_session', csrfToken: csrfTokenFor(ctx.keys.csrf, a.sessionHash), sessionHash: a.sessionHash,
    };
  }
  return null;
}

/** The principal, or 401; for writes, 403 `csrf_invalid` without the session's token. */
export async function requireCenterPrincipal(ctx: AppContext, req: FastifyRequest, write: boolean): Promise<CenterPrincipal> {
  const p = await centerPrincipal(ctx, req);
  if (!p) throw unauthorized('Open the sign-in link from your e-mail first');
  if (write) {
    const given = req.headers['x-csrf-token'];
    const ok = p.via === 'subject_session'
      ? csrfTokenValid(ctx.keys.csrf, `subject:${p.sessionHash}`, typeof given === 'string' ? given : undefined)
      : csrfTokenValid(ctx.keys.csrf, p.sessionHash, typeof given === 'string' ? given : undefined);
    if (!ok) throw forbidden('csrf_invalid', 'Missing or wrong CSRF token');
  }
  return p;
}

export function setSubjectCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SUBJECT_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: SUBJECT_SESSION_TTL_MS / 1000 });
}

/** Ends the privacy-center session (a Customer's own session is theirs to end elsewhere). */
export async function endSubjectSession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const cookie = req.cookies[SUBJECT_COOKIE];
  if (cookie) await ctx.db.query('DELETE FROM subject_sessions WHERE token_hash = $1', [hashToken(cookie)]);
  reply.clearCookie(SUBJECT_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
}

export const csrfForSubjectSession = subjectCsrf;
