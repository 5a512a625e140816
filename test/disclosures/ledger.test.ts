import { expect, it } from 'vitest';
import { openReason } from '../../src/audit/details.ts';
import { inTenant } from '../../src/db/scope.ts';
import { DISCLOSURE_BASES } from '../../src/domain/taxonomy/index.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { describeEachStore } from '../support/harness.ts';
import { auditOf, disclosureCount, giveConsent, processorWith, subscriberFrom, withdraw } from './support.ts';

const toCompany = (subjectId: string, over: Record<string, unknown> = {}) => ({
  recipientKind: 'third_party', recipientUse: 'service', recipientName: 'Đối tác Giao hàng Co.', basis: 'subject_permission', purpose: 'provide_service',
  categories: ['user.contact.address', 'user.name'], subjects: [{ type: 'subscriber', id: subjectId }], ...over,
});

describeEachStore('disclosure ledger', (h) => {
  const post = (headers: Record<string, string>, payload: unknown) => h().app.inject({ method: 'POST', url: '/api/disclosures', headers, payload: payload as object });

  it('[C03] a disclosure without a consent record or a C04 basis is refused and audited', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    const noConsent = await post(m.headers, toCompany(s.id));
    expect(noConsent.statusCode).toBe(403);
    expect(noConsent.headers['content-type']).toContain('application/problem+json');
    expect(noConsent.json()).toMatchObject({ code: 'consent_missing', clause: 'C03' });
    const noBasis = toCompany(s.id, { basis: undefined });
    const missing = await post(m.headers, noBasis);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('disclosure_basis_missing');
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);

    // Both refusals are on record, with codes and keys but no recipient name or subject data.
    const refused = await auditOf(h(), m.tenantId, 'disclosure.refused');
    expect(refused.map((r) => r.details.code)).toEqual(['consent_missing', 'disclosure_basis_missing']);
    expect(refused[0]!.details).toMatchObject({ basis: 'subject_permission', recipientKind: 'third_party', subjectCount: 1, categories: ['user.contact.address', 'user.name'] });
    expect(JSON.stringify(refused)).not.toContain('Đối tác');

    // With the subject's recorded consent to disclosure, the entry is recorded and names that record.
    const consentId = await giveConsent(h(), m.tenantId, s, 'provide_service', { disclosure: true });
    const ok = await post(m.headers, toCompany(s.id));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ basis: 'subject_permission', consentRecordId: consentId, subjects: [{ type: 'subscriber', id: s.id, evidence: consentId }] });
    expect((await auditOf(h(), m.tenantId, 'disclosure.recorded')).map((r) => r.details.basis)).toEqual(['subject_permission']);
    expect(h().logs.lines.join('\n')).not.toContain('Trần Thị B');
  });

  it('[C04] the disclosure ledger rejects an entry without one of the six bases', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, s, 'provide_service', { disclosure: true });
    for (const basis of ['business_partner', 'legitimate_interest', 'consent', 'sale']) {
      const res = await post(m.headers, toCompany(s.id, { basis }));
      expect(res.statusCode, basis).toBe(400);
      expect(res.json().code).toBe('unknown_disclosure_basis');
    }
    expect((await post(m.headers, toCompany(s.id, { basis: undefined }))).json().code).toBe('disclosure_basis_missing');
    expect((await post(m.headers, toCompany(s.id, { basis: '' }))).json().code).toBe('disclosure_basis_missing');
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);
    // The table itself holds only the six: a row written around the service is refused too.
    expect(DISCLOSURE_BASES).toHaveLength(6);
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => tx.query(
      `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_name, basis, purpose, categories, subject_count, disclosed_at, recorded_by_type)
       VALUES ($1, 'third_party', 'X', 'business_partner', 'provide_service', ARRAY['user.name'], 1, now(), 'user')`, [m.tenantId],
    ))).rejects.toMatchObject({ code: '23514' });
    // Each accepted entry names its basis; the ledger is append-only.
    const ok = await post(m.headers, toCompany(s.id));
    expect(ok.json().basis).toBe('subject_permission');
    await expect(inTenant(h().ctx.db, m.tenantId, (tx) => tx.query('UPDATE disclosures SET basis = $1 WHERE id = $2', ['threat_to_life', ok.json().id]))).rejects.toBeTruthy();
  });

  it('[C23] no transfer to a third party without consent', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    // Consent to the purpose is not consent to passing the data on.
    await giveConsent(h(), m.tenantId, s, 'provide_service');
    const notForDisclosure = await post(m.headers, toCompany(s.id));
    expect(notForDisclosure.json()).toMatchObject({ code: 'consent_missing' });
    await giveConsent(h(), m.tenantId, s, 'provide_service', { disclosure: true });
    expect((await post(m.headers, toCompany(s.id))).statusCode).toBe(201);
    // Withdrawn: no further transfer, and nothing for the other company's marketing under any basis (C28).
    await withdraw(h(), m.tenantId, s, 'provide_service');
    expect((await post(m.headers, toCompany(s.id))).json()).toMatchObject({ code: 'consent_withdrawn' });
    expect((await post(m.headers, toCompany(s.id, { purpose: 'third_party_marketing' }))).json()).toMatchObject({ code: 'purpose_forbidden' });
    // Several subjects: one without consent stops the whole entry.
    const other = await subscriberFrom(h(), m.tenantId);
    const two = await post(m.headers, toCompany(s.id, { subjects: [{ type: 'subscriber', id: other.id }, { type: 'subscriber', id: s.id }] }));
    expect(two.statusCode).toBe(403);
    expect(await disclosureCount(h(), m.tenantId)).toBe(1);
  });

  it('[C27] a legal disclosure is recorded with its order reference', async () => {
    const m = await createMerchant(h());
    const officer = await createStaff(h(), 'privacy_officer');
    const s = await subscriberFrom(h(), m.tenantId);
    const order = {
      recipientKind: 'court', recipientUse: 'service', recipientName: 'Tòa án nhân dân TP. Hồ Chí Minh', basis: 'required_by_law', purpose: 'prevent_fraud',
      categories: ['user.contact', 'user.name'], subjects: [{ type: 'subscriber', id: s.id }],
    };
    const url = `/api/staff/tenants/${m.tenantId}/disclosures`;
    const reason = { 'x-access-reason': 'Court order 17/2025/QĐ served on ECOMKEY' };
    const noReason = await h().app.inject({ method: 'POST', url, headers: officer.headers, payload: order });
    expect(noReason.json().code).toBe('access_reason_required');
    const noRef = await h().app.inject({ method: 'POST', url, headers: { ...officer.headers, ...reason }, payload: order });
    expect(noRef.statusCode).toBe(422);
    expect(noRef.json()).toMatchObject({ code: 'disclosure_reference_missing', clause: 'C27' });
    // A court needs its order even on another basis.
    const courtNoRef = await h().app.inject({ method: 'POST', url, headers: { ...officer.headers, ...reason }, payload: { ...order, basis: 'subject_request' } });
    expect(courtNoRef.json().code).toBe('disclosure_reference_missing');

    const ok = await h().app.inject({ method: 'POST', url, headers: { ...officer.headers, ...reason }, payload: { ...order, orderReference: '17/2025/QĐ-TA' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ basis: 'required_by_law', orderReference: '17/2025/QĐ-TA', recipient: { kind: 'court' }, recordedBy: { type: 'staff', id: officer.staffId } });
    // The law needs no consent; the entry and its reason are in the tenant's audit chain.
    const [entry] = await auditOf(h(), m.tenantId, 'disclosure.recorded');
    expect(entry).toMatchObject({ actor_type: 'staff', details: { basis: 'required_by_law', orderReference: true } });
    // The reason is the staff member's own words: sealed in the log, opened only for review.
    expect(entry!.reason).toMatch(/^v1\./);
    expect(openReason(h().ctx.keys.audit, entry!.reason!, m.tenantId)).toBe(reason['x-access-reason']);
    // The merchant sees it in its ledger, with the reference.
    const list = await h().app.inject({ method: 'GET', url: '/api/disclosures', headers: m.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id: ok.json().id, orderReference: '17/2025/QĐ-TA' })]);
    // Support staff cannot record one.
    const support = await createStaff(h(), 'support');
    const bySupport = await h().app.inject({ method: 'POST', url, headers: { ...support.headers, ...reason }, payload: { ...order, orderReference: 'x' } });
    expect(bySupport.statusCode).toBe(403);
    // A merchant records one too, with its reference; the staff read of the ledger is audited with its reason.
    const own = await post(m.headers, { ...order, recipientKind: 'authority', recipientName: 'Công an Quận 1', basis: 'illegal_activity_or_fraud', orderReference: 'CV-2025-88' });
    expect(own.statusCode).toBe(201);
    const read = await h().app.inject({ method: 'GET', url, headers: { ...officer.headers, ...reason } });
    expect(read.json().items).toHaveLength(2);
    expect(openReason(h().ctx.keys.audit, (await auditOf(h(), m.tenantId, 'staff.disclosures_read'))[0]!.reason!, m.tenantId)).toBe(reason['x-access-reason']);
  });

  it('[C20] Google-sourced data cannot be disclosed except to provide the feature', async () => {
    const m = await createMerchant(h());
    const g = await subscriberFrom(h(), m.tenantId, 'google_api.contacts');
    await giveConsent(h(), m.tenantId, g, 'provide_service', { disclosure: true });
    const res = await post(m.headers, toCompany(g.id));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'google_data_limited_use', clause: 'C20' });
    const life = await post(m.headers, toCompany(g.id, { recipientKind: 'authority', basis: 'threat_to_life', orderReference: 'call-115' }));
    expect(life.json().code).toBe('google_data_limited_use');
    // A provider working for the feature, under its agreement, may receive it.
    const p = await processorWith(h(), m);
    const feature = await post(m.headers, toCompany(g.id, { recipientKind: 'processor', recipientId: p, recipientName: undefined, basis: 'service_provider' }));
    expect(feature.statusCode, feature.body).toBe(201);
    expect(feature.json().recipient).toMatchObject({ kind: 'processor', id: p, name: 'Giao Hàng Nhanh JSC' });
  });

  it('lists the disclosures naming one subject, for access and export', async () => {
    const m = await createMerchant(h());
    const a = await subscriberFrom(h(), m.tenantId);
    const b = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, a, 'provide_service', { disclosure: true });
    await giveConsent(h(), m.tenantId, b, 'provide_service', { disclosure: true });
    const both = await post(m.headers, toCompany(a.id, { subjects: [{ type: 'subscriber', id: a.id }, { type: 'subscriber', id: b.id }] }));
    expect(both.json().consentRecordId).toBeNull();
    await post(m.headers, toCompany(b.id));
    const forA = await h().app.inject({ method: 'GET', url: `/api/disclosures?subjectType=subscriber&subjectId=${a.id}`, headers: m.headers });
    expect(forA.json().items.map((d: { id: string }) => d.id)).toEqual([both.json().id]);
    const forB = await h().app.inject({ method: 'GET', url: `/api/disclosures?subjectType=subscriber&subjectId=${b.id}`, headers: m.headers });
    expect(forB.json().items).toHaveLength(2);
    const one = await h().app.inject({ method: 'GET', url: `/api/disclosures/${both.json().id}`, headers: m.headers });
    expect(one.json().subjects).toHaveLength(2);
  });
});
