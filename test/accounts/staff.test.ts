import { expect, it } from 'vitest';
import { openReason } from '../../src/audit/details.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff, createSubscriber } from '../support/factories.ts';
import { hashPassword } from '../../src/crypto/password.ts';
import { insertStaff } from '../../src/accounts/staff.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { count, post } from './support.ts';

const REASON = 'Support ticket #4521: merchant asked us to check an import';

describeEachStore('staff realm', (h) => {
  it('staff sign in to their own realm with a session cookie and CSRF token', async () => {
    const passwordHash = await hashPassword('staff-password-1');
    await inPlatform(h().ctx.db, (tx) => insertStaff(tx, h().ctx.keys, { email: 'po@ecomkey.example', name: 'Thảo', role: 'privacy_officer', passwordHash }));
    const res = await post(h(), '/api/staff/auth/sign-in', { email: 'po@ecomkey.example', password: 'staff-password-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ staff: { email: 'po@ecomkey.example', role: 'privacy_officer' }, csrfToken: expect.any(String) });
    const cookie = res.cookies.find((c) => c.name === 'pledge_session')!;
    const session = await h().app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `pledge_session=${cookie.value}` } });
    expect(session.json()).toMatchObject({ signedIn: true, realm: 'staff', user: { role: 'privacy_officer' } });
    // The two realms do not share credentials.
    expect((await post(h(), '/api/auth/sign-in', { email: 'po@ecomkey.example', password: 'staff-password-1' })).statusCode).toBe(401);
    expect((await post(h(), '/api/staff/auth/sign-in', { email: 'po@ecomkey.example', password: 'wrong-password' })).json().code).toBe('invalid_credentials');
  });

  it('staff cannot read a tenant\'s personal data without a recorded reason', async () => {
    const m = await createMerchant(h());
    await createSubscriber(h(), m.tenantId, 'Khách Hàng Một');
    const staff = await createStaff(h(), 'support');
    const url = `/api/staff/tenants/${m.tenantId}/subscribers`;
    const entries = await count(h(), 'audit_log');
    for (const headers of [staff.headers, { ...staff.headers, 'x-access-reason': 'because' }, { ...staff.headers, 'x-access-reason': '          ' }]) {
      const res = await h().app.inject({ method: 'GET', url, headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('access_reason_required');
      expect(res.body).not.toContain('Khách Hàng Một');
    }
    expect(await count(h(), 'audit_log')).toBe(entries);

    const res = await h().app.inject({ method: 'GET', url, headers: { ...staff.headers, 'x-access-reason': REASON } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { displayName: string }) => s.displayName)).toEqual(['Khách Hàng Một']);
    const [entry] = await h().ctx.db.query<Record<string, unknown>>(
      `SELECT chain, tenant_id, actor_type, actor_id, reason, details FROM audit_log WHERE action = 'staff.subjects_read' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ chain: m.tenantId, tenant_id: m.tenantId, actor_type: 'staff', actor_id: staff.staffId, details: { resource: 'subscribers', count: 1 } });
    // The reason is free text: sealed in the log (never readable in a dump), opened for review.
    expect(entry!.reason).not.toContain(REASON);
    expect(openReason(h().ctx.keys.audit, entry!.reason as string, m.tenantId)).toBe(REASON);
  });

  it('[C29] staff cannot reach tenant data through the merchant API, and merchants cannot use the staff API', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const staff = await createStaff(h());
    const asStaff = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sub}`, headers: staff.headers });
    expect(asStaff.statusCode).toBe(403);
    expect(asStaff.json().code).toBe('tenant_forbidden');
    const asMerchant = await h().app.inject({ method: 'GET', url: `/api/staff/tenants/${m.tenantId}/subscribers`, headers: { ...m.headers, 'x-access-reason': REASON } });
    expect(asMerchant.statusCode).toBe(403);
    expect(asMerchant.json().code).toBe('staff_only');
    const unknown = await h().app.inject({ method: 'GET', url: '/api/staff/tenants/00000000-0000-4000-8000-000000000000/subscribers', headers: { ...staff.headers, 'x-access-reason': REASON } });
    expect(unknown.statusCode).toBe(404);
  });
});
