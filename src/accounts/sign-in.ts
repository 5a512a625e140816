import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import type { StaffRole, TenantRole } from '../auth/actor.ts';
import { createSession, csrfTokenFor } from '../auth/sessions.ts';
import { hashPassword, verifyPassword } from '../crypto/password.ts';
import { inPlatform } from '../db/scope.ts';
import { AppError, forbidden } from '../errors.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import type { Locale } from './fields.ts';
import { openStaff, STAFF_KEY, staffEmailIndex } from './staff.ts';
import { openUser, USER_KEY, userEmailIndex } from './users.ts';

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong e-mail address or password');
const tooManyAttempts = (retryAfter: number) =>
  new AppError(429, 'too_many_attempts', 'Too many failed sign-ins for this account; wait before trying again', { retryAfter });

/**
 * Runs a credential check under the per-account backoff: refused while the account is backed
 * off (even with the right password), a failure counted, a success clearing the count.
 */
async function withBackoff<T>(ctx: AppContext, realm: 'customer' | 'staff', email: string, attempt: () => Promise<T>): Promise<T> {
  const wait = ctx.caches.signIn.retryAfter(realm, email);
  if (wait > 0) throw tooManyAttempts(wait);
  try {
    const out = await attempt();
    ctx.caches.signIn.recordSuccess(realm, email);
    return out;
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_credentials') ctx.caches.signIn.recordFailure(realm, email);
    throw err;
  }
}

// An unknown address still costs one scrypt verification, so timing does not tell who has an account.
let dummyHash: Promise<string> | undefined;
async function checkPassword(password: string, stored: string | undefined): Promise<boolean> {
  dummyHash ??= hashPassword('pledge-timing-equaliser');
  const ok = await verifyPassword(password, stored ?? (await dummyHash));
  return ok && stored !== undefined;
}

export type SignedInUser = {
  user: { id: string; email: string; name: string; locale: Locale };
  sessionToken: string;
  csrfToken: string;
  acceptanceRequired: boolean;
};

/** Checks a merchant's credentials and opens a session. The password is checked before the verification state is revealed. */
export async function signInUser(ctx: AppContext, email: string, password: string): Promise<SignedInUser> {
  return withBackoff(ctx, 'customer', email, () => checkUser(ctx, email, password));
}

async function checkUser(ctx: AppContext, email: string, password: string): Promise<SignedInUser> {
  const [u] = await ctx.db.query<{
    id: string; email: string; name: string; wrapped_key: string | null; locale: Locale; password_hash: string; verified: boolean; tenant_id: string | null; role: TenantRole | null;
  }>(
    `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.locale, u.password_hash, u.email_verified_at IS NOT NULL AS verified, m.tenant_id, m.role
       FROM users u LEFT JOIN memberships m ON m.user_id = u.id
      WHERE u.email_bidx = $1 AND u.closed_at IS NULL
      ORDER BY m.created_at LIMIT 1`,
    [userEmailIndex(ctx.keys, email)],
  );
  if (!(await checkPassword(password, u?.password_hash)) || !u?.tenant_id || !u.role) throw invalidCredentials();
  if (!u.verified) throw forbidden('email_unverified', 'Confirm your e-mail address first: follow the link we sent you');
  const tenantId = u.tenant_id;
  const opened = openUser(ctx.keys, u);
  const session = await inPlatform(ctx.db, async (tx) => {
    const s = await createSession(tx, 'customer', u.id);
    await recordAudit(tx, ctx.keys.audit, { tenantId, actor: { type: 'user', id: u.id }, action: 'session.created', target: { type: 'user', id: u.id } });
    return s;
  });
  return {
    user: { id: u.id, email: opened.email, name: opened.name, locale: u.locale },
    sessionToken: session.token,
    csrfToken: csrfTokenFor(ctx.keys.csrf, session.hash),
    acceptanceRequired: await acceptanceMissing(ctx.db, u.id),
  };
}

export type SignedInStaff = {
  staff: { id: string; email: string; name: string; role: StaffRole };
  sessionToken: string;
  csrfToken: string;
};

/** Staff sign in to their own realm: a staff session never carries a tenant role. */
export async function signInStaff(ctx: AppContext, email: string, password: string): Promise<SignedInStaff> {
  return withBackoff(ctx, 'staff', email, () => checkStaff(ctx, email, password));
}

async function checkStaff(ctx: AppContext, email: string, password: string): Promise<SignedInStaff> {
  const [s] = await ctx.db.query<{ id: string; email: string; name: string; wrapped_key: string | null; role: StaffRole; password_hash: string }>(
    `SELECT id, email, name, ${STAFF_KEY()}, role, password_hash FROM staff_users WHERE email_bidx = $1`,
    [staffEmailIndex(ctx.keys, email)],
  );
  if (!(await checkPassword(password, s?.password_hash)) || !s) throw invalidCredentials();
  const session = await inPlatform(ctx.db, async (tx) => {
    const created = await createSession(tx, 'staff', s.id);
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'staff', id: s.id }, action: 'session.created', target: { type: 'staff', id: s.id } });
    return created;
  });
  return {
    staff: { id: s.id, ...openStaff(ctx.keys, s), role: s.role },
    sessionToken: session.token,
    csrfToken: csrfTokenFor(ctx.keys.csrf, session.hash),
  };
}
