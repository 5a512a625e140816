import { randomUUID } from 'node:crypto';
import type { Harness } from './harness.ts';
import { csrfTokenFor, createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import type { TenantRole } from '../../src/auth/actor.ts';

export type Merchant = { tenantId: string; userId: string; email: string; cookie: string; csrf: string; headers: Record<string, string> };

/** A merchant with a verified account and a live session; accepts the current policies unless told not to. */
export async function createMerchant(
  h: Harness,
  opts: { accept?: boolean; role?: TenantRole; tenantId?: string; name?: string } = {},
): Promise<Merchant> {
  const email = `m-${randomUUID().slice(0, 8)}@shop.example`;
  return inPlatform(h.ctx.db, async (tx) => {
    const tenantId =
      opts.tenantId ?? (await tx.query<{ id: string }>('INSERT INTO tenants (name) VALUES ($1) RETURNING id', [opts.name ?? 'Shop ' + email]))[0]!.id;
    const [u] = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, company, billing_address, password_hash, email_verified_at, adult_confirmed_at)
       VALUES ($1, 'Test Merchant', 'Test Co', '1 Test St', 'scrypt$x', now(), now()) RETURNING id`,
      [email],
    );
    await tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [tenantId, u!.id, opts.role ?? 'owner']);
    if (opts.accept !== false) {
      await tx.query(
        `INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method)
         SELECT $1, p.version, p.content_hash, t.version, t.content_hash, 'api'
           FROM (SELECT * FROM policy_versions WHERE kind = 'privacy' ORDER BY version DESC LIMIT 1) p,
                (SELECT * FROM policy_versions WHERE kind = 'terms' ORDER BY version DESC LIMIT 1) t`,
        [u!.id],
      );
    }
    const s = await createSession(tx, 'customer', u!.id);
    const cookie = `${SESSION_COOKIE}=${s.token}`;
    const csrf = csrfTokenFor(h.ctx.keys.csrf, s.hash);
    return { tenantId, userId: u!.id, email, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  });
}

export type Staff = { staffId: string; headers: Record<string, string> };

export async function createStaff(h: Harness, role: 'privacy_officer' | 'support' = 'privacy_officer'): Promise<Staff> {
  return inPlatform(h.ctx.db, async (tx) => {
    const [s] = await tx.query<{ id: string }>(
      `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, 'Staff', $2, 'scrypt$x') RETURNING id`,
      [`staff-${randomUUID().slice(0, 8)}@ecomkey.example`, role],
    );
    const session = await createSession(tx, 'staff', s!.id);
    return { staffId: s!.id, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': csrfTokenFor(h.ctx.keys.csrf, session.hash) } };
  });
}

export async function createSubscriber(h: Harness, tenantId: string, name = 'Nguyễn Văn A'): Promise<string> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    const [r] = await tx.query<{ id: string }>(
      `INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis) VALUES ($1, 'zalo', $2, 'channel:zalo', 'consent') RETURNING id`,
      [tenantId, name],
    );
    return r!.id;
  });
}
