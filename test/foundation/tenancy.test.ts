import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';

describeEachStore('tenancy wall', (h) => {
  it('[C10] a tenant query that forgets its tenant filter still sees none of another tenant\'s rows', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const aSub = await createSubscriber(h(), a.tenantId, 'Khách của A');
    const bSub = await createSubscriber(h(), b.tenantId, 'Khách của B');
    // Deliberately no WHERE tenant_id: row-level security is the wall (names are sealed: compare ids).
    const seenByA = await inTenant(h().ctx.db, a.tenantId, (tx) => tx.query<{ id: string; tenant_id: string }>('SELECT id, tenant_id FROM subscribers'));
    expect(seenByA.map((r) => r.id)).toEqual([aSub]);
    const byId = await inTenant(h().ctx.db, a.tenantId, (tx) => tx.query('SELECT * FROM subscribers WHERE id = $1', [bSub]));
    expect(byId).toEqual([]);
  });

  it('[C10] a tenant transaction cannot write a row into another tenant', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    await expect(
      inTenant(h().ctx.db, a.tenantId, (tx) =>
        tx.query(`INSERT INTO subscribers (tenant_id, channel, display_name, source, legal_basis) VALUES ($1, 'zalo', 'x', 'api', 'consent')`, [b.tenantId]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('[C29] another merchant\'s subscriber id answers 404 through the API, not its data', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const bSub = await createSubscriber(h(), b.tenantId);
    const res = await h().app.inject({ method: 'GET', url: `/api/subscribers/${bSub}`, headers: a.headers });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_found');
    const own = await h().app.inject({ method: 'GET', url: `/api/subscribers/${bSub}`, headers: b.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(bSub);
  });

  it('health names the store kind and schema version', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', store: h().kind });
    expect(res.json().schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('[C06] an account that has not accepted the current policies is refused with policy_acceptance_required', async () => {
    const m = await createMerchant(h(), { accept: false });
    const sub = await createSubscriber(h(), m.tenantId);
    const res = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sub}`, headers: m.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'policy_acceptance_required', links: { page: '/accept' } });
  });

  it('[C06] calling a route that needs no acceptance does not let the account past the acceptance check', async () => {
    const m = await createMerchant(h(), { accept: false });
    const sub = await createSubscriber(h(), m.tenantId);
    const exempt = await h().app.inject({ method: 'GET', url: '/api/policies/status', headers: m.headers });
    expect(exempt.statusCode).toBe(200);
    const res = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sub}`, headers: m.headers });
    expect(res.json().code).toBe('policy_acceptance_required');
  });
});

