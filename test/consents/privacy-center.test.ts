import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';
import { loadSnapshot } from '../../src/consents/index.ts';
import { decide } from '../../src/domain/gate.ts';
import { createSubscriberWithEmail, publishNotice } from './support.ts';
import { waitForMail } from '../accounts/support.ts';
import { mailTo } from '../sealing/support.ts';

/** The sign-in link of the newest mail to `to`, from the outbox (the dev mailbox). */
async function linkTokenFor(h: Harness, to: string): Promise<string> {
  await waitForMail(h, to);
  const [mail] = await mailTo(h, to);
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no sign-in link mailed');
  return token;
}

describeEachStore('privacy center API', (h) => {
  it('[C22][C34] a subscriber signs in by e-mail link, gives and withdraws a consent, restricts research and lifts it', async () => {
    const m = await createMerchant(h());
    const email = `bich-${randomUUID().slice(0, 8)}@mail.example`;
    const sub = await createSubscriberWithEmail(h(), m.tenantId, email);
    const notice = await publishNotice(h(), m, { purposes: ['contact'], marketing: true });

    // Unknown addresses get the same answer and no mail.
    const stranger = `x-${randomUUID().slice(0, 8)}@mail.example`;
    const none = await h().app.inject({ method: 'POST', url: `/api/privacy-center/${m.tenantId}/sign-in`, payload: { email: stranger } });
    expect([none.statusCode, none.json()]).toEqual([202, { status: 'link_sent' }]);
    expect(await mailTo(h(), stranger)).toHaveLength(0);

    const ask = await h().app.inject({ method: 'POST', url: `/api/privacy-center/${m.tenantId}/sign-in`, payload: { email: email.toUpperCase(), lang: 'en' } });
    expect(ask.statusCode).toBe(202);
    const token = await linkTokenFor(h(), email.toUpperCase());
    const s = await h().app.inject({ method: 'POST', url: '/api/privacy-center/session', payload: { token } });
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ signedIn: true, as: 'subject', subjectType: 'subscriber', tenantId: m.tenantId });
    const cookie = String(s.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': s.json().csrfToken as string };
    expect((await h().app.inject({ method: 'POST', url: '/api/privacy-center/session', payload: { token } })).json().code).toBe('token_used');

    // Nothing is given until the person acts: the offered notice is there, no consent is.
    const empty = (await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/consents', headers: { cookie } })).json();
    expect(empty.current).toEqual([]);
    expect(empty.notices.map((n: { id: string }) => n.id)).toContain(notice.id);

    // Writes need the session's CSRF token.
    const noCsrf = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers: { cookie }, payload: { purpose: 'contact', given: true, noticeId: notice.id } });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf_invalid']);

    const give = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers, payload: { purpose: 'contact', given: true, noticeId: notice.id } });
    expect(give.statusCode, give.body).toBe(201);
    expect(give.json()).toMatchObject({ given: true, method: 'checkbox', recordedBy: { type: 'subject', id: sub } });
    const withdraw = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers, payload: { purpose: 'contact', given: false } });
    expect(withdraw.statusCode).toBe(201);
    const again = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers, payload: { purpose: 'contact', given: false } });
    expect(again.json().code).toBe('consent_not_found');

    const r = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/restrictions', headers, payload: { kind: 'restriction', purpose: 'research' } });
    expect(r.statusCode).toBe(201);
    const subject = { tenantId: m.tenantId, type: 'subscriber' as const, id: sub };
    const researchAsk = { feature: 'analytics.collect' as const, subject: { type: 'subscriber' as const, id: sub, tenantId: m.tenantId }, purpose: 'research', categories: ['user.device'], at: Date.now() };
    expect(decide(await inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, subject)), researchAsk)).toMatchObject({ code: 'processing_restricted' });

    const state = (await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/consents', headers: { cookie } })).json();
    expect(state.history.map((c: { given: boolean }) => c.given)).toEqual([false, true]);
    expect(state.restrictions).toHaveLength(1);
    expect(state.notices.find((n: { id: string }) => n.id === notice.id).wording).toContain('Zalo');

    const lift = await h().app.inject({ method: 'POST', url: `/api/privacy-center/me/restrictions/${r.json().id}/lift`, headers });
    expect(lift.statusCode).toBe(200);
    expect(lift.json()).toMatchObject({ active: false, lifted: { by: 'subject' } });

    // Another subject of the same shop cannot touch it, and sign-out ends the session.
    const out = await h().app.inject({ method: 'POST', url: '/api/privacy-center/sign-out', headers });
    expect(out.statusCode).toBe(204);
    expect((await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/consents', headers: { cookie } })).statusCode).toBe(401);
  });

  it('[C34] a subject cannot lift another subject\'s restriction', async () => {
    const m = await createMerchant(h());
    const [e1, e2] = [`a-${randomUUID().slice(0, 8)}@mail.example`, `b-${randomUUID().slice(0, 8)}@mail.example`];
    await createSubscriberWithEmail(h(), m.tenantId, e1);
    await createSubscriberWithEmail(h(), m.tenantId, e2);
    const sessions = [];
    for (const e of [e1, e2]) {
      await h().app.inject({ method: 'POST', url: `/api/privacy-center/${m.tenantId}/sign-in`, payload: { email: e } });
      const s = await h().app.inject({ method: 'POST', url: '/api/privacy-center/session', payload: { token: await linkTokenFor(h(), e) } });
      sessions.push({ cookie: String(s.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': s.json().csrfToken as string });
    }
    const r = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/restrictions', headers: sessions[0]!, payload: { kind: 'objection' } });
    expect(r.statusCode).toBe(201);
    const other = await h().app.inject({ method: 'POST', url: `/api/privacy-center/me/restrictions/${r.json().id}/lift`, headers: sessions[1]! });
    expect([other.statusCode, other.json().code]).toEqual([403, 'restriction_lift_not_allowed']);
    // A CSRF token of one session does not work with another session's cookie.
    const mixed = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/restrictions', headers: { cookie: sessions[1]!.cookie, 'x-csrf-token': sessions[0]!['x-csrf-token'] }, payload: { kind: 'objection' } });
    expect(mixed.json().code).toBe('csrf_invalid');
  });

  it('[C21][C22] a signed-in Customer sees and gives their own consents to ECOMKEY, which the gate then honours', async () => {
    const m = await createMerchant(h());
    const me = (await h().app.inject({ method: 'GET', url: '/api/privacy-center/me', headers: m.headers })).json();
    expect(me).toMatchObject({ signedIn: true, as: 'customer', subjectType: 'customer' });
    const state = (await h().app.inject({ method: 'GET', url: '/api/privacy-center/me/consents', headers: m.headers })).json();
    const research = state.notices.find((n: { purposes: string[]; lang: string; owner: string }) => n.purposes.includes('research') && n.lang === 'vi');
    expect(research).toMatchObject({ owner: 'platform' });

    const subject = { tenantId: m.tenantId, type: 'customer' as const, id: m.userId };
    const ask = (at: number) => ({ feature: 'analytics.collect' as const, subject: { type: 'customer' as const, id: m.userId, tenantId: m.tenantId }, purpose: 'research', categories: ['user.device'], at });
    const snap = () => inTenant(h().ctx.db, m.tenantId, (tx) => loadSnapshot(tx, subject));
    expect(decide(await snap(), ask(Date.now()))).toMatchObject({ allow: false, code: 'customer_scope_limited', clause: 'C21' });
    // The contract of the accepted Terms covers the communication-related purposes.
    expect(decide(await snap(), { ...ask(Date.now()), feature: 'messaging.broadcast', purpose: 'communicate', categories: ['user.name'] })).toMatchObject({ allow: true, basis: 'contract' });

    const give = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers: m.headers, payload: { purpose: 'research', given: true, noticeId: research.id } });
    expect(give.statusCode, give.body).toBe(201);
    expect(decide(await snap(), ask(Date.now() + 1))).toMatchObject({ allow: true, basis: 'consent' });
    // A merchant's own tenant notice is not ECOMKEY's: it cannot carry a Customer's consent.
    const tenantNotice = await publishNotice(h(), m, { purposes: ['research'] });
    const wrong = await h().app.inject({ method: 'POST', url: '/api/privacy-center/me/consents', headers: m.headers, payload: { purpose: 'research', given: true, noticeId: tenantNotice.id } });
    expect(wrong.statusCode).toBe(404);
    expect((await h().app.inject({ method: 'GET', url: '/api/privacy-center/me' })).json()).toEqual({ signedIn: false });
  });
  it('[C22] a subject\'s Idempotency-Key and the merchant\'s are separate spaces: the same key records for both, each replays its own', async () => {
    const m = await createMerchant(h());
    const email = `idem-${randomUUID().slice(0, 8)}@mail.example`;
    const sub = await createSubscriberWithEmail(h(), m.tenantId, email);
    const other = await createSubscriberWithEmail(h(), m.tenantId, `o-${randomUUID().slice(0, 8)}@mail.example`);
    const notice = await publishNotice(h(), m, { purposes: ['contact'] });
    await h().app.inject({ method: 'POST', url: `/api/privacy-center/${m.tenantId}/sign-in`, payload: { email } });
    const s = await h().app.inject({ method: 'POST', url: '/api/privacy-center/session', payload: { token: await linkTokenFor(h(), email) } });
    const subject = { cookie: String(s.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': s.json().csrfToken as string };
    const key = `k-${randomUUID()}`;

    const mine = await h().app.inject({
      method: 'POST', url: '/api/privacy-center/me/consents', headers: { ...subject, 'idempotency-key': key }, payload: { purpose: 'contact', given: true, noticeId: notice.id },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const merchant = await h().app.inject({
      method: 'POST', url: `/api/subjects/subscriber/${other}/consents`, headers: { ...m.headers, 'idempotency-key': key },
      payload: { purpose: 'contact', given: true, noticeId: notice.id, method: 'api', evidence: 'crm import' },
    });
    expect(merchant.statusCode, merchant.body).toBe(201);
    expect(merchant.headers['idempotent-replayed']).toBeUndefined();
    expect(merchant.json().subject).toEqual({ type: 'subscriber', id: other });
    // Each retry replays its own answer.
    const retry = await h().app.inject({
      method: 'POST', url: '/api/privacy-center/me/consents', headers: { ...subject, 'idempotency-key': key }, payload: { purpose: 'contact', given: true, noticeId: notice.id },
    });
    expect([retry.statusCode, retry.headers['idempotent-replayed'], retry.json().id]).toEqual([201, 'true', mine.json().id]);
    expect(mine.json().subject).toEqual({ type: 'subscriber', id: sub });
  });
});
