import { expect, it } from 'vitest';
import { restrictProcessing } from '../../src/consents/index.ts';
import { inTenant } from '../../src/db/scope.ts';
import { routeTable } from '../../src/http/app.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff, createSubscriber } from '../support/factories.ts';

describeEachStore('pages go through the route pipeline', (h) => {
  const get = (url: string, headers: Record<string, string> = {}) => h().app.inject({ method: 'GET', url, headers });

  it('a signed-out visitor of a signed-in page is sent to sign-in and back, in the same language', async () => {
    for (const path of ['/console/subjects', '/console/processors', '/profile', '/accept', '/privacy-center']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location, path).toBe(`/signin?next=${encodeURIComponent(path)}`);
    }
    expect((await get('/console/disclosures?lang=en')).headers.location).toBe(`/signin?next=${encodeURIComponent('/console/disclosures?lang=en')}&lang=en`);
    const signin = await get('/signin?next=%2Fconsole%2Fdisclosures%3Flang%3Den&lang=en');
    expect(signin.body).toContain('data-next="/console/disclosures?lang=en"');
    expect(signin.headers['content-language']).toBe('en');
  });

  it('[C06] a merchant who has not accepted the policies is sent to accept them before the console or the profile', async () => {
    const m = await createMerchant(h(), { accept: false });
    for (const path of ['/console/subjects', '/profile']) {
      const res = await get(path, { cookie: m.cookie });
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location, path).toBe('/accept');
    }
    expect((await get('/accept', { cookie: m.cookie })).statusCode).toBe(200);
  });

  it('staff are sent to sign in as a merchant for the merchant console, and merchants to the staff sign-in for the officer console', async () => {
    const officer = await createStaff(h(), 'privacy_officer');
    const support = await createStaff(h(), 'support');
    const m = await createMerchant(h());
    expect((await get('/console/subjects', officer.headers)).headers.location).toBe(`/signin?next=${encodeURIComponent('/console/subjects')}`);
    expect((await get('/staff', { cookie: m.cookie })).headers.location).toBe(`/staff/signin?next=${encodeURIComponent('/staff')}`);
    expect((await get('/staff', support.headers)).headers.location).toBe(`/staff/signin?next=${encodeURIComponent('/staff')}`);
    expect((await get('/staff', officer.headers)).statusCode).toBe(200);
    expect((await get('/console/subjects', { cookie: m.cookie })).statusCode).toBe(200);
  });

  it('[C34] a subject\'s page admits that one subject like the consent API: restricted or not it shows, another shop\'s is not found', async () => {
    const m = await createMerchant(h());
    const other = await createMerchant(h());
    const id = await createSubscriber(h(), m.tenantId, 'Lê Văn C');
    await inTenant(h().ctx.db, m.tenantId, (tx) =>
      restrictProcessing({ tx, auditKey: h().ctx.keys.audit }, { type: 'subject', id: null }, { subject: { tenantId: m.tenantId, type: 'subscriber', id }, purpose: 'provide_service' }),
    );
    const own = await get(`/console/subjects/subscriber/${id}`, { cookie: m.cookie });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Lê Văn C');
    for (const path of [`/console/subjects/subscriber/${id}`, '/console/subjects/subscriber/not-a-uuid', `/console/subjects/staff/${id}`, '/console/consents/not-a-uuid/proof']) {
      const res = await get(path, { cookie: other.cookie });
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).not.toContain('Lê Văn C');
    }
  });

  it('every page that is not public sends a signed-out visitor to a sign-in page, never a problem+json', async () => {
    const pages = routeTable(h().app).filter((r) => r.method === 'GET' && !r.url.startsWith('/api/') && !r.url.startsWith('/docs') && r.access !== undefined && r.access !== 'public' && r.access !== 'any');
    expect(pages.length).toBeGreaterThanOrEqual(9);
    for (const r of pages) {
      const path = r.url.replace(':type', 'subscriber').replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await get(path);
      expect(res.statusCode, r.url).toBe(303);
      expect(res.headers.location, r.url).toMatch(/^\/(staff\/)?signin\?next=/);
    }
  });
});
