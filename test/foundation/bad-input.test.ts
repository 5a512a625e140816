import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, type Merchant } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';

const valid = { channel: 'zalo', displayName: 'Trần Thị Bích', phone: '0912345678', source: 'channel:zalo', legalBasis: 'consent' };

async function countSubscribers(h: Harness, m: Merchant): Promise<number> {
  const [r] = await inTenant(h.ctx.db, m.tenantId, (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM subscribers'));
  return r!.n;
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string): void {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body) as { code: string; status: number };
  expect(body).toMatchObject({ code, status });
  // Never a stack trace or an internal path.
  expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describeEachStore('bad input at the HTTP boundary', (h) => {
  const post = (m: Merchant, payload: string | Buffer, headers: Record<string, string> = {}) =>
    h().app.inject({ method: 'POST', url: '/api/subscribers', payload, headers: { ...m.headers, 'content-type': 'application/json', ...headers } });

  it('malformed JSON gets malformed_json and writes nothing', async () => {
    const m = await createMerchant(h());
    expectProblem(await post(m, '{"channel": "zalo",'), 400, 'malformed_json');
    expect(await countSubscribers(h(), m)).toBe(0);
  });

  it('invalid UTF-8 gets invalid_utf8 rather than silently mangled text', async () => {
    const m = await createMerchant(h());
    const bytes = Buffer.concat([Buffer.from('{"channel":"zalo","displayName":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","source":"x","legalBasis":"consent"}')]);
    expectProblem(await post(m, bytes), 400, 'invalid_utf8');
    expect(await countSubscribers(h(), m)).toBe(0);
  });

  it('an oversize body gets body_too_large', async () => {
    const m = await createMerchant(h());
    expectProblem(await post(m, JSON.stringify({ ...valid, displayName: 'x'.repeat(400_000) })), 413, 'body_too_large');
  });

  it('unknown fields and wrong types get validation_failed naming the field, not echoing the value', async () => {
    const m = await createMerchant(h());
    const unknown = await post(m, JSON.stringify({ ...valid, cardNumber: '4111111111111111' }));
    expectProblem(unknown, 400, 'validation_failed');
    expect(unknown.body).not.toContain('4111111111111111');
    const wrongType = await post(m, JSON.stringify({ ...valid, displayName: 42 }));
    expectProblem(wrongType, 400, 'validation_failed');
    expect(wrongType.json().issues[0].path).toBe('displayName');
    expect(await countSubscribers(h(), m)).toBe(0);
  });

  it('a missing legal basis is refused', async () => {
    const m = await createMerchant(h());
    const { legalBasis: _omit, ...noBasis } = valid;
    expectProblem(await post(m, JSON.stringify(noBasis)), 400, 'validation_failed');
  });

  it('SQL-injection strings are stored as text and touch nothing else', async () => {
    const m = await createMerchant(h());
    const evil = "Robert'); DROP TABLE subscribers; --";
    const res = await post(m, JSON.stringify({ ...valid, displayName: evil }));
    expect(res.statusCode).toBe(201);
    const got = await h().app.inject({ method: 'GET', url: `/api/subscribers/${res.json().id}`, headers: m.headers });
    expect(got.json().displayName).toBe(evil);
    expectProblem(await h().app.inject({ method: 'GET', url: "/api/subscribers/1' OR '1'='1", headers: m.headers }), 400, 'validation_failed');
  });

  it('a wrong or missing CSRF token on a cookie session gets csrf_invalid and writes nothing', async () => {
    const m = await createMerchant(h());
    expectProblem(await post(m, JSON.stringify(valid), { 'x-csrf-token': 'forged' }), 403, 'csrf_invalid');
    const { 'x-csrf-token': _drop, ...noCsrf } = m.headers;
    const res = await h().app.inject({ method: 'POST', url: '/api/subscribers', payload: valid, headers: noCsrf });
    expectProblem(res, 403, 'csrf_invalid');
    expect(await countSubscribers(h(), m)).toBe(0);
  });

  it('a body that is not JSON gets unsupported_media_type', async () => {
    const m = await createMerchant(h());
    expectProblem(await post(m, 'channel=zalo', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('no session gets unauthenticated; an unknown route gets route_not_found', async () => {
    expectProblem(await h().app.inject({ method: 'GET', url: '/api/subscribers' }), 401, 'unauthenticated');
    expectProblem(await h().app.inject({ method: 'GET', url: '/nowhere' }), 404, 'route_not_found');
  });

  it('a crash mid-request leaves no half-written row and no personal value in the logs', async () => {
    const m = await createMerchant(h());
    // Make the audit write (the last step of the transaction) fail after the row was inserted.
    await h().ctx.db.exec(`
      CREATE OR REPLACE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'subscriber.created' THEN RAISE EXCEPTION 'boom for %', NEW.target_id; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit();`);
    try {
      const res = await post(m, JSON.stringify({ ...valid, displayName: 'Lý Thị Độc Nhất' }));
      expectProblem(res, 500, 'internal_error');
      expect(res.body).not.toContain('boom');
      expect(await countSubscribers(h(), m)).toBe(0);
      const logs = h().logs.lines.join('\n');
      expect(logs).toContain('unhandled error');
      expect(logs).not.toContain('Lý Thị Độc Nhất');
      expect(logs).not.toContain('0912345678');
    } finally {
      await h().ctx.db.exec('DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit();');
    }
  });
});
