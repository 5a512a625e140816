import type { AppContext } from '../app/context.ts';
import type { Actor, StaffRole, TenantRole } from '../auth/actor.ts';
import { csrfTokenFor } from '../auth/sessions.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import type { Locale } from './fields.ts';
import { openStaff, STAFF_KEY } from './staff.ts';
import { openUser, USER_KEY } from './users.ts';

export type WhoAmI =
  | { signedIn: false }
  | {
      signedIn: true;
      realm: 'customer' | 'staff';
      via: 'session' | 'api_key';
      user: { id: string; email: string; name: string; locale?: Locale; role: TenantRole | StaffRole; tenantId?: string };
      csrfToken?: string;
      acceptanceRequired?: boolean;
    };

/** Describes the request's actor for the client: identity, the CSRF token for writes, and whether acceptance is due. */
export async function whoAmI(ctx: AppContext, actor: Actor): Promise<WhoAmI> {
  if (actor.kind === 'anonymous') return { signedIn: false };
  if (actor.kind === 'staff') {
    const [s] = await ctx.db.query<{ id: string; email: string; name: string; wrapped_key: string | null }>(
      `SELECT id, email, name, ${STAFF_KEY()} FROM staff_users WHERE id = $1`, [actor.staffId],
    );
    if (!s) return { signedIn: false };
    return { signedIn: true, realm: 'staff', via: 'session', user: { id: s.id, ...openStaff(ctx.keys, s), role: actor.role }, csrfToken: csrfTokenFor(ctx.keys.csrf, actor.sessionHash) };
  }
  const [u] = await ctx.db.query<{ id: string; email: string; name: string; wrapped_key: string | null; locale: Locale }>(
    `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.locale FROM users u WHERE u.id = $1 AND u.closed_at IS NULL`,
    [actor.userId],
  );
  if (!u) return { signedIn: false };
  const opened = openUser(ctx.keys, u);
  return {
    signedIn: true,
    realm: 'customer',
    via: actor.via,
    user: { id: u.id, email: opened.email, name: opened.name, locale: u.locale, role: actor.role, tenantId: actor.tenantId },
    // API keys are not sent by browsers on their own, so they need no CSRF token.
    ...(actor.sessionHash ? { csrfToken: csrfTokenFor(ctx.keys.csrf, actor.sessionHash) } : {}),
    acceptanceRequired: await acceptanceMissing(ctx.db, actor.userId),
  };
}
