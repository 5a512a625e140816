import { expect, it } from 'vitest';
import { createMerchant } from '../support/factories.ts';
import { describeEachStore } from '../support/harness.ts';
import { agreementBody, disclosureCount, giveConsent, processorWith, subscriberFrom } from './support.ts';

const entry = (subjectId: string, over: Record<string, unknown> = {}) => ({
  recipientKind: 'third_party', recipientUse: 'service', recipientName: 'Đối tác Co.', basis: 'subject_permission', purpose: 'provide_service',
  categories: ['user.name'], subjects: [{ type: 'subscriber', id: subjectId }], ...over,
});

describeEachStore('disclosures: bad input', (h) => {
  const post = (headers: Record<string, string>, payload: unknown, extra: Record<string, string> = {}) =>
    h().app.inject({ method: 'POST', url: '/api/disclosures', headers: { ...headers, ...extra }, payload: payload as object });

  it('[C04] an unknown basis, purpose or category key is a 400 with its own code, and nothing is recorded', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, s, 'provide_service', { disclosure: true });
    expect((await post(m.headers, entry(s.id, { basis: 'partners' }))).json()).toMatchObject({ status: 400, code: 'unknown_disclosure_basis' });
    expect((await post(m.headers, entry(s.id, { categories: ['user.shoe_size'] }))).json()).toMatchObject({ status: 400, code: 'unknown_category' });
    expect((await post(m.headers, entry(s.id, { purpose: 'profit' }))).json()).toMatchObject({ status: 400, code: 'unknown_purpose' });
    expect((await post(m.headers, entry(s.id, { recipientKind: 'partner' }))).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await post(m.headers, entry(s.id, { extra: 1 }))).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await post(m.headers, entry(s.id, { subjects: [{ type: 'minor', id: s.id }] }))).json()).toMatchObject({ status: 400, code: 'subject_type_not_disclosable' });
    expect((await post(m.headers, entry(s.id, { recipientName: undefined }))).json()).toMatchObject({ status: 400, code: 'recipient_name_required' });
    const p = await processorWith(h(), m, null);
    const badAgreement = await h().app.inject({ method: 'POST', url: `/api/processors/${p}/agreements`, headers: m.headers, payload: agreementBody({ categories: ['user.nope'] }) });
    expect(badAgreement.json()).toMatchObject({ status: 400, code: 'unknown_category' });
    const badPurpose = await h().app.inject({ method: 'POST', url: `/api/processors/${p}/agreements`, headers: m.headers, payload: agreementBody({ purposes: ['sale'] }) });
    expect(badPurpose.json()).toMatchObject({ status: 403, code: 'purpose_forbidden' });
    const badDates = await h().app.inject({ method: 'POST', url: `/api/processors/${p}/agreements`, headers: m.headers, payload: agreementBody({ expiresAt: '2025-01-01' }) });
    expect(badDates.json().code).toBe('agreement_dates_invalid');
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);
  });

  it('a duplicate submission with the same Idempotency-Key records once', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, s, 'provide_service', { disclosure: true });
    const key = { 'idempotency-key': 'disc-0001' };
    const first = await post(m.headers, entry(s.id), key);
    const again = await post(m.headers, entry(s.id), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await disclosureCount(h(), m.tenantId)).toBe(1);
    const other = await post(m.headers, entry(s.id, { recipientName: 'Another Co.' }), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    // A refused attempt does not use up its key: fixed, the retry goes through.
    const k2 = { 'idempotency-key': 'disc-0002' };
    expect((await post(m.headers, entry(s.id, { basis: undefined }), k2)).statusCode).toBe(422);
    expect((await post(m.headers, entry(s.id, { basis: undefined }), k2)).statusCode).toBe(422);
    expect((await post(m.headers, entry(s.id), { 'idempotency-key': 'disc-0003' })).statusCode).toBe(201);
    expect(await disclosureCount(h(), m.tenantId)).toBe(2);
    const p1 = await h().app.inject({ method: 'POST', url: '/api/processors', headers: { ...m.headers, 'idempotency-key': 'p-1' }, payload: { name: 'Mailer', kind: 'email' } });
    const p2 = await h().app.inject({ method: 'POST', url: '/api/processors', headers: { ...m.headers, 'idempotency-key': 'p-1' }, payload: { name: 'Mailer', kind: 'email' } });
    expect(p2.json().id).toBe(p1.json().id);
  });

  it('[C10] another tenant\'s processor, subject or disclosure id answers 404', async () => {
    const a = await createMerchant(h());
    const b = await createMerchant(h());
    const sa = await subscriberFrom(h(), a.tenantId);
    const sb = await subscriberFrom(h(), b.tenantId);
    await giveConsent(h(), a.tenantId, sa, 'process_payment');
    await giveConsent(h(), b.tenantId, sb, 'provide_service', { disclosure: true });
    const pb = await processorWith(h(), b);
    const viaOther = await post(a.headers, entry(sa.id, { recipientKind: 'processor', recipientId: pb, recipientName: undefined, basis: 'service_provider', purpose: 'process_payment' }));
    expect(viaOther.statusCode).toBe(404);
    const otherSubject = await post(a.headers, entry(sb.id));
    expect(otherSubject.statusCode).toBe(404);
    expect((await h().app.inject({ method: 'POST', url: `/api/processors/${pb}/agreements`, headers: a.headers, payload: agreementBody() })).statusCode).toBe(404);
    const bDisc = await post(b.headers, entry(sb.id));
    expect(bDisc.statusCode).toBe(201);
    const peek = await h().app.inject({ method: 'GET', url: `/api/disclosures/${bDisc.json().id}`, headers: a.headers });
    expect(peek.statusCode).toBe(404);
    expect(peek.json().code).toBe('not_found');
    expect((await h().app.inject({ method: 'GET', url: '/api/processors', headers: a.headers })).json().items.map((x: { id: string }) => x.id)).not.toContain(pb);
    expect(await disclosureCount(h(), a.tenantId)).toBe(0);
  });

  it('an agent may read the ledger but not write to it', async () => {
    const owner = await createMerchant(h());
    const agent = await createMerchant(h(), { tenantId: owner.tenantId, role: 'agent' });
    const s = await subscriberFrom(h(), owner.tenantId);
    expect((await post(agent.headers, entry(s.id))).statusCode).toBe(403);
    expect((await h().app.inject({ method: 'POST', url: '/api/processors', headers: agent.headers, payload: { name: 'X', kind: 'email' } })).statusCode).toBe(403);
    expect((await h().app.inject({ method: 'GET', url: '/api/disclosures', headers: agent.headers })).statusCode).toBe(200);
  });
});
