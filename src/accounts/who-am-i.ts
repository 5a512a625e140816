import type { AppContext } from '../app/context.ts';
import type { Actor, StaffRole, TenantRole } from '../auth/actor.ts';
import { csrfTokenFor } from '../auth/sessions.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import type { Locale } from './fields.ts';

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
    const [s] = await ctx.db.query<{ id: string; email: string; name: string }>('SELECT id, email, name FROM staff_users WHERE id = $1', [actor.staffId]);
    if (!s) return { signedIn: false };
    return { signedIn: true, realm: 'staff', via: 'session', user: { ...s, role: actor.role }, csrfToken: csrfTokenFor(ctx.keys.csrf, actor.sessionHash) };
  }
  const [u] = await ctx.db.query<{ id: string; email: string; name: string; locale: Locale }>(
    'SELECT id, email, name, locale FROM users WHERE id = $1 AND closed_at IS NULL',
    [actor.userId],
  );
  if (!u) return { signedIn: false };
  return {
    signedIn: true,
    realm: 'customer',
    via: actor.via,
    user: { ...u, role: actor.role, tenantId: actor.tenantId },
    // API keys are not sent by browsers on their own, so they need no CSRF token.
    ...(actor.sessionHash ? { csrfToken: csrfTokenFor(ctx.keys.csrf, actor.sessionHash) } : {}),
    acceptanceRequired: await acceptanceMissing(ctx.db, actor.userId),
  };
}
