import { outboxAddressIndex } from '../../src/mail/outbox.ts';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from '../support/harness.ts';
import { inPlatform } from '../../src/db/scope.ts';

export const PASSWORD = 'correct horse battery';

/** A sign-up body for an adult; every call gets a fresh address. */
export const signUpBody = (over: Record<string, unknown> = {}) => ({
  name: 'Nguyễn Thị Lan',
  company: 'Shop Hoa Mai',
  email: `lan-${randomUUID().slice(0, 8)}@hoamai.example`,
  billingAddress: '88 Hoa Mai, P. 2\nQ. Phú Nhuận, TP.HCM',
  password: PASSWORD,
  dateOfBirth: '1990-05-17',
  locale: 'vi',
  ...over,
});

export const post = (h: Harness, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers });

/**
 * Waits until `to` has at least `n` mails in the outbox. Some mails (a new verification link,
 * a privacy-center link) are queued just after the answer, so that timing reveals nothing.
 */
export async function waitForMail(h: Harness, to: string, n = 1): Promise<void> {
  for (let i = 0; i < 200; i++) {
    // Addresses are sealed at rest: the outbox is searched by its blind index, as the app does.
    const [r] = await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE to_bidx = $1', [outboxAddressIndex(h.ctx.keys, to)]);
    if (Number(r!.n) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${n} mails arrived`);
}

/** The last verification token mailed to `email`, read through the dev mailbox as a person would. */
export async function mailedToken(h: Harness, email: string): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(email)}` });
  expect(res.statusCode).toBe(200);
  const mail = res.json().items.find((m: { subject: string; text: string }) => /token=/.test(m.text));
  const m = /token=([A-Za-z0-9_%-]+)/.exec(mail?.text ?? '');
  if (!m) throw new Error('no verification mail');
  return decodeURIComponent(m[1]!);
}

export type Account = { email: string; userId: string; tenantId: string; headers: Record<string, string>; csrf: string; cookie: string };

/** Signs up, verifies, signs in over HTTP; accepts the current policies unless told not to. */
export async function signUpAndSignIn(h: Harness, opts: { accept?: boolean; body?: Record<string, unknown> } = {}): Promise<Account> {
  const body = signUpBody(opts.body);
  expect((await post(h, '/api/auth/sign-up', body)).statusCode).toBe(201);
  expect((await post(h, '/api/auth/verify-email', { token: await mailedToken(h, body.email as string) })).statusCode).toBe(200);
  const res = await post(h, '/api/auth/sign-in', { email: body.email, password: body.password });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'pledge_session')!;
  const userId = res.json().user.id as string;
  const [m] = await h.ctx.db.query<{ tenant_id: string }>('SELECT tenant_id FROM memberships WHERE user_id = $1', [userId]);
  if (opts.accept !== false) await acceptCurrentPolicies(h, userId);
  const csrf = res.json().csrfToken as string;
  const cookieHeader = `pledge_session=${cookie.value}`;
  return { email: body.email as string, userId, tenantId: m!.tenant_id, csrf, cookie: cookieHeader, headers: { cookie: cookieHeader, 'x-csrf-token': csrf } };
}

/** Acceptance belongs to the policy module; these tests only need it done. */
export async function acceptCurrentPolicies(h: Harness, userId: string): Promise<void> {
  await inPlatform(h.ctx.db, (tx) =>
    tx.query(
      `INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method)
       SELECT $1, p.version, p.content_hash, t.version, t.content_hash, 'ui'
         FROM (SELECT * FROM policy_versions WHERE kind = 'privacy' ORDER BY version DESC LIMIT 1) p,
              (SELECT * FROM policy_versions WHERE kind = 'terms' ORDER BY version DESC LIMIT 1) t`,
      [userId],
    ),
  );
}

export const count = async (h: Harness, table: string): Promise<number> =>
  Number((await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
