import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { count, post, signUpBody } from './support.ts';
import { purgeSentMinorNotices } from '../../src/accounts/minor-notices.ts';

describeEachStore('sign-up', (h) => {
  it('[C17] free sign-up stores no payment data', async () => {
    const body = signUpBody();
    const res = await post(h(), '/api/auth/sign-up', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    const [u] = await h().ctx.db.query<Record<string, unknown>>('SELECT * FROM users WHERE email = $1', [body.email]);
    expect(u).toMatchObject({ name: body.name, company: body.company, billing_address: body.billingAddress, locale: 'vi', email_verified_at: null });
    // Exactly the registration fields and account bookkeeping: no column for anything about payment.
    expect(Object.keys(u!).sort()).toEqual(
      ['adult_confirmed_at', 'billing_address', 'closed_at', 'company', 'created_at', 'email', 'email_verified_at', 'id', 'locale', 'name', 'password_hash', 'updated_at'],
    );
    expect(String(u!.password_hash)).toMatch(/^scrypt\$/);
    expect(String(u!.password_hash)).not.toContain(body.password);
    const [t] = await h().ctx.db.query<{ plan: string; name: string; role: string }>(
      'SELECT t.plan, t.name, m.role FROM tenants t JOIN memberships m ON m.tenant_id = t.id WHERE m.user_id = $1',
      [u!.id],
    );
    expect(t).toEqual({ plan: 'free', name: body.company, role: 'owner' });
  });

  it('[C17] a sign-up carrying card data is refused whole and stores nothing', async () => {
    const before = await count(h(), 'users');
    const res = await post(h(), '/api/auth/sign-up', { ...signUpBody(), cardNumber: '4111111111111111' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation_failed');
    expect(res.body).not.toContain('4111111111111111');
    expect(await count(h(), 'users')).toBe(before);
  });

  it('[C17] registration requires name, company, e-mail and billing address', async () => {
    for (const field of ['name', 'company', 'email', 'billingAddress']) {
      const body: Record<string, unknown> = signUpBody();
      delete body[field];
      const res = await post(h(), '/api/auth/sign-up', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it('[C38] an under-18 sign-up leaves no account row, only the parental-consent notice', async () => {
    const tables = ['users', 'tenants', 'memberships', 'email_tokens', 'sessions', 'subject_keys'];
    const before = await Promise.all(tables.map((t) => count(h(), t)));
    const outboxBefore = await count(h(), 'outbox');
    const today = new Date();
    const sixteen = `${today.getUTCFullYear() - 16}-01-15`;
    const body = signUpBody({ dateOfBirth: sixteen, name: 'Bé Tí', company: 'Tiệm Của Tí', billingAddress: '1 Ngõ Nhỏ' });
    const res = await post(h(), '/api/auth/sign-up', body);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'parental_consent_required' });
    expect(await Promise.all(tables.map((t) => count(h(), t)))).toEqual(before);
    // One mail, to the address given, naming none of what else was typed.
    expect(await count(h(), 'outbox')).toBe(outboxBefore + 1);
    const [mail] = await h().ctx.db.query<{ kind: string; to_address: string; body_text: string; subject: string }>(
      'SELECT kind, to_address, subject, body_text FROM outbox ORDER BY id DESC LIMIT 1',
    );
    expect(mail).toMatchObject({ kind: 'parental_consent_notice', to_address: body.email });
    for (const v of [body.name, body.company, body.billingAddress, sixteen]) expect(mail!.body_text + mail!.subject).not.toContain(v);
    // The audit entry says a notice went out, and nothing about whom.
    const audit = await h().ctx.db.query('SELECT * FROM audit_log WHERE action = $1', ['signup.parental_consent_notice']);
    expect(JSON.stringify(audit)).not.toContain(body.email as string);
    expect(h().logs.lines.join('\n')).not.toContain(body.email as string);
  });

  it('[C38] once the parental-consent notice is sent, the minor\'s address is deleted too', async () => {
    const body = signUpBody({ dateOfBirth: '2015-06-01' });
    expect((await post(h(), '/api/auth/sign-up', body)).statusCode).toBe(202);
    await purgeSentMinorNotices(h().ctx.db); // not sent yet: kept, so it can be sent
    expect(await h().ctx.db.query('SELECT 1 FROM outbox WHERE to_address = $1', [body.email])).toHaveLength(1);
    await h().ctx.db.query('UPDATE outbox SET sent_at = now(), attempts = 1 WHERE to_address = $1', [body.email]);
    expect(await purgeSentMinorNotices(h().ctx.db)).toBeGreaterThanOrEqual(1);
    expect(await h().ctx.db.query('SELECT 1 FROM outbox WHERE to_address = $1', [body.email])).toEqual([]);
  });

  it('[C38] the 18th birthday is the first day an account can be made', async () => {
    const now = new Date(Date.now() + 7 * 3600_000); // the calendar day in Vietnam
    const y = now.getUTCFullYear() - 18;
    const md = now.toISOString().slice(4, 10);
    if (md !== '-02-29') {
      const turnsToday = await post(h(), '/api/auth/sign-up', signUpBody({ dateOfBirth: `${y}${md}` }));
      expect(turnsToday.statusCode).toBe(201);
    }
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString();
    // Skip the edge where tomorrow's month-day does not exist 18 years earlier (29 February).
    if (tomorrow.slice(4, 10) !== '-02-29') {
      const turnsTomorrow = await post(h(), '/api/auth/sign-up', signUpBody({ dateOfBirth: `${Number(tomorrow.slice(0, 4)) - 18}${tomorrow.slice(4, 10)}` }));
      expect(turnsTomorrow.statusCode).toBe(202);
    }
  });

  it('a second sign-up with a registered e-mail, in any letter case, answers exactly like a new one, creates nothing and mails the owner', async () => {
    const body = signUpBody({ locale: 'en' });
    const first = await post(h(), '/api/auth/sign-up', body);
    expect(first.statusCode).toBe(201);
    const before = await Promise.all(['users', 'tenants', 'email_tokens'].map((t) => count(h(), t)));
    const again = await post(h(), '/api/auth/sign-up', signUpBody({ email: (body.email as string).toUpperCase(), locale: 'vi' }));
    // Nobody can tell from the answer that the address has an account.
    expect([again.statusCode, again.json()]).toEqual([first.statusCode, first.json()]);
    expect(await Promise.all(['users', 'tenants', 'email_tokens'].map((t) => count(h(), t)))).toEqual(before);
    // The owner hears of it, in their own language, through the outbox.
    const mails = await h().ctx.db.query<{ kind: string; subject: string; body_text: string }>(
      'SELECT kind, subject, body_text FROM outbox WHERE lower(to_address) = $1 ORDER BY id', [body.email],
    );
    expect(mails.map((m) => m.kind)).toEqual(['verify_email', 'sign_up_attempt']);
    expect(mails[1]!.subject).toBe('Someone tried to sign up for Pledge with your address');
    expect(mails[1]!.body_text).not.toContain('token=');
  });

  it('two sign-ups racing with one e-mail create one account; both get the same answer and the owner is told of the other', async () => {
    const body = signUpBody();
    const tenantsBefore = await count(h(), 'tenants');
    const results = await Promise.all([post(h(), '/api/auth/sign-up', body), post(h(), '/api/auth/sign-up', body)]);
    expect(results.map((r) => [r.statusCode, r.json()])).toEqual([[201, { status: 'verification_sent' }], [201, { status: 'verification_sent' }]]);
    expect(await count(h(), 'tenants')).toBe(tenantsBefore + 1);
    const kinds = await h().ctx.db.query<{ kind: string }>('SELECT kind FROM outbox WHERE to_address = $1 ORDER BY kind', [body.email]);
    expect(kinds.map((k) => k.kind)).toEqual(['sign_up_attempt', 'verify_email']);
  });

  it('a common password is refused with password_too_common and nothing is created', async () => {
    const before = await count(h(), 'users');
    for (const password of ['password123', 'Qwertyuiop', '1234567890', 'iloveyou123', 'matkhau123']) {
      const res = await post(h(), '/api/auth/sign-up', signUpBody({ password }));
      expect(res.statusCode, password).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'password_too_common' });
      expect(res.body).not.toContain(password);
    }
    expect(await count(h(), 'users')).toBe(before);
  });

  it('wrong types, bad dates, control characters and unpaired surrogates are refused with validation_failed', async () => {
    const before = await count(h(), 'users');
    const bad: Array<Record<string, unknown>> = [
      { name: 42 },
      { dateOfBirth: '2001-02-30' },
      { dateOfBirth: '17/05/1990' },
      { dateOfBirth: '2999-01-01' },
      { password: 'short' },
      { email: 'not-an-address' },
      { locale: 'fr' },
      { company: 'Shop\tHoa' },
      { name: 'Lan \ud800' },
      { billingAddress: '   ' },
    ];
    for (const over of bad) {
      const res = await post(h(), '/api/auth/sign-up', signUpBody(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect(await count(h(), 'users')).toBe(before);
  });

  it('SQL-injection text is stored as plain text, never run', async () => {
    const evil = "Robert'); DROP TABLE users; --";
    const body = signUpBody({ name: evil, company: "x' OR '1'='1" });
    expect((await post(h(), '/api/auth/sign-up', body)).statusCode).toBe(201);
    const [u] = await h().ctx.db.query<{ name: string; company: string }>('SELECT name, company FROM users WHERE email = $1', [body.email]);
    expect(u).toEqual({ name: evil, company: "x' OR '1'='1" });
  });

  it('malformed JSON and invalid UTF-8 get problem+json and create nothing', async () => {
    const before = await count(h(), 'users');
    const malformed = await h().app.inject({ method: 'POST', url: '/api/auth/sign-up', headers: { 'content-type': 'application/json' }, payload: '{"name": "Lan",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');
    const bytes = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const invalid = await h().app.inject({ method: 'POST', url: '/api/auth/sign-up', headers: { 'content-type': 'application/json' }, payload: bytes });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('invalid_utf8');
    expect(await count(h(), 'users')).toBe(before);
  });

  it('an oversize body is refused with body_too_large before anything is read', async () => {
    const before = await count(h(), 'users');
    const res = await post(h(), '/api/auth/sign-up', signUpBody({ billingAddress: 'x'.repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('body_too_large');
    expect(await count(h(), 'users')).toBe(before);
  });

  it('no personal value of a sign-up reaches the application log', async () => {
    const body = signUpBody();
    await post(h(), '/api/auth/sign-up', body);
    await post(h(), '/api/auth/sign-up', body); // the refused duplicate, too
    const logs = h().logs.lines.join('\n');
    for (const v of [body.email, body.name, body.billingAddress, body.password, body.dateOfBirth]) expect(logs).not.toContain(v as string);
  });
});
