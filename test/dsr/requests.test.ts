import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRequest } from '../../src/dsr/requests.ts';
import { signRequest } from '../../src/dsr/meta.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { bootHarness, testStores, type Harness } from '../support/harness.ts';
import { runJob } from '../support/jobs.ts';
import { get, mailedLink, post, subscriberWithEmail } from './support.ts';

const META_SECRET = randomBytes(24).toString('hex');
const DAY = 86_400_000;
// PostgreSQL where the suite has it: the workflow's SQL is the same on both stores (map tests run both).
const store = testStores().at(-1)!;

describe(`subject requests: intake, lifecycle and deadlines (${store})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await bootHarness(store, { META_APP_SECRET: META_SECRET });
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.ctx.db.close();
  });

  it('[C11][C33] a Subscriber\'s request through the bot lands in that merchant\'s inbox with its due date; a repeat while open is linked, not run twice', async () => {
    const m = await createMerchant(h);
    const other = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    // What the channels' bot handler calls when a Subscriber writes "xóa dữ liệu của tôi".
    const viaBot = () => inTenant(h.ctx.db, m.tenantId, (tx) => fileRequest(tx, { auditKey: h.ctx.keys.audit }, {
      tenantId: m.tenantId, subject: { type: 'subscriber', id: s.id }, kind: 'erasure', source: 'channel', evidenceRef: 'zalo:msg:8812731',
      actor: { type: 'system', id: null }, verified: true,
    }));
    const first = await viaBot();
    expect(first.request.state).toBe('verified');
    const again = await viaBot();
    expect(again.duplicateOf).toBe(first.request.id);
    expect(again.request.state).toBe('canceled');

    const inbox = await get(h, '/api/requests', m.headers);
    expect(inbox.statusCode, inbox.body).toBe(200);
    const item = inbox.json().items.find((i: { id: string }) => i.id === first.request.id);
    expect(item).toMatchObject({ kind: 'erasure', state: 'verified', receivedVia: 'bot', dueRule: 'vn.91.erasure', overdue: false });
    // The stricter wins: the law's 20 days, not the policy's 30.
    expect(new Date(item.dueAt).getTime() - new Date(item.confirmedAt).getTime()).toBe(20 * DAY);
    expect(item.timeLeftSeconds).toBeGreaterThan(19 * 86_400);
    expect(inbox.json().items.find((i: { id: string }) => i.id === again.request.id)).toMatchObject({ duplicateOf: first.request.id, state: 'canceled' });

    const detail = await get(h, `/api/requests/${first.request.id}`, m.headers);
    expect(detail.json().events.map((e: { to: string }) => e.to)).toEqual(['received', 'verified']);
    expect(detail.json().citation).toMatch(/Law 91\/2025/);
    expect(detail.json().found).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'subscribers', rows: 1, categories: expect.arrayContaining(['user.name']) })]));
    // Counts, never values.
    expect(detail.body).not.toContain(s.name);
    expect(detail.body).not.toContain(s.email);
    // Another shop sees nothing of it.
    expect((await get(h, `/api/requests/${first.request.id}`, other.headers)).statusCode).toBe(404);
    expect((await get(h, '/api/requests', other.headers)).json().items).toEqual([]);
  });

  it('[C33] a visitor\'s form request waits unverified until the e-mailed link confirms it; the clock starts at confirmation; a reused or bogus link is refused', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const form = await post(h, `/api/privacy-center/${m.tenantId}/requests`, { email: s.email, kind: 'erasure', lang: 'en' });
    expect(form.statusCode, form.body).toBe(202);
    // Someone not on the list gets the same answer, and nothing is filed.
    expect((await post(h, `/api/privacy-center/${m.tenantId}/requests`, { email: 'nobody@mail.example', kind: 'erasure' })).json()).toEqual(form.json());
    const token = await mailedLink(h, s.email, 'request_confirmation', /token=([A-Za-z0-9_%-]+)/);
    const before = (await get(h, '/api/requests', m.headers)).json().items;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ state: 'identity_unverified', dueAt: null, receivedVia: 'web_form' });
    expect(before[0].ackDueAt).not.toBeNull();

    const ok = await post(h, '/api/privacy-center/requests/confirm', { token });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('verified');
    const after = (await get(h, `/api/requests/${ok.json().requestId}`, m.headers)).json();
    expect(new Date(after.dueAt).getTime() - new Date(after.confirmedAt).getTime()).toBe(20 * DAY);
    expect(after.events.map((e: { to: string; code: string }) => `${e.to}:${e.code}`)).toEqual(['received:web_form', 'identity_unverified:confirmation_mailed', 'verified:email_confirmed']);

    const reused = await post(h, '/api/privacy-center/requests/confirm', { token });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('token_used');
    const bogus = await post(h, '/api/privacy-center/requests/confirm', { token: 'x'.repeat(43) });
    expect(bogus.json().code).toBe('token_invalid');
    // An expired link: its request stays unverified.
    await post(h, `/api/privacy-center/${m.tenantId}/requests`, { email: s.email, kind: 'access' });
    const late = await mailedLink(h, s.email, 'request_confirmation', /token=([A-Za-z0-9_%-]+)/, 2);
    await h.ctx.db.query("UPDATE subject_request_confirmations SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
    const expired = await post(h, '/api/privacy-center/requests/confirm', { token: late });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('token_expired');
    // The status page follows it by its code, naming no one.
    const status = await get(h, `/api/privacy-center/requests/status/${ok.json().statusCode}`);
    expect(status.json().items).toEqual([expect.objectContaining({ kind: 'erasure', state: 'verified' })]);
    // Mail and audit hold no address in clear.
    const audit = await h.ctx.db.query("SELECT details FROM audit_log WHERE action LIKE 'request.%'");
    expect(JSON.stringify(audit)).not.toContain(s.email);
    expect(h.logs.lines.join('\n')).not.toContain(s.email);
  });

  it('[C33] Meta\'s signed deletion callback files an erasure for the Messenger Subscriber and answers a status URL and code; forged and expired requests are refused', async () => {
    const m = await createMerchant(h);
    const psid = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const s = await subscriberWithEmail(h, m, { channel: 'messenger', externalId: psid, source: 'channel:messenger' });
    const now = Math.floor(Date.now() / 1000);
    const send = (signed: string) => h.app.inject({ method: 'POST', url: '/api/meta/data-deletion', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `signed_request=${encodeURIComponent(signed)}` });
    const res = await send(signRequest({ user_id: psid, algorithm: 'HMAC-SHA256', issued_at: now, expires: now + 3600 }, META_SECRET));
    expect(res.statusCode, res.body).toBe(200);
    const { url, confirmation_code } = res.json();
    expect(url).toBe(`${h.ctx.config.publicUrl}/privacy-center/requests/status/${confirmation_code}`);
    const items = (await get(h, '/api/requests', m.headers)).json().items;
    expect(items).toEqual([expect.objectContaining({ kind: 'erasure', state: 'verified', receivedVia: 'meta_callback', subject: { type: 'subscriber', id: s.id } })]);
    const page = await get(h, `/privacy-center/requests/status/${confirmation_code}?lang=vi`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã xác minh');
    expect((await get(h, `/privacy-center/requests/status/${confirmation_code}?lang=en`)).body).toContain('Verified');

    const forged = await send(signRequest({ user_id: psid, algorithm: 'HMAC-SHA256', issued_at: now }, 'not-the-app-secret-at-all'));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('signed_request_invalid');
    const expired = await send(signRequest({ user_id: psid, algorithm: 'HMAC-SHA256', issued_at: now - 7200, expires: now - 3600 }, META_SECRET));
    expect(expired.json().code).toBe('signed_request_expired');
    const [sig, body] = signRequest({ user_id: psid, algorithm: 'HMAC-SHA256', issued_at: now }, META_SECRET).split('.');
    const tampered = await send(`${sig}.${Buffer.from(JSON.stringify({ user_id: '1', algorithm: 'HMAC-SHA256', issued_at: now })).toString('base64url')}`);
    expect(tampered.json().code).toBe('signed_request_invalid');
    expect(body).toBeTruthy();
    expect((await get(h, '/api/requests', m.headers)).json().items).toHaveLength(1);
  });

  it('[C33] the merchant enters a phoned-in request with its evidence, denies another with a reason from the list, extends once; every move is shown', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'access', receivedVia: 'phone', evidenceRef: 'call:2026-12-02#14', identityVerified: false }, m.headers);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().request.id;
    expect(filed.json().request.state).toBe('identity_unverified');
    const verified = await post(h, `/api/requests/${id}/verify`, {}, m.headers);
    expect(verified.json().state).toBe('verified');
    const ext = await post(h, `/api/requests/${id}/extend`, { reason: 'complexity' }, m.headers);
    expect(ext.statusCode, ext.body).toBe(200);
    expect(new Date(ext.json().dueAt).getTime() - new Date(ext.json().confirmedAt).getTime()).toBe(20 * DAY);
    expect((await post(h, `/api/requests/${id}/extend`, { reason: 'complexity' }, m.headers)).json().code).toBe('extension_not_allowed');
    expect((await post(h, `/api/requests/${id}/deny`, { reason: 'because' }, m.headers)).statusCode).toBe(400);
    const denied = await post(h, `/api/requests/${id}/deny`, { reason: 'manifestly_unfounded' }, m.headers);
    expect(denied.json()).toMatchObject({ state: 'denied', denyReason: 'manifestly_unfounded' });
    expect((await post(h, `/api/requests/${id}/fulfil`, {}, m.headers)).json().code).toBe('request_state_invalid');
    expect(denied.json().events.map((e: { to: string }) => e.to)).toEqual(['received', 'identity_unverified', 'verified', 'verified', 'denied']);
    // Another shop's Subscriber cannot be named.
    const other = await createMerchant(h);
    expect((await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'access', receivedVia: 'phone', evidenceRef: 'call:1', identityVerified: true }, other.headers)).statusCode).toBe(404);
  });

  it('[C33] the deadline job raises alerts before and at the due date; overdue requests are listed for the merchant and for staff', async () => {
    const m = await createMerchant(h);
    const s = await subscriberWithEmail(h, m);
    const filed = await post(h, '/api/requests', { subject: { type: 'subscriber', id: s.id }, kind: 'erasure', receivedVia: 'letter', evidenceRef: 'letter:77', identityVerified: true }, m.headers);
    const id = filed.json().request.id;
    await h.ctx.db.query("UPDATE subject_requests SET due_at = now() - interval '1 hour', ack_due_at = now() - interval '2 hours' WHERE id = $1", [id]);
    await runJob(h, 'request-deadline-alerts');
    await runJob(h, 'request-deadline-alerts');
    const alerts = await h.ctx.db.query<{ alert: string }>('SELECT alert FROM subject_request_alerts WHERE request_id = $1 ORDER BY alert', [id]);
    expect(alerts.map((a) => a.alert)).toEqual(['ack_overdue', 'overdue']);
    const overdue = (await get(h, '/api/requests?overdue=1', m.headers)).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(overdue.items[0].overdue).toBe(true);
    const staff = await createStaff(h);
    const all = await get(h, '/api/staff/requests?overdue=1', staff.headers);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await get(h, '/api/staff/requests', (await createStaff(h, 'support')).headers)).statusCode).toBe(403);
  });
});
