import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { routeTable, type RouteEntry } from '../../src/http/app.ts';

// Every registered route is probed, not a sample: a route added later is covered the day it lands.

type AnyZod = z.ZodType & { shape?: Record<string, AnyZod>; unwrap?: () => AnyZod; format?: string };
const shapeOf = (s: unknown): Record<string, AnyZod> => ((s as AnyZod | undefined)?.shape ?? {});
const fill = (url: string, value: (name: string) => string) => url.replace(/:(\w+)/g, (_m, name: string) => value(name));
const b64 = (s: string) => Buffer.from(s).toString('base64url');

async function principals(h: Harness) {
  const merchant = await createMerchant(h);
  const staff = await createStaff(h);
  return {
    headersFor: (r: RouteEntry) => (r.access === 'staff' ? { ...staff.headers, 'x-access-reason': 'walls probe' } : merchant.headers),
    /** Real ids where a route needs an existing tenant; a fresh uuid elsewhere. */
    idFor: (name: string) => (name === 'tenantId' ? merchant.tenantId : randomUUID()),
  };
}

/** Routes a client can call with input: under /api/, not the HEAD twins Fastify adds. */
const inputRoutes = (h: Harness) => routeTable(h.app).filter((r) => r.method !== 'HEAD' && !r.url.includes('*') && r.schema);

function expectBadRequest(res: { statusCode: number; headers: Record<string, unknown>; json: () => { code?: string } }, code: string, label: string) {
  expect(res.statusCode, label).toBe(400);
  expect(String(res.headers['content-type']), label).toContain('application/problem+json');
  expect(res.json().code, label).toBe(code);
}

describeEachStore('walls: bad input on every route is a 400, never a 500', (h) => {
  it('a crafted paging cursor on every paged list answers 400 cursor_invalid', async () => {
    const { headersFor, idFor } = await principals(h());
    const paged = inputRoutes(h()).filter((r) => 'cursor' in shapeOf(r.schema?.querystring));
    expect(paged.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/subscribers', '/api/disclosures']));
    const uuid = randomUUID();
    const crafted = [
      b64(`1|${'-'.repeat(36)}`), // a "date" and a "uuid" the old check let through to the database
      b64(`2026-13-45T00:00:00.000Z|${uuid}`),
      b64(`0000-01-01T00:00:00.000Z|${uuid}`),
      b64(`2026-01-01T00:00:00.000Z|${uuid}|extra`),
      b64(`2026-01-01T00:00:00.000Z|${'g'.repeat(8)}-0000-0000-0000-000000000000`),
      'AAAA', // base64url of three zero bytes
      'notacursor',
    ];
    for (const r of paged) {
      for (const cursor of crafted) {
        const url = `${fill(r.url, idFor)}?cursor=${encodeURIComponent(cursor)}`;
        expectBadRequest(await h().app.inject({ method: r.method as 'GET', url, headers: headersFor(r) }), 'cursor_invalid', `${r.url} ${cursor}`);
      }
    }
  });

  it('a NUL character in any path parameter, query parameter or body field of any route answers 400 invalid_character', async () => {
    const { headersFor, idFor } = await principals(h());
    let probed = 0;
    for (const r of inputRoutes(h())) {
      const label = `${r.method} ${r.url}`;
      const params = Object.keys(shapeOf(r.schema?.params));
      const query = Object.keys(shapeOf(r.schema?.querystring));
      const body = Object.keys(shapeOf(r.schema?.body));
      const ok = fill(r.url, idFor);
      if (params.length) {
        const url = fill(r.url, (name) => (name === params[0] ? 'a%00b' : idFor(name)));
        expectBadRequest(await h().app.inject({ method: r.method as 'GET', url, headers: headersFor(r), ...(body.length ? { payload: {} } : {}) }), 'invalid_character', `${label} params`);
        probed++;
      }
      for (const q of query) {
        expectBadRequest(await h().app.inject({ method: r.method as 'GET', url: `${ok}?${q}=a%00b`, headers: headersFor(r) }), 'invalid_character', `${label} ?${q}`);
        probed++;
      }
      for (const f of body) {
        expectBadRequest(await h().app.inject({ method: r.method as 'POST', url: ok, headers: headersFor(r), payload: { [f]: 'a\u0000b' } }), 'invalid_character', `${label} .${f}`);
        expectBadRequest(await h().app.inject({ method: r.method as 'POST', url: ok, headers: headersFor(r), payload: { [f]: ['x', { deep: 'a\u0000b' }] } }), 'invalid_character', `${label} .${f} nested`);
        probed++;
      }
    }
    expect(probed).toBeGreaterThan(30);
  });

  it('a date or instant in year 0000 in any body is refused by the schema, naming the field', async () => {
    const { headersFor, idFor } = await principals(h());
    const unwrap = (s: AnyZod): AnyZod => (s.unwrap ? unwrap(s.unwrap()) : s);
    let probed = 0;
    for (const r of inputRoutes(h())) {
      for (const [field, s] of Object.entries(shapeOf(r.schema?.body))) {
        const format = unwrap(s).format;
        if (format !== 'date' && format !== 'datetime') continue;
        const value = format === 'date' ? '0000-01-01' : '0000-01-01T00:00:00Z';
        const res = await h().app.inject({ method: r.method as 'POST', url: fill(r.url, idFor), headers: headersFor(r), payload: { [field]: value } });
        expectBadRequest(res, 'validation_failed', `${r.url} .${field}`);
        expect(res.json().issues.map((i: { path: string }) => i.path), `${r.url} .${field}`).toContain(field);
        probed++;
      }
    }
    // Agreements (signedAt, effectiveFrom, expiresAt), disclosures (disclosedAt), sign-up (dateOfBirth).
    expect(probed).toBeGreaterThanOrEqual(5);
  });
});
