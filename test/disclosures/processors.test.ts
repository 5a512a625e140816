import { expect, it } from 'vitest';
import { sendToProcessor } from '../../src/disclosures/processors.ts';
import { AppError } from '../../src/errors.ts';
import { createMerchant, createStaff } from '../support/factories.ts';
import { describeEachStore } from '../support/harness.ts';
import { agreementBody, auditOf, disclosureCount, giveConsent, processorWith, subscriberFrom } from './support.ts';

const toProcessor = (processorId: string, subjectId: string, over: Record<string, unknown> = {}) => ({
  recipientKind: 'processor', recipientUse: 'service', recipientId: processorId, basis: 'service_provider', purpose: 'process_payment',
  categories: ['user.contact.email', 'user.name'], subjects: [{ type: 'subscriber', id: subjectId }], ...over,
});

describeEachStore('processors and agreements', (h) => {
  const post = (headers: Record<string, string>, payload: unknown) => h().app.inject({ method: 'POST', url: '/api/disclosures', headers, payload: payload as object });

  it('[C26] a processor without an agreement on file, or outside its scope, cannot receive data', async () => {
    const m = await createMerchant(h());
    const s = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, s, 'process_payment');
    await giveConsent(h(), m.tenantId, s, 'research');

    const bare = await processorWith(h(), m, null);
    const none = await post(m.headers, toProcessor(bare, s.id));
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'processor_agreement_missing', clause: 'C26', why: 'none' });

    const p = await processorWith(h(), m, { categories: ['user.contact.email', 'user.name'], purposes: ['process_payment'] });
    // Outside the categories, outside the purposes.
    expect((await post(m.headers, toProcessor(p, s.id, { categories: ['user.contact.address'] }))).json()).toMatchObject({ code: 'agreement_scope_exceeded', why: 'categories' });
    expect((await post(m.headers, toProcessor(p, s.id, { purpose: 'research' }))).json()).toMatchObject({ code: 'agreement_scope_exceeded', why: 'purpose' });
    // An expired agreement is no agreement.
    const old = await processorWith(h(), m, { signedAt: '2020-01-01', effectiveFrom: '2020-01-01', expiresAt: '2021-01-01' });
    expect((await post(m.headers, toProcessor(old, s.id))).json()).toMatchObject({ code: 'processor_agreement_missing', why: 'expired' });
    // One that does not bind the provider to this policy is not filed at all.
    const loose = await h().app.inject({ method: 'POST', url: `/api/processors/${bare}/agreements`, headers: m.headers, payload: agreementBody({ bindsToPolicy: false }) });
    expect(loose.statusCode).toBe(422);
    expect(loose.json().code).toBe('agreement_not_binding');
    expect(await disclosureCount(h(), m.tenantId)).toBe(0);
    expect((await auditOf(h(), m.tenantId, 'disclosure.refused')).map((r) => r.details.code)).toEqual([
      'processor_agreement_missing', 'agreement_scope_exceeded', 'agreement_scope_exceeded', 'processor_agreement_missing',
    ]);

    // Within scope: recorded, naming the agreement it rests on.
    const ok = await post(m.headers, toProcessor(p, s.id));
    expect(ok.statusCode, ok.body).toBe(201);
    const list = await h().app.inject({ method: 'GET', url: '/api/processors', headers: m.headers });
    const filed = list.json().items.find((x: { id: string }) => x.id === p);
    expect(ok.json()).toMatchObject({ agreementId: filed.agreements[0].id, subjects: [{ evidence: filed.agreements[0].id }] });
    expect(filed.agreements[0]).toMatchObject({ inForce: true, retentionDays: 30, categories: ['user.contact.email', 'user.name'] });

    // The same check, for features that send to a provider themselves.
    await expect(sendToProcessor(h().ctx, m.tenantId, p, ['user.contact.email'], 'process_payment')).resolves.toMatchObject({ id: filed.agreements[0].id });
    await expect(sendToProcessor(h().ctx, m.tenantId, p, ['user.financial.bank_account'], 'process_payment')).rejects.toMatchObject({ code: 'agreement_scope_exceeded' });
    await expect(sendToProcessor(h().ctx, m.tenantId, bare, ['user.name'], 'process_payment')).rejects.toBeInstanceOf(AppError);
  });

  it('[C26] ECOMKEY\'s own providers are filed by the privacy officer and seen, read only, by every tenant', async () => {
    const officer = await createStaff(h(), 'privacy_officer');
    const created = await h().app.inject({ method: 'POST', url: '/api/staff/processors', headers: officer.headers, payload: { name: 'VNPay', kind: 'payment' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().scope).toBe('platform');
    const pid = created.json().id as string;
    const dpa = await h().app.inject({
      method: 'POST', url: `/api/staff/processors/${pid}/agreements`, headers: officer.headers,
      payload: agreementBody({ categories: ['user.contact.email', 'user.financial.payment_card_token'], purposes: ['process_payment'] }),
    });
    expect(dpa.statusCode, dpa.body).toBe(201);
    expect((await h().app.inject({ method: 'POST', url: '/api/staff/processors', headers: (await createStaff(h(), 'support')).headers, payload: { name: 'X', kind: 'email' } })).statusCode).toBe(403);

    const m = await createMerchant(h());
    const seen = await h().app.inject({ method: 'GET', url: '/api/processors', headers: m.headers });
    expect(seen.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: pid, scope: 'platform' })]));
    // A merchant cannot file an agreement for ECOMKEY's provider (it looks like no provider at all).
    const foreign = await h().app.inject({ method: 'POST', url: `/api/processors/${pid}/agreements`, headers: m.headers, payload: agreementBody() });
    expect(foreign.statusCode).toBe(404);
    // …but may send to it within its agreement.
    const s = await subscriberFrom(h(), m.tenantId);
    await giveConsent(h(), m.tenantId, s, 'process_payment');
    const ok = await post(m.headers, toProcessor(pid, s.id, { categories: ['user.contact.email'] }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await post(m.headers, toProcessor(pid, s.id, { categories: ['user.name'] }))).json().code).toBe('agreement_scope_exceeded');
    // Staff list only ECOMKEY's own providers.
    await processorWith(h(), m, null);
    const staffList = await h().app.inject({ method: 'GET', url: '/api/staff/processors', headers: officer.headers });
    expect(staffList.json().items.every((x: { scope: string }) => x.scope === 'platform')).toBe(true);
  });
});
