import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { count, post, signUpBody } from './support.ts';
import { purgeSentMinorNotices } from '../../src/accounts/minor-notices.ts';
import { findTenantName } from '../../src/accounts/tenants.ts';
import { keyringFor } from '../../src/crypto/envelope.ts';
import { outboxAddressIndex } from '../../src/mail/outbox.ts';
import { mailTo, openedUser, rawUserByEmail } from '../sealing/support.ts';

describeEachStore('sign-up', (h) => {
  it('[C17] free sign-up stores no payment data', async () => {
    const body = signUpBody();
    const res = await post(h(), '/api/auth/sign-up', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    const u = await rawUserByEmail(h(), body.email);
    expect(u).toMatchObject({ locale: 'vi', email_verified_at: null });
    // Stored sealed (C07), opening to what was typed.
    expect(openedUser(h(), u!)).toMatchObject({ email: body.email, name: body.name, company: body.company, billingAddress: body.billingAddress });
    // Exactly the registration fields and account bookkeeping: no column for anything about payment.
    expect(Object.keys(u!).filter((k) => k !== 'wrapped_key').sort()).toEqual(
      ['adult_confirmed_at', 'billing_address', 'closed_at', 'company', 'created_at', 'email', 'email_bidx', 'email_verified_at', 'id', 'locale', 'name', 'password_hash', 'updated_at'],
    );
    expect(String(u!.password_hash)).toMatch(/^scrypt\$/);
    expect(String(u!.password_hash)).not.toContain(body.password);
    const [t] = await h().ctx.db.query<{ id: string; plan: string; role: string }>(
      'SELECT t.id, t.plan, m.role FROM tenants t JOIN memberships m ON m.tenant_id = t.id WHERE m.user_id = $1',
      [u!.id],
    );
    expect(t).toMatchObject({ plan: 'free', role: 'owner' });
    expect(await findTenantName(h().ctx.db, keyringFor(h().ctx.config), t!.id)).toBe(body.company);
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
    const [mail] = await mailTo(h(), body.email);
    expect(mail).toMatchObject({ raw: { kind: 'parental_consent_notice' }, to: body.email });
    for (const v of [body.name, body.company, body.billingAddress, sixteen]) expect(mail!.text + mail!.subject).not.toContain(v);
    // The audit entry says a notice went out, and nothing about whom.
    const audit = await h().ctx.db.query('SELECT * FROM audit_log WHERE action = $1', ['signup.parental_consent_notice']);
    expect(JSON.stringify(audit)).not.toContain(body.email as string);
    expect(h().logs.lines.join('\n')).not.toContain(body.email as string);
  });

  it('[C38] once the parental-consent notice is sent, the minor\'s address is deleted too', async () => {
    const body = signUpBody({ dateOfBirth: '2015-06-01' });
    expect((await post(h(), '/api/auth/sign-up', body)).statusCode).toBe(202);
    await purgeSentMinorNotices(h().ctx); // not sent yet: kept, so it can be sent
    expect(await mailTo(h(), body.email)).toHaveLength(1);
    await h().ctx.db.query('UPDATE outbox SET sent_at = now(), attempts = 1 WHERE to_bidx = $1', [outboxAddressIndex(h().ctx.keys, body.email)]);
    expect(await purgeSentMinorNotices(h().ctx)).toBeGreaterThanOrEqual(1);
    expect(await mailTo(h(), body.email)).toEqual([]);
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
    const mails = (await mailTo(h(), body.email as string)).reverse();
    expect(mails.map((m) => m.raw.kind)).toEqual(['verify_email', 'sign_up_attempt']);
    expect(mails[1]!.subject).toBe('Someone tried to sign up for Pledge with your address');
    expect(mails[1]!.text).not.toContain('token=');
  });

  it('two sign-ups racing with one e-mail create one account; both get the same answer and the owner is told of the other', async () => {
    const body = signUpBody();
    const tenantsBefore = await count(h(), 'tenants');
    const results = await Promise.all([post(h(), '/api/auth/sign-up', body), post(h(), '/api/auth/sign-up', body)]);
    expect(results.map((r) => [r.statusCode, r.json()])).toEqual([[201, { status: 'verification_sent' }], [201, { status: 'verification_sent' }]]);
    expect(await count(h(), 'tenants')).toBe(tenantsBefore + 1);
    const kinds = (await mailTo(h(), body.email as string)).map((m) => m.raw.kind).sort();
    expect(kinds).toEqual(['sign_up_attempt', 'verify_email']);
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
    const u = await rawUserByEmail(h(), body.email);
    expect(openedUser(h(), u!)).toMatchObject({ name: evil, company: "x' OR '1'='1" });
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
