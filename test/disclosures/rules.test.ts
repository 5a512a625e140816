import { describe, expect, it } from 'vitest';
import { checkAgreement, gateRecipientKind, needsReference, type AgreementTerms } from '../../src/disclosures/rules.ts';

const DAY = 86_400_000;
const T = Date.parse('2025-06-01T00:00:00Z');
const dpa = (over: Partial<AgreementTerms> = {}): AgreementTerms => ({
  id: 'a-1', categories: ['user.contact', 'user.name'], purposes: ['process_payment'], bindsToPolicy: true, effectiveFrom: T - 10 * DAY, expiresAt: null, ...over,
});

describe('disclosure rules', () => {
  it('[C26] an agreement counts only while in force, binding, and covering the purpose and every category', () => {
    expect(checkAgreement([dpa()], ['user.contact.email'], 'process_payment', T)).toMatchObject({ ok: true, agreement: { id: 'a-1' } });
    expect(checkAgreement([], ['user.name'], 'process_payment', T)).toMatchObject({ ok: false, code: 'processor_agreement_missing', why: 'none' });
    expect(checkAgreement([dpa({ effectiveFrom: T + DAY })], ['user.name'], 'process_payment', T)).toMatchObject({ code: 'processor_agreement_missing', why: 'expired' });
    // The expiry day itself is outside the agreement.
    expect(checkAgreement([dpa({ expiresAt: T })], ['user.name'], 'process_payment', T)).toMatchObject({ code: 'processor_agreement_missing' });
    expect(checkAgreement([dpa({ expiresAt: T + 1 })], ['user.name'], 'process_payment', T)).toMatchObject({ ok: true });
    expect(checkAgreement([dpa({ bindsToPolicy: false })], ['user.name'], 'process_payment', T)).toMatchObject({ why: 'not_binding' });
    expect(checkAgreement([dpa()], ['user.name'], 'research', T)).toMatchObject({ code: 'agreement_scope_exceeded', why: 'purpose' });
    // A child category is within its parent; a parent is not within its child.
    expect(checkAgreement([dpa({ categories: ['user.contact.email'] })], ['user.contact'], 'process_payment', T)).toMatchObject({ why: 'categories' });
    expect(checkAgreement([dpa()], ['user.financial.bank_account'], 'process_payment', T)).toMatchObject({ why: 'categories' });
    expect(checkAgreement([dpa()], ['user.name'], 'process_payment', T, true)).toMatchObject({ why: 'retired' });
    // Two agreements: the one that covers the request is the one named.
    const two = [dpa({ id: 'narrow', categories: ['user.name'] }), dpa({ id: 'wide', categories: ['user'] })];
    expect(checkAgreement(two, ['user.contact.address'], 'process_payment', T)).toMatchObject({ ok: true, agreement: { id: 'wide' } });
  });

  it('[C27] a court, the law, a life or a fraud case needs a reference; recipients map onto the gate\'s kinds', () => {
    expect(needsReference('court', 'subject_request')).toBe(true);
    expect(needsReference('authority', 'required_by_law')).toBe(true);
    expect(needsReference('authority', 'threat_to_life')).toBe(true);
    expect(needsReference('third_party', 'subject_permission')).toBe(false);
    expect(gateRecipientKind('processor')).toBe('service_provider');
    expect(gateRecipientKind('court')).toBe('authority');
    expect(gateRecipientKind('third_party')).toBe('other_company');
  });
});
