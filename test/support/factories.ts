import { recordAgreement, registerProcessor } from '../../src/disclosures/processors.ts';
import { processorFor } from '../../src/payments/index.ts';
import { PAYMENT_CATEGORIES } from '../../src/payments/upgrade.ts';
import { randomUUID } from 'node:crypto';
import type { Harness } from './harness.ts';
import { csrfTokenFor, createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { inPlatform, inTenant } from '../../src/db/scope.ts';
import type { TenantRole } from '../../src/auth/actor.ts';
import { insertStaff } from '../../src/accounts/staff.ts';
import { createTenant } from '../../src/accounts/tenants.ts';
import { insertUser } from '../../src/accounts/users.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { insertSubscriber } from '../../src/subjects/subscribers.ts';

export type Merchant = { tenantId: string; userId: string; email: string; cookie: string; csrf: string; headers: Record<string, string> };

/** A merchant with a verified account and a live session; accepts the current policies unless told not to. */
export async function createMerchant(
  h: Harness,
  opts: { accept?: boolean; role?: TenantRole; tenantId?: string; name?: string } = {},
): Promise<Merchant> {
  const email = `m-${randomUUID().slice(0, 8)}@shop.example`;
  return inPlatform(h.ctx.db, async (tx) => {
    // Stored as the app stores them: sealed, with blind indexes (C07).
    const tenantId = opts.tenantId ?? (await createTenant(tx, keyringFor(h.ctx.config), opts.name ?? 'Shop ' + email));
    const u = {
      id: await insertUser(tx, h.ctx.keys, {
        email, name: 'Test Merchant', company: 'Test Co', billingAddress: '1 Test St', passwordHash: 'scrypt$x', locale: 'vi', verified: true,
      }),
    };
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

export async function createStaff(h: Harness, role: 'privacy_officer' | 'support' | 'security' = 'privacy_officer'): Promise<Staff> {
  return inPlatform(h.ctx.db, async (tx) => {
    const id = await insertStaff(tx, h.ctx.keys, { email: `staff-${randomUUID().slice(0, 8)}@ecomkey.example`, name: 'Staff', role, passwordHash: 'scrypt$x' });
    const session = await createSession(tx, 'staff', id);
    return { staffId: id, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': csrfTokenFor(h.ctx.keys.csrf, session.hash) } };
  });
}

export async function createSubscriber(h: Harness, tenantId: string, name = 'Nguyễn Văn A'): Promise<string> {
  return inTenant(h.ctx.db, tenantId, async (tx) => {
    const r = await insertSubscriber(tx, h.ctx.keys, tenantId, { channel: 'zalo', displayName: name, source: 'channel:zalo', legalBasis: 'consent' });
    return r.id;
  });
}

/** ECOMKEY's privacy officer registers the payment processor with its agreement (C26). */
export async function registerPaymentProcessor(h: Harness): Promise<void> {
  const staff = await createStaff(h);
  const actor = { kind: 'staff' as const, staffId: staff.staffId, role: 'privacy_officer' as const, sessionHash: '' };
  const p = await registerProcessor(h.ctx, actor, { name: processorFor(h.ctx.config).name, kind: 'payment' });
  await recordAgreement(h.ctx, actor, p.id, {
    signedAt: '2025-01-01', effectiveFrom: '2025-01-01', categories: [...PAYMENT_CATEGORIES], purposes: ['process_payment'],
    retention: 'For the life of the subscription', retentionDays: 3650, documentRef: 'DPA-2025-PAY', bindsToPolicy: true,
  });
}
