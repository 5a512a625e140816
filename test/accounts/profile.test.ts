import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { verifyAuditLog } from '../../src/audit/log.ts';
import { shredSubjectKey } from '../../src/subjects/keys.ts';
import { inPlatform } from '../../src/db/scope.ts';
import { count, signUpAndSignIn } from './support.ts';

const patch = (h: () => Harness, headers: Record<string, string>, payload: unknown) =>
  h().app.inject({ method: 'PATCH', url: '/api/me', headers, payload: payload as object });

describeEachStore('profile', (h) => {
  it('[C32] a signed-in user reviews and changes their registration data', async () => {
    const a = await signUpAndSignIn(h(), { body: { name: 'Nguyễn Thị Lan', company: 'Shop Hoa Mai' } });
    const me = await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: a.userId, email: a.email, name: 'Nguyễn Thị Lan', company: 'Shop Hoa Mai', billingAddress: '88 Hoa Mai, P. 2\nQ. Phú Nhuận, TP.HCM',
      locale: 'vi', role: 'owner', tenantId: a.tenantId, tenantName: 'Shop Hoa Mai',
    });
    const res = await patch(h, a.headers, { name: 'Nguyễn Thị Lan Anh', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Nguyễn Thị Lan Anh', locale: 'en', company: 'Shop Hoa Mai' });
    const [audit] = await h().ctx.db.query<{ tenant_id: string; actor_id: string; details: { fields: string[] } }>(
      `SELECT tenant_id, actor_id, details FROM audit_log WHERE action = 'user.profile_updated' AND target_id = $1`,
      [a.userId],
    );
    expect(audit).toMatchObject({ tenant_id: a.tenantId, actor_id: a.userId, details: { fields: ['name', 'locale'] } });
  });

  it('[C16] the live row holds only the current value; past values live in the audit log, sealed', async () => {
    const a = await signUpAndSignIn(h(), { body: { company: 'Tiệm Cũ' } });
    await patch(h, a.headers, { company: 'Tiệm Mới' });
    await patch(h, a.headers, { company: 'Tiệm Mới Hơn', billingAddress: '12 Đường Mới' });
    const [u] = await h().ctx.db.query<Record<string, unknown>>('SELECT * FROM users WHERE id = $1', [a.userId]);
    expect(JSON.stringify(u)).not.toContain('Tiệm Cũ');
    expect(u!.company).toMatch(/^v1\./);
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers })).json()).toMatchObject({ company: 'Tiệm Mới Hơn', tenantName: 'Tiệm Mới Hơn' });
    // The audit chain holds ciphertext: no past or present value in clear.
    const raw = JSON.stringify(await h().ctx.db.query('SELECT * FROM audit_log WHERE target_id = $1', [a.userId]));
    for (const v of ['Tiệm Cũ', 'Tiệm Mới', '12 Đường Mới', 'Hoa Mai']) expect(raw).not.toContain(v);

    const res = await h().app.inject({ method: 'GET', url: '/api/me/history', headers: a.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([
      { changedBy: 'user', fields: ['company', 'billingAddress'], changes: [
        { field: 'company', from: 'Tiệm Mới', to: 'Tiệm Mới Hơn' },
        { field: 'billingAddress', from: '88 Hoa Mai, P. 2\nQ. Phú Nhuận, TP.HCM', to: '12 Đường Mới' },
      ] },
      { changedBy: 'user', fields: ['company'], changes: [{ field: 'company', from: 'Tiệm Cũ', to: 'Tiệm Mới' }] },
    ]);
    expect((await verifyAuditLog(h().ctx.db, h().ctx.keys.audit)).problems).toEqual([]);
  });

  it('[C16] shredding the user\'s key leaves the audit chain intact and the old values unreadable', async () => {
    const a = await signUpAndSignIn(h());
    await patch(h, a.headers, { name: 'Tên Mới' });
    await inPlatform(h().ctx.db, (tx) => shredSubjectKey(tx, { type: 'customer', id: a.userId }));
    const res = await h().app.inject({ method: 'GET', url: '/api/me/history', headers: a.headers });
    expect(res.json().items).toEqual([{ changedAt: expect.any(String), changedBy: 'user', fields: ['name'], changes: null }]);
    expect((await verifyAuditLog(h().ctx.db, h().ctx.keys.audit)).problems).toEqual([]);
  });

  it('[C32] the e-mail, unknown fields and empty or invalid edits are refused and change nothing', async () => {
    const a = await signUpAndSignIn(h());
    const entries = await count(h(), 'audit_log');
    for (const body of [{ email: 'new@example.com' }, { role: 'owner' }, {}, { name: '' }, { name: 'a'.repeat(201) }, { locale: 'de' }, { name: ['x'] }]) {
      const res = await patch(h, a.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    // Sending the current values is not a change: nothing to record.
    const same = await patch(h, a.headers, { locale: 'vi' });
    expect(same.statusCode).toBe(200);
    expect(await count(h(), 'audit_log')).toBe(entries);
  });

  it('[C32] an API key reads the profile but cannot change it', async () => {
    const a = await signUpAndSignIn(h());
    const created = await h().app.inject({ method: 'POST', url: '/api/api-keys', headers: a.headers, payload: { name: 'server', role: 'admin' } });
    const bearer = { authorization: `Bearer ${created.json().key}` };
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: bearer })).json().id).toBe(a.userId);
    const res = await patch(h, bearer, { name: 'Changed by a server' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('session_required');
  });

  it('[C16] past values never reach the application log', async () => {
    const a = await signUpAndSignIn(h(), { body: { company: 'Bí Mật Cũ' } });
    await patch(h, a.headers, { company: 'Bí Mật Mới' });
    await h().app.inject({ method: 'GET', url: '/api/me/history', headers: a.headers });
    const logs = h().logs.lines.join('\n');
    expect(logs).not.toContain('Bí Mật');
    expect(logs).not.toContain(a.email);
  });
});
