import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { outboxAddressIndex } from '../../src/mail/outbox.ts';
import { userEmailIndex } from '../../src/accounts/users.ts';
import { SUBJECT_TABLES } from '../../src/domain/subject-map.ts';
import { processorFor } from '../../src/payments/index.ts';
import type { SandboxProcessor } from '../../src/payments/sandbox.ts';
import { registerPaymentProcessor } from '../support/factories.ts';
import { rawTables } from '../support/raw-tables.ts';
import { describeEachStore } from '../support/harness.ts';
import { PASSWORD, post, signUpAndSignIn, signUpBody } from './support.ts';


describeEachStore('closing a Customer account (C30)', (h) => {
  it('[C30] closing erases everything of the person and their shop\'s contacts, keeps only what a retention ground needs with its end date, and tells them what was kept', async () => {
    const tag = randomUUID().slice(0, 6);
    const v = { name: `Lê Thị Hồng ${tag}`, company: `Tiệm Hồng ${tag}`, address: `3 Hàng Bạc ${tag}, Hà Nội`, subName: `Khách Hàng ${tag}`, subPhone: '0913 222 333', subEmail: `khach-${tag}@mail.example` };
    const a = await signUpAndSignIn(h(), { body: signUpBody({ name: v.name, company: v.company, billingAddress: v.address }) });
    // What a Customer leaves behind: a Subscriber with a note, a paid plan, a question and a post.
    const sub = await post(h(), '/api/subscribers', { channel: 'zalo', externalId: `zalo-${tag}`, displayName: v.subName, phone: v.subPhone, email: v.subEmail, source: 'channel:zalo', legalBasis: 'consent' }, a.headers);
    expect(sub.statusCode, sub.body).toBe(201);
    expect((await post(h(), `/api/subscribers/${sub.json().id as string}/notes`, { text: `Thích hoa hồng ${tag}` }, a.headers)).statusCode).toBe(201);
    await registerPaymentProcessor(h());
    const card = (processorFor(h().ctx.config) as SandboxProcessor).tokenize({ number: '9704 0000 0000 0018', expMonth: 12, expYear: 2030, cvc: '123' });
    expect((await post(h(), '/api/billing/upgrade', { plan: 'paid', phone: '+84 903 444 555', physicalAddress: v.address, paymentToken: card.token, last4: card.last4, brand: card.brand }, a.headers)).statusCode).toBe(200);
    expect((await post(h(), '/api/inquiries', { email: a.email, subject: 'Hoá đơn', message: `Tôi là ${v.name}`, lang: 'vi' }, a.headers)).statusCode).toBe(201);
    expect((await post(h(), '/api/community/posts', { kind: 'compliment', username: `hong_${tag}`, city: 'Hà Nội', body: 'Bot rất tốt' }, a.headers)).statusCode).toBe(201);

    // A wrong password closes nothing.
    const wrong = await post(h(), '/api/me/close', { password: 'not my password at all' }, a.headers);
    expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'password_incorrect']);

    const res = await post(h(), '/api/me/close', { password: PASSWORD }, a.headers);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect([c.shopsClosed, c.contactsErased]).toEqual([1, 1]);
    // Invoices stay 10 years (Accounting Law), proof of the contract and of consent 3; each with its ground and end.
    const kept = new Map(c.retained.map((r: { table: string; ground: string; until: string }) => [r.table, r]));
    expect(kept.get('billing_profiles')).toMatchObject({ ground: expect.stringMatching(/Accounting Law 88\/2015/) });
    expect(new Date((kept.get('billing_profiles') as { until: string }).until).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 10);
    expect(kept.get('policy_acceptances')).toMatchObject({ ground: expect.stringMatching(/Civil Code/) });
    for (const r of c.retained) expect(SUBJECT_TABLES.find((t) => t.table === r.table)?.erase.action, r.table).toBe('retain');

    // Raw, as the database owner: none of their values, nor their address's pseudonyms, anywhere.
    const raw = await rawTables(h());
    const values = [a.email, v.name, v.company, v.address, v.subName, v.subEmail, `zalo-${tag}`, `Thích hoa hồng ${tag}`, `hong_${tag}`, `Tôi là ${v.name}`,
      userEmailIndex(h().ctx.keys, a.email)];
    for (const [table, text] of raw) for (const value of values) expect(text.includes(value), `${table} still holds ${value}`).toBe(false);
    // Their id remains only where a retention ground keeps a row, on the emptied account row, and as the actor of audit entries.
    const retainedTables = new Set([...kept.keys(), 'users', 'audit_log']);
    for (const [table, text] of raw) if (text.includes(a.userId) && table !== 'outbox') expect(retainedTables.has(table), `${table} still references the closed account`).toBe(true);
    // The one mail left for them is the list of what was kept, written after the erasure.
    const left = await h().ctx.db.query<{ kind: string }>('SELECT kind FROM outbox WHERE recipient_id = $1', [a.userId]);
    expect(left.map((m) => m.kind)).toEqual(['account_closed']);

    // The session is gone, and the person is told what was kept.
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers })).statusCode).toBe(401);
    const mailbox = (await h().app.inject({ method: 'GET', url: `/api/dev/mailbox?to=${encodeURIComponent(a.email)}` })).json().items;
    expect(mailbox.map((m: { text: string }) => m.text).join('\n')).toMatch(/billing_profiles \(1\): Invoices[^\n]*đến \d{4}-\d{2}-\d{2}/);
    const [mail] = await h().ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE kind = 'account_closed' AND to_bidx = $1", [outboxAddressIndex(h().ctx.keys, a.email)]);
    expect(mail!.n).toBe(1);
  }, 60_000);
});

describeEachStore('closing an account from the profile page, without JavaScript (C30)', (h) => {
  it('[C30] a wrong password is refused on the page; the right one closes the account and the sign-in page says so', async () => {
    const a = await signUpAndSignIn(h());
    const page = await h().app.inject({ method: 'GET', url: '/profile?lang=en', headers: { cookie: a.cookie } });
    expect(page.body).toContain('id="close-form"');
    const csrf = /id="close-form"[^]*?name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const form = (password: string) => h().app.inject({ method: 'POST', url: '/profile/close', headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, password }).toString() });
    const wrong = await form('not the password');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('Mật khẩu không đúng.');
    const closed = await form(PASSWORD);
    expect([closed.statusCode, closed.headers.location]).toEqual([303, '/signin?closed=1']);
    expect((await h().app.inject({ method: 'GET', url: '/signin?closed=1&lang=en' })).body).toContain('Your account is closed');
    expect((await h().app.inject({ method: 'GET', url: '/api/me', headers: a.headers })).statusCode).toBe(401);
  });
});
