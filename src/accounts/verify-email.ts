import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { hashToken, newToken } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { userEmailIndex } from './users.ts';
import type { Locale } from './fields.ts';
import { VERIFY_EMAIL_TTL_HOURS, verificationMail } from './mails.ts';

/** A fresh single-use token; only its hash is stored, so a database copy cannot verify anyone. */
export async function issueVerificationToken(tx: Sql, userId: string): Promise<string> {
  const token = newToken();
  await tx.query(
    `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
     VALUES ($1, $2, 'verify_email', now() + make_interval(hours => $3))`,
    [hashToken(token), userId, VERIFY_EMAIL_TTL_HOURS],
  );
  return token;
}

export const tokenInvalid = () => badRequest('token_invalid', 'This link is not valid');
export const tokenUsed = () => conflict('token_used', 'This link has already been used');
export const tokenExpired = () => new AppError(410, 'token_expired', 'This link has expired; ask for a new one');

/** Redeems a verification token exactly once: unknown, used and expired tokens each fail with their own code. */
export async function verifyEmail(ctx: AppContext, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  await inPlatform(ctx.db, async (tx) => {
    // FOR UPDATE: two clicks on the same link at once cannot both redeem it.
    const [row] = await tx.query<{ user_id: string; used: boolean; expired: boolean }>(
      `SELECT user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
         FROM email_tokens WHERE token_hash = $1 AND purpose = 'verify_email' FOR UPDATE`,
      [tokenHash],
    );
    if (!row) throw tokenInvalid();
    if (row.used) throw tokenUsed();
    if (row.expired) throw tokenExpired();
    await tx.query('UPDATE email_tokens SET used_at = now() WHERE token_hash = $1', [tokenHash]);
    const [user] = await tx.query<{ tenant_id: string | null }>(
      `UPDATE users u SET email_verified_at = COALESCE(u.email_verified_at, now()), updated_at = now()
        WHERE u.id = $1
        RETURNING (SELECT m.tenant_id FROM memberships m WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1) AS tenant_id`,
      [row.user_id],
    );
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: user?.tenant_id ?? null,
      actor: { type: 'user', id: row.user_id },
      action: 'user.email_verified',
      target: { type: 'user', id: row.user_id },
    });
  });
}

/**
 * Sends a new link to an unverified account, retiring the old ones. Answers the same whether
 * or not the address has an account, so it cannot be used to find out who is registered.
 */
export async function resendVerification(ctx: AppContext, email: string, locale: Locale | undefined): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    const [user] = await tx.query<{ id: string; locale: Locale }>(
      'SELECT id, locale FROM users WHERE email_bidx = $1 AND email_verified_at IS NULL AND closed_at IS NULL FOR UPDATE',
      [userEmailIndex(ctx.keys, email)],
    );
    if (!user) return;
    // Superseded links answer token_expired, which is what they now are.
    await tx.query(
      `UPDATE email_tokens SET expires_at = now() WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > now()`,
      [user.id],
    );
    const token = await issueVerificationToken(tx, user.id);
    await enqueueMail(tx, ctx, verificationMail(email, locale ?? user.locale, ctx.config.publicUrl, token));
  });
}
