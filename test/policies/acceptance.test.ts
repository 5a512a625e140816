import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { inPlatform } from '../../src/db/scope.ts';

type AcceptanceDbRow = {
  privacy_version: number; privacy_hash: string; terms_version: number; terms_hash: string; method: string; ip_truncated: string | null;
};

const acceptancesOf = (h: Parameters<typeof createMerchant>[0], userId: string) =>
  h.ctx.db.query<AcceptanceDbRow>(
    'SELECT privacy_version, privacy_hash, terms_version, terms_hash, method, ip_truncated FROM policy_acceptances WHERE user_id = $1',
    [userId],
  );

describeEachStore('policy acceptance', (h) => {
  const accept = (headers: Record<string, string>, body: unknown, remoteAddress = '203.0.113.77') =>
    h().app.inject({ method: 'POST', url: '/api/policies/accept', headers, payload: body as object, remoteAddress });

  it('[C06] every API call before acceptance is refused with policy_acceptance_required; after POST /api/policies/accept it succeeds', async () => {
    const m = await createMerchant(h(), { accept: false });
    const sub = await createSubscriber(h(), m.tenantId);
    for (const url of ['/api/subscribers', `/api/subscribers/${sub}`]) {
      const res = await h().app.inject({ method: 'GET', url, headers: m.headers });
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json(), url).toMatchObject({ code: 'policy_acceptance_required', links: { accept: '/api/policies/accept' } });
    }
    const status = await h().app.inject({ method: 'GET', url: '/api/policies/status', headers: m.headers });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ acceptanceRequired: true, accepted: null, current: { privacy: 1, terms: 1 } });

    const res = await accept(m.headers, { privacyVersion: 1, termsVersion: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ method: 'ui' });
    expect(Date.parse(res.json().acceptedAt)).not.toBeNaN();

    const after = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sub}`, headers: m.headers });
    expect(after.statusCode).toBe(200);
    const status2 = await h().app.inject({ method: 'GET', url: '/api/policies/status', headers: m.headers });
    expect(status2.json()).toMatchObject({ acceptanceRequired: false, accepted: { privacyVersion: 1, termsVersion: 1, method: 'ui' } });
  });

  it('[C06] the acceptance records versions, their content hashes, the method and a truncated IP, never the full IP', async () => {
    const m = await createMerchant(h(), { accept: false });
    expect((await accept(m.headers, { privacyVersion: 1, termsVersion: 1 }, '203.0.113.77')).statusCode).toBe(201);
    const [versions] = [await h().ctx.db.query<{ kind: string; content_hash: string }>('SELECT kind, content_hash FROM policy_versions WHERE version = 1')];
    const hash = (k: string) => versions.find((v) => v.kind === k)!.content_hash;
    const rows = await acceptancesOf(h(), m.userId);
    expect(rows).toEqual([
      { privacy_version: 1, privacy_hash: hash('privacy'), terms_version: 1, terms_hash: hash('terms'), method: 'ui', ip_truncated: '203.0.113.0' },
    ]);
    const raw = JSON.stringify(await h().ctx.db.query('SELECT * FROM policy_acceptances WHERE user_id = $1', [m.userId]));
    expect(raw).not.toContain('203.0.113.77');
    // The audit entry is written with the acceptance, and holds versions and method only.
    const [entry] = await h().ctx.db.query<{ action: string; details: Record<string, unknown> }>(
      "SELECT action, details FROM audit_log WHERE chain = $1 AND action = 'policy.accepted'",
      [m.tenantId],
    );
    expect(entry).toEqual({ action: 'policy.accepted', details: { privacyVersion: 1, termsVersion: 1, method: 'ui' } });
    expect(JSON.stringify(entry)).not.toContain('203.0.113');
  });

  it('[C06] an IPv6 caller is recorded by its /48 network', async () => {
    const m = await createMerchant(h(), { accept: false });
    const res = await accept(m.headers, { privacyVersion: 1, termsVersion: 1 }, '2001:db8:abcd:12:34::1');
    expect(res.statusCode).toBe(201);
    expect(res.json().method).toBe('ui');
    const [row] = await acceptancesOf(h(), m.userId);
    expect(row).toMatchObject({ method: 'ui', ip_truncated: '2001:db8:abcd::' });
  });

  it('[C06] an API key (agent or admin) cannot accept a policy on the owner\'s behalf: 403 acceptance_requires_session, nothing recorded', async () => {
    const m = await createMerchant(h(), { accept: false });
    for (const role of ['agent', 'admin'] as const) {
      const key = await inPlatform(h().ctx.db, (tx) => createApiKey(tx, { tenantId: m.tenantId, userId: m.userId, name: role, role }));
      const headers = { authorization: `Bearer ${key.key}` };
      const res = await accept(headers, { privacyVersion: 1, termsVersion: 1 });
      expect(res.statusCode, role).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 403, code: 'acceptance_requires_session' });
      expect(await acceptancesOf(h(), m.userId)).toEqual([]);
      // The key stays blocked until the person accepts in their own session.
      expect((await h().app.inject({ method: 'GET', url: '/api/subscribers', headers })).json().code).toBe('policy_acceptance_required');
    }
    expect((await accept(m.headers, { privacyVersion: 1, termsVersion: 1 })).statusCode).toBe(201);
  });

  it('[C06] a double click records one acceptance and answers both clicks alike', async () => {
    const m = await createMerchant(h(), { accept: false });
    const [a, b] = await Promise.all([accept(m.headers, { privacyVersion: 1, termsVersion: 1 }), accept(m.headers, { privacyVersion: 1, termsVersion: 1 })]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    const again = await accept(m.headers, { privacyVersion: 1, termsVersion: 1 });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(a.json());
    expect(await acceptancesOf(h(), m.userId)).toHaveLength(1);
    const [n] = await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE chain = $1 AND action = 'policy.accepted'", [m.tenantId]);
    expect(n!.n).toBe(1);
  });

  it('[C06] a version that does not exist is refused with policy_version_unknown and nothing is recorded', async () => {
    const m = await createMerchant(h(), { accept: false });
    const res = await accept(m.headers, { privacyVersion: 7, termsVersion: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'policy_version_unknown', kind: 'privacy', current: 1 });
    expect(await acceptancesOf(h(), m.userId)).toEqual([]);
  });

  it('accept refuses malformed bodies with validation_failed', async () => {
    const m = await createMerchant(h(), { accept: false });
    for (const body of [
      { privacyVersion: 0, termsVersion: 1 },
      { privacyVersion: -1, termsVersion: 1 },
      { privacyVersion: 'abc', termsVersion: 1 },
      { privacyVersion: 1.5, termsVersion: 1 },
      { privacyVersion: 1 },
      { privacyVersion: 1, termsVersion: 1, method: 'api' },
      { privacyVersion: 1, termsVersion: 1, ip: '1.2.3.4' },
    ]) {
      const res = await accept(m.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect(await acceptancesOf(h(), m.userId)).toEqual([]);
  });

  it('accept needs a signed-in customer and, for a cookie session, the CSRF token', async () => {
    const anon = await accept({}, { privacyVersion: 1, termsVersion: 1 });
    expect(anon.statusCode).toBe(401);
    const m = await createMerchant(h(), { accept: false });
    const noCsrf = await accept({ cookie: m.cookie }, { privacyVersion: 1, termsVersion: 1 });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_invalid');
    expect((await h().app.inject({ method: 'GET', url: '/api/policies/status' })).statusCode).toBe(401);
  });
});
