import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';
import { routeTable } from '../../src/http/app.ts';

describeEachStore('walls: what the server answers around the routes', (h) => {
  it('/docs may not be framed by another site: CSP frame-ancestors \'none\' and X-Frame-Options DENY', async () => {
    for (const url of ['/docs', '/docs/', '/docs/static/swagger-initializer.js']) {
      const res = await h().app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('a 5,000-character path parameter answers our problem+json without echoing the path', async () => {
    const long = 'a'.repeat(5000);
    for (const url of [`/api/subscribers/${long}`, `/api/policies/${long}/current`, `/privacy-center/${long}`]) {
      const res = await h().app.inject({ method: 'GET', url });
      expect(res.statusCode, url.slice(0, 30)).toBe(414);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 414, code: 'path_too_long' });
      expect(res.body).not.toContain('aaaaaaaa');
    }
  });

  it('an unknown route answers route_not_found without echoing the path it was asked for', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/nowhere/lan@hoamai.example' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
    expect(res.body).not.toContain('hoamai');
  });

  it('[C23] every /api/ answer, success or error, is Cache-Control: no-store, except the published policy texts', async () => {
    const m = await createMerchant(h());
    const gets = routeTable(h().app).filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':'));
    expect(gets.length).toBeGreaterThan(5);
    for (const r of gets) {
      const res = await h().app.inject({ method: 'GET', url: r.url, headers: m.headers });
      const expected = r.url.startsWith('/api/policies') && r.url !== '/api/policies/status' || r.url === '/api/site-notice' ? 'public, max-age=300' : 'no-store';
      expect(res.headers['cache-control'], `${r.url} ${res.statusCode}`).toBe(expected);
    }
    const error = await h().app.inject({ method: 'GET', url: '/api/subscribers' });
    expect(error.statusCode).toBe(401);
    expect(error.headers['cache-control']).toBe('no-store');
    expect((await h().app.inject({ method: 'GET', url: '/api/policies/privacy/current' })).headers['cache-control']).toBe('public, max-age=300');
  });
});
