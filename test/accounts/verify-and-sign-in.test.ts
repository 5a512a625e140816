import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { rawUserByEmail } from '../sealing/support.ts';
import { hashToken } from '../../src/crypto/keys.ts';
import { count, mailedToken, post, signUpAndSignIn, signUpBody, waitForMail } from './support.ts';

describeEachStore('e-mail verification and sign-in', (h) => {
  it('[C17] a new account is verified through the mailed link, then signs in without any payment step', async () => {
    const body = signUpBody({ locale: 'en' });
    await post(h(), '/api/auth/sign-up', body);
    const early = await post(h(), '/api/auth/sign-in', { email: body.email, password: body.password });
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('email_unverified');

    const token = await mailedToken(h(), body.email as string);
    // Only the token's hash is in the database.
    expect(await h().ctx.db.query('SELECT 1 FROM email_tokens WHERE token_hash = $1', [token])).toEqual([]);
    expect(await h().ctx.db.query('SELECT 1 FROM email_tokens WHERE token_hash = $1', [hashToken(token)])).toHaveLength(1);
    const verified = await post(h(), '/api/auth/verify-email', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ status: 'verified' });

    const res = await post(h(), '/api/auth/sign-in', { email: (body.email as string).toUpperCase(), password: body.password });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email: body.email, name: body.name, locale: 'en' }, acceptanceRequired: true });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const cookie = res.cookies.find((c) => c.name === 'pledge_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  });

  it('a used, an unknown and an expired token each get their own code, and change nothing', async () => {
    const body = signUpBody();
    await post(h(), '/api/auth/sign-up', body);
    const token = await mailedToken(h(), body.email as string);
    expect((await post(h(), '/api/auth/verify-email', { token })).statusCode).toBe(200);
    const reused = await post(h(), '/api/auth/verify-email', { token });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('token_used');

    const unknown = await post(h(), '/api/auth/verify-email', { token: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('token_invalid');

    const other = signUpBody();
    await post(h(), '/api/auth/sign-up', other);
    const stale = await mailedToken(h(), other.email as string);
    await h().ctx.db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [hashToken(stale)]);
    const expired = await post(h(), '/api/auth/verify-email', { token: stale });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('token_expired');
    const u = await rawUserByEmail(h(), other.email);
    expect(u!.email_verified_at).toBeNull();
  });

  it('an expired link loses nothing: a new one can be asked for, and it supersedes the old', async () => {
    const body = signUpBody();
    await post(h(), '/api/auth/sign-up', body);
    const first = await mailedToken(h(), body.email as string);
    const resent = await post(h(), '/api/auth/resend-verification', { email: body.email });
    expect(resent.statusCode).toBe(202);
    await waitForMail(h(), body.email as string, 2);
    const second = await mailedToken(h(), body.email as string);
    expect(second).not.toBe(first);
    expect((await post(h(), '/api/auth/verify-email', { token: first })).json().code).toBe('token_expired');
    expect((await post(h(), '/api/auth/verify-email', { token: second })).statusCode).toBe(200);
  });

  it('asking to resend for an address with no account answers the same and sends nothing', async () => {
    const before = await count(h(), 'outbox');
    const res = await post(h(), '/api/auth/resend-verification', { email: 'nobody-here@example.com' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    expect(await count(h(), 'outbox')).toBe(before);
  });

  it('a wrong password and an unknown address get the same invalid_credentials answer', async () => {
    const a = await signUpAndSignIn(h());
    const wrong = await post(h(), '/api/auth/sign-in', { email: a.email, password: 'not the password' });
    const unknown = await post(h(), '/api/auth/sign-in', { email: 'ghost@example.com', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.cookies).toEqual([]);
  });

  it('GET /api/auth/session tells the client who it is and the CSRF token to send', async () => {
    const anon = await h().app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anon.json()).toEqual({ signedIn: false });
    const a = await signUpAndSignIn(h(), { accept: false });
    const res = await h().app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      signedIn: true, realm: 'customer', via: 'session', csrfToken: a.csrf, acceptanceRequired: true,
      user: { id: a.userId, email: a.email, role: 'owner', tenantId: a.tenantId },
    });
  });

  it('a wrong or missing CSRF token on a cookie session is refused with csrf_invalid and writes nothing', async () => {
    const a = await signUpAndSignIn(h());
    for (const headers of [{ cookie: a.cookie }, { cookie: a.cookie, 'x-csrf-token': 'forged' }, { cookie: a.cookie, 'x-csrf-token': a.csrf.slice(0, -2) + 'xx' }]) {
      const res = await h().app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { name: 'Forged Name' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_invalid');
    }
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers })).json().name).not.toBe('Forged Name');
    // A token from another session is wrong too.
    const b = await signUpAndSignIn(h());
    const crossed = await h().app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: a.cookie, 'x-csrf-token': b.csrf }, payload: { name: 'Forged Name' } });
    expect(crossed.json().code).toBe('csrf_invalid');
  });

  it('sign-out ends the session on the server, not only in the browser', async () => {
    const a = await signUpAndSignIn(h());
    const out = await h().app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: a.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'pledge_session')?.value).toBe('');
    const after = await h().app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('[C06] a freshly signed-in account is refused with policy_acceptance_required until it accepts', async () => {
    const a = await signUpAndSignIn(h(), { accept: false });
    const res = await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('policy_acceptance_required');
  });
});
