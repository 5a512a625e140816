import { expect, it } from 'vitest';
import { describeEachStore, type Harness } from '../support/harness.ts';
import { createMerchant, createSubscriber, type Merchant } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createNotice } from '../../src/consents/notices.ts';
import { recordConsent } from '../../src/consents/ledger.ts';

const HEALTH = 'Em bị tiểu đường nên shop gửi loại không đường giúp em';

async function subscriberWithEmail(h: Harness, m: Merchant): Promise<string> {
  const id = await createSubscriber(h, m.tenantId, 'Phạm Thu Hà');
  await inTenant(h.ctx.db, m.tenantId, (tx) => tx.query("UPDATE subscribers SET email = 'ha@example.vn' WHERE id = $1", [id]));
  return id;
}

async function consentTo(h: Harness, m: Merchant, subscriberId: string, category: string): Promise<void> {
  await inTenant(h.ctx.db, m.tenantId, async (tx) => {
    const lc = { tx, auditKey: h.ctx.keys.audit };
    const actor = { type: 'user' as const, id: m.userId };
    const notice = await createNotice(lc, actor, m.tenantId, {
      slug: `sensitive-${category.replace(/\W/g, '-')}`, lang: 'vi', purposes: ['provide_service'], category,
      wording: 'Shop lưu thông tin sức khỏe bạn gửi để chọn sản phẩm phù hợp.',
    });
    await recordConsent(lc, actor, {
      subject: { tenantId: m.tenantId, type: 'subscriber', id: subscriberId }, purpose: 'provide_service', given: true,
      noticeId: notice.id, method: 'bot_keyword', evidence: 'DONG Y', category,
    });
  });
}

const rawNote = (h: Harness, m: Merchant, id: string) =>
  inTenant(h.ctx.db, m.tenantId, (tx) => tx.query<{ body: string; body_sealed: string | null }>('SELECT body, body_sealed FROM subscriber_notes WHERE id = $1', [id]));
const rawHeld = (h: Harness, m: Merchant, subscriberId: string) =>
  inTenant(h.ctx.db, m.tenantId, (tx) => tx.query<{ id: string; status: string; sealed_value: string | null; categories: string[] }>(
    'SELECT id, status, sealed_value, categories FROM held_sensitive_data WHERE subject_id = $1', [subscriberId]));

describeEachStore('sensitive disclosures (C14)', (h) => {
  it('[C14][C29] submitting sensitive text without consent stores no clear text; the shop, not ECOMKEY, asks the person', async () => {
    const m = await createMerchant(h());
    const sid = await subscriberWithEmail(h(), m);
    const res = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: HEALTH } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sensitiveHeld: true, held: { categories: ['user.health'] } });
    expect(res.json().text).not.toMatch(/tiểu đường/);
    const [row] = await rawNote(h(), m, res.json().id);
    expect(row!.body).not.toMatch(/tiểu đường/);
    expect(row!.body_sealed).toBeNull();
    const [held] = await rawHeld(h(), m, sid);
    expect(held).toMatchObject({ status: 'held', categories: ['user.health'] });
    expect(held!.sealed_value).toMatch(/^enc:v1:/);
    expect(held!.sealed_value).not.toMatch(/tiểu/);
    // ECOMKEY mails nobody of the shop's (C29): the answer names the hold for the shop's bot to ask in its chat.
    expect((await h().app.inject({ method: 'GET', url: '/api/dev/mailbox?to=ha@example.vn' })).json().items).toEqual([]);
    // A bot message from a sender without e-mail: the hold itself is the prompt the bot shows.
    const plain = await createSubscriber(h(), m.tenantId);
    const msg = await h().app.inject({ method: 'POST', url: '/api/messages/inbound', headers: m.headers, payload: { channel: 'zalo', subscriberId: plain, text: HEALTH } });
    expect(msg.json()).toMatchObject({ sensitiveHeld: true, held: { categories: ['user.health'] } });
    // The person consents later: the text is released into the note.
    await consentTo(h(), m, sid, 'user.health');
    const rel = await h().app.inject({ method: 'POST', url: `/api/held-sensitive/${held!.id}/release`, headers: m.headers });
    expect([rel.statusCode, rel.json().status]).toEqual([200, 'released']);
    const notes = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sid}/notes`, headers: m.headers });
    expect(notes.json().items[0]).toMatchObject({ text: HEALTH, sensitiveHeld: false });
    const [after] = await rawNote(h(), m, res.json().id);
    expect(after!.body_sealed).toMatch(/^enc:v1:/);
  });

  it('[C14] with explicit consent for the category it is stored', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    await consentTo(h(), m, sid, 'user.health');
    const res = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: HEALTH } });
    expect(res.json()).toMatchObject({ text: HEALTH, sensitiveHeld: false, held: null });
    const [row] = await rawNote(h(), m, res.json().id);
    // Stored, and sealed at rest (C07): the clear column holds only the redacted text.
    expect(row!.body_sealed).toMatch(/^enc:v1:/);
    expect(row!.body).not.toMatch(/tiểu đường/);
    expect(await rawHeld(h(), m, sid)).toEqual([]);
    // A consent to another category does not cover this one.
    const other = await createSubscriber(h(), m.tenantId);
    await consentTo(h(), m, other, 'user.religion');
    const r2 = await h().app.inject({ method: 'POST', url: `/api/subscribers/${other}/notes`, headers: m.headers, payload: { text: HEALTH } });
    expect(r2.json().sensitiveHeld).toBe(true);
  });

  it('[C14] the person can delete held sensitive data', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    const res = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: HEALTH } });
    const heldId = res.json().held.heldId as string;
    const early = await h().app.inject({ method: 'POST', url: `/api/held-sensitive/${heldId}/release`, headers: m.headers });
    expect([early.statusCode, early.json().code]).toEqual([409, 'consent_missing']);
    const del = await h().app.inject({ method: 'DELETE', url: `/api/held-sensitive/${heldId}`, headers: m.headers });
    expect([del.statusCode, del.json().status]).toEqual([200, 'deleted']);
    const [held] = await rawHeld(h(), m, sid);
    expect(held).toMatchObject({ status: 'deleted', sealed_value: null });
    const again = await h().app.inject({ method: 'POST', url: `/api/held-sensitive/${heldId}/release`, headers: m.headers });
    expect([again.statusCode, again.json().code]).toEqual([409, 'held_data_resolved']);
  });

  it('[C14] the person can restrict or object: the data stays sealed and unused', async () => {
    const m = await createMerchant(h());
    const sid = await createSubscriber(h(), m.tenantId);
    for (const action of ['restrict', 'object'] as const) {
      const res = await h().app.inject({ method: 'POST', url: `/api/subscribers/${sid}/notes`, headers: m.headers, payload: { text: HEALTH } });
      const r = await h().app.inject({ method: 'POST', url: `/api/held-sensitive/${res.json().held.heldId}/${action}`, headers: m.headers });
      expect(r.json().status).toBe(action === 'restrict' ? 'restricted' : 'objected');
    }
    const list = await h().app.inject({ method: 'GET', url: `/api/subscribers/${sid}/held-sensitive`, headers: m.headers });
    expect(list.json().items.map((i: { status: string }) => i.status).sort()).toEqual(['objected', 'restricted']);
    expect(list.body).not.toMatch(/tiểu|enc:v1/);
  });
});
