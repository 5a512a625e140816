import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createSubscriber } from '../support/factories.ts';
import { inTenant } from '../../src/db/scope.ts';
import { createBuyer, countRecords, NOTICE_VI, publishNotice } from './support.ts';

describeEachStore('consent ledger API', (h) => {
  const consent = (m: { headers: Record<string, string> }, type: string, id: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) =>
    h().app.inject({ method: 'POST', url: `/api/subjects/${type}/${id}/consents`, headers: { ...m.headers, ...extra }, payload });
  const gate = (m: { headers: Record<string, string> }, payload: Record<string, unknown>) =>
    h().app.inject({ method: 'POST', url: '/api/gate/decide', headers: m.headers, payload });

  it('[C22] a consent record keeps the exact notice text, method, evidence and time, and proves it', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['contact'], marketing: true });
    const before = Date.now();
    const res = await consent(m, 'subscriber', sub, { purpose: 'contact', given: true, noticeId: notice.id, method: 'bot_keyword', evidence: 'zalo-msg-8841: ĐỒNG Ý', marketing: true });
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json();
    expect(rec).toMatchObject({ purpose: 'contact', given: true, marketing: true, method: 'bot_keyword', evidence: 'zalo-msg-8841: ĐỒNG Ý', notice: { id: notice.id, version: 1, contentHash: notice.contentHash } });
    expect(Date.parse(rec.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(rec.recordedBy).toEqual({ type: 'user', id: m.userId });

    const proof = await h().app.inject({ method: 'GET', url: `/api/consents/${rec.id}/proof`, headers: m.headers });
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toMatchObject({ intact: true, record: { id: rec.id }, notice: { wording: NOTICE_VI, contentHash: notice.contentHash } });

    // History shows it, the audit entry names ids and codes only, and no log line holds the evidence.
    const list = (await h().app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sub}/consents`, headers: m.headers })).json();
    expect(list.current.map((c: { id: string }) => c.id)).toEqual([rec.id]);
    const audit = await inTenant(h().ctx.db, m.tenantId, (tx) =>
      tx.query<{ action: string; details: Record<string, unknown> }>(`SELECT action, details FROM audit_log WHERE target_id = $1`, [sub]));
    expect(audit).toEqual([expect.objectContaining({ action: 'consent.given', details: expect.objectContaining({ recordId: rec.id, purpose: 'contact' }) })]);
    expect(JSON.stringify(audit)).not.toContain('ĐỒNG Ý');
    expect(h().logs.lines.join('\n')).not.toContain('ĐỒNG Ý');
  });

  it('[C22] silence is not consent: without a record the gate refuses with consent_missing', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const res = await gate(m, { subject: { type: 'subscriber', id: sub }, purpose: 'contact', categories: ['user.contact.phone'], use: 'messaging' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'consent_missing', clause: 'C22' });
    // And `given` has no default: a body without it records nothing.
    const notice = await publishNotice(h(), m, { purposes: ['contact'] });
    const bad = await consent(m, 'subscriber', sub, { purpose: 'contact', noticeId: notice.id, method: 'checkbox' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    expect(await countRecords(h(), sub)).toBe(0);
  });

  it('[C22] withdrawing is one call and the gate refuses afterwards', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['contact'] });
    expect((await consent(m, 'subscriber', sub, { purpose: 'contact', given: true, noticeId: notice.id, method: 'checkbox' })).statusCode).toBe(201);
    const ask = { subject: { type: 'subscriber', id: sub }, purpose: 'contact', categories: ['user.contact.phone'], use: 'messaging' };
    const ok = await gate(m, ask);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ allow: true, basis: 'consent', clause: 'C22' });

    const w = await h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/consents/withdraw`, headers: m.headers, payload: { purpose: 'contact', method: 'api' } });
    expect(w.statusCode).toBe(201);
    expect(w.json()).toMatchObject({ given: false, purpose: 'contact', notice: null });
    const after = await gate(m, ask);
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBe('consent_withdrawn');
    const list = (await h().app.inject({ method: 'GET', url: `/api/subjects/subscriber/${sub}/consents`, headers: m.headers })).json();
    expect(list.current).toHaveLength(1);
    expect(list.current[0].given).toBe(false);
    expect(list.history.map((r: { given: boolean }) => r.given)).toEqual([false, true]);
  });

  it('[C22] withdrawing a consent that was never given is 409 consent_not_found', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const w = await h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/consents/withdraw`, headers: m.headers, payload: { purpose: 'research', method: 'api' } });
    expect(w.statusCode).toBe(409);
    expect(w.json().code).toBe('consent_not_found');
    expect(await countRecords(h(), sub)).toBe(0);
  });

  it('[C19] a Buyer cannot be put on a marketing list without a marketing consent', async () => {
    const m = await createMerchant(h());
    const buyer = await createBuyer(h(), m.tenantId);
    const ask = { subject: { type: 'buyer', id: buyer }, purpose: 'contact', categories: ['user.contact.email'], use: 'marketing_list', feature: 'buyers.marketing_list' };
    expect((await gate(m, ask)).json()).toMatchObject({ code: 'consent_missing', clause: 'C19' });

    // A consent to be contacted is not a consent to marketing…
    const plain = await publishNotice(h(), m, { purposes: ['contact'] });
    expect((await consent(m, 'buyer', buyer, { purpose: 'contact', given: true, noticeId: plain.id, method: 'checkbox' })).statusCode).toBe(201);
    expect((await gate(m, ask)).json()).toMatchObject({ code: 'consent_missing', clause: 'C19' });
    // …and a record cannot claim marketing its notice did not ask for.
    const claim = await consent(m, 'buyer', buyer, { purpose: 'contact', given: true, noticeId: plain.id, method: 'checkbox', marketing: true });
    expect(claim.statusCode).toBe(422);
    expect(claim.json().code).toBe('notice_scope_exceeded');

    const promo = await publishNotice(h(), m, { purposes: ['contact'], marketing: true });
    expect((await consent(m, 'buyer', buyer, { purpose: 'contact', given: true, noticeId: promo.id, method: 'checkbox', marketing: true })).statusCode).toBe(201);
    const ok = await gate(m, ask);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ allow: true, basis: 'consent', feature: 'buyers.marketing_list' });
  });

  it('[C28][C18] unknown purpose or category keys are refused with the taxonomy\'s codes and nothing is recorded', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['research'], category: 'user.health' });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ purpose: 'newsletter', given: true, noticeId: notice.id, method: 'checkbox' }, 400, 'unknown_purpose'],
      [{ purpose: 'sale', given: true, noticeId: notice.id, method: 'checkbox' }, 403, 'purpose_forbidden'],
      [{ purpose: 'third-party marketing', given: true, noticeId: notice.id, method: 'checkbox' }, 403, 'purpose_forbidden'],
      [{ purpose: 'research', given: true, noticeId: notice.id, method: 'checkbox', category: 'user.horoscope' }, 400, 'unknown_category'],
      [{ purpose: 'research', given: true, noticeId: notice.id, method: 'telepathy' }, 400, 'validation_failed'],
      [{ purpose: 'contact', given: true, noticeId: notice.id, method: 'checkbox' }, 422, 'notice_purpose_mismatch'],
      [{ purpose: 'research', given: true, noticeId: randomUUID(), method: 'checkbox' }, 404, 'not_found'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await consent(m, 'subscriber', sub, payload);
      expect([res.statusCode, res.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    const badType = await consent(m, 'staff', sub, { purpose: 'research', given: true, noticeId: notice.id, method: 'checkbox' });
    expect(badType.json().code).toBe('subject_type_unsupported');
    expect((await consent(m, 'martian', sub, { purpose: 'research', given: true, noticeId: notice.id, method: 'checkbox' })).json().code).toBe('unknown_subject_type');
    expect(await countRecords(h(), sub)).toBe(0);
    // The sensitive category its notice asked for is accepted.
    expect((await consent(m, 'subscriber', sub, { purpose: 'research', given: true, noticeId: notice.id, method: 'checkbox', category: 'user.health' })).statusCode).toBe(201);
    const sale = await gate(m, { subject: { type: 'subscriber', id: sub }, purpose: 'sale', categories: ['user.name'] });
    expect([sale.statusCode, sale.json().code]).toEqual([403, 'purpose_forbidden']);
  });

  it('[C10][C22] a consent for a subject of another tenant is 404 and nothing is recorded', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const theirs = await createSubscriber(h(), b.tenantId);
    const notice = await publishNotice(h(), a, { purposes: ['contact'] });
    const res = await consent(a, 'subscriber', theirs, { purpose: 'contact', given: true, noticeId: notice.id, method: 'api' });
    expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
    expect(await countRecords(h(), theirs)).toBe(0);
    for (const url of [`/api/subjects/subscriber/${theirs}/consents`, `/api/subjects/subscriber/${theirs}/restrictions`]) {
      expect((await h().app.inject({ method: 'GET', url, headers: a.headers })).statusCode).toBe(404);
    }
    // Another tenant's notice cannot be used either.
    const mine = await createSubscriber(h(), a.tenantId);
    const foreign = await publishNotice(h(), b, { purposes: ['contact'] });
    expect((await consent(a, 'subscriber', mine, { purpose: 'contact', given: true, noticeId: foreign.id, method: 'api' })).statusCode).toBe(404);
  });

  it('[C22] a duplicate submission with the same Idempotency-Key records once; the same key with another body is 422', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['contact'] });
    const body = { purpose: 'contact', given: true, noticeId: notice.id, method: 'bot_keyword', evidence: 'msg-1' };
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    const first = await consent(m, 'subscriber', sub, body, key);
    const again = await consent(m, 'subscriber', sub, { ...body }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countRecords(h(), sub)).toBe(1);
    const other = await consent(m, 'subscriber', sub, { ...body, evidence: 'msg-2' }, key);
    expect([other.statusCode, other.json().code]).toEqual([422, 'idempotency_key_reused']);
    // Concurrent duplicates: still one record.
    const key2 = { 'idempotency-key': `k-${randomUUID()}` };
    const w = { purpose: 'contact', method: 'api' };
    const both = await Promise.all([0, 1].map(() => h().app.inject({ method: 'POST', url: `/api/subjects/subscriber/${sub}/consents/withdraw`, headers: { ...m.headers, ...key2 }, payload: w })));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    expect(await countRecords(h(), sub)).toBe(2);
    expect((await consent(m, 'subscriber', sub, body, { 'idempotency-key': 'bad key with spaces' })).json().code).toBe('idempotency_key_invalid');
  });

  it('[C22] the ledger is append-only: records are never updated or deleted in place', async () => {
    const m = await createMerchant(h());
    const sub = await createSubscriber(h(), m.tenantId);
    const notice = await publishNotice(h(), m, { purposes: ['contact'] });
    const rec = (await consent(m, 'subscriber', sub, { purpose: 'contact', given: true, noticeId: notice.id, method: 'api' })).json();
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => tx.query('UPDATE consent_records SET given = false WHERE id = $1', [rec.id]))).rejects.toThrow();
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => tx.query('DELETE FROM consent_records WHERE id = $1', [rec.id]))).rejects.toThrow();
    await expect(h().ctx.db.query('UPDATE consent_records SET given = false WHERE id = $1', [rec.id])).rejects.toThrow(/append-only/);
    await expect(h().ctx.db.query('UPDATE consent_notices SET wording = $2 WHERE id = $1', [notice.id, 'other words'])).rejects.toThrow(/append-only/);
    expect(await countRecords(h(), sub)).toBe(1);
  });
});
