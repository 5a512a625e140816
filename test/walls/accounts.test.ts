import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { post, signUpAndSignIn, signUpBody, waitForMail, PASSWORD } from '../accounts/support.ts';
import { mailTo } from '../sealing/support.ts';
import { createSubscriberWithEmail } from '../consents/support.ts';

const signIn = (h: Harness, email: string, password: string, url = '/api/auth/sign-in') => post(h, url, { email, password });

describeEachStore('walls: accounts cannot be guessed or enumerated', (h) => {
  it('after 5 failed sign-ins an account is backed off: 429 too_many_attempts with Retry-After, even with the right password', async () => {
    const a = await signUpAndSignIn(h());
    for (let i = 0; i < 5; i++) expect((await signIn(h(), a.email, `wrong-${i}-password`)).json().code).toBe('invalid_credentials');
    const blocked = await signIn(h(), a.email.toUpperCase(), PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.json()).toMatchObject({ status: 429, code: 'too_many_attempts' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body).not.toContain(a.email);
    // Another account on the same IP is not affected; the backoff is per account.
    const b = await signUpAndSignIn(h());
    expect((await signIn(h(), b.email, PASSWORD)).statusCode).toBe(200);
    // The table holds HMACs only, never an address.
    expect(JSON.stringify(h().ctx.caches.signIn.heldKeys())).not.toMatch(/@|hoamai/);
  });

  it('an unknown address backs off exactly like a known one, so a 429 tells nothing; staff sign-in backs off too', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}@example.com`;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await signIn(h(), ghost, 'not the password')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    await createStaff(h());
    const staffAnswers = [];
    for (let i = 0; i < 6; i++) staffAnswers.push((await signIn(h(), 'po-ghost@ecomkey.example', 'not the password', '/api/staff/auth/sign-in')).statusCode);
    expect(staffAnswers).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a successful sign-in clears the count', async () => {
    const a = await signUpAndSignIn(h());
    for (let i = 0; i < 4; i++) await signIn(h(), a.email, 'wrong password!');
    expect((await signIn(h(), a.email, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await signIn(h(), a.email, 'wrong password!');
    expect((await signIn(h(), a.email, PASSWORD)).statusCode).toBe(200);
  });

  it('[C23] sign-up answers a registered address exactly like a new one, and the owner is mailed instead', async () => {
    const a = await signUpAndSignIn(h());
    const fresh = await post(h(), '/api/auth/sign-up', signUpBody());
    const taken = await post(h(), '/api/auth/sign-up', signUpBody({ email: a.email }));
    expect([taken.statusCode, taken.headers['content-type'], taken.body]).toEqual([fresh.statusCode, fresh.headers['content-type'], fresh.body]);
    await waitForMail(h(), a.email, 2);
    const [mail] = await mailTo(h(), a.email, 'sign_up_attempt');
    expect(mail!.raw.kind).toBe('sign_up_attempt');
  });

  it('[C10][C23] privacy-center sign-in and resend-verification answer a known and an unknown address alike; the known one gets its mail', async () => {
    const m = await createMerchant(h());
    const known = `known-${randomUUID().slice(0, 8)}@mail.example`;
    await createSubscriberWithEmail(h(), m.tenantId, known);
    const url = `/api/privacy-center/${m.tenantId}/sign-in`;
    const [k, u] = [await post(h(), url, { email: known }), await post(h(), url, { email: `nobody-${randomUUID().slice(0, 8)}@mail.example` })];
    expect([k.statusCode, k.body]).toEqual([u.statusCode, u.body]);
    expect(k.statusCode).toBe(202);
    await waitForMail(h(), known);

    const pending = signUpBody();
    expect((await post(h(), '/api/auth/sign-up', pending)).statusCode).toBe(201);
    const [rk, ru] = [
      await post(h(), '/api/auth/resend-verification', { email: pending.email }),
      await post(h(), '/api/auth/resend-verification', { email: `nobody-${randomUUID().slice(0, 8)}@mail.example` }),
    ];
    expect([rk.statusCode, rk.body]).toEqual([ru.statusCode, ru.body]);
    expect(rk.statusCode).toBe(202);
    await waitForMail(h(), pending.email as string, 2);
  });
});
