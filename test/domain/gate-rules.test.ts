import { describe, expect, it } from 'vitest';
import { decide, type ConsentRecord, type GateRequest, type RestrictionRecord } from '../../src/domain/gate.ts';
import { contractPurposes } from '../../src/domain/taxonomy/index.ts';
import { DAY, request, snapshotOf, T0 } from './gate-support.ts';

const given = (id: string, purpose: ConsentRecord['purpose'], extra: Partial<ConsentRecord> = {}): ConsentRecord => ({ id, purpose, given: true, at: T0 + DAY, ...extra });

describe('gate: marketing and data origin', () => {
  const toList = (over: Partial<GateRequest> = {}) =>
    request('buyer', { feature: 'buyers.marketing_list', purpose: 'contact', use: 'marketing_list', categories: ['user.contact.email', 'user.name'], ...over });

  it('[C19] a Buyer is not added to a marketing list without that Buyer\'s consent', () => {
    expect(decide(snapshotOf('buyer'), toList())).toMatchObject({ allow: false, code: 'consent_missing', clause: 'C19' });
  });

  it('[C19] consent to be contacted, or a legal basis, does not cover a marketing list; consent to marketing does', () => {
    const plain = snapshotOf('buyer', { consents: [given('c-1', 'contact')], legalBases: [{ id: 'lb-1', basis: 'contract', purposes: ['contact'], at: T0 }] });
    expect(decide(plain, toList())).toMatchObject({ code: 'consent_missing' });
    const mkt = snapshotOf('buyer', { consents: [given('c-1', 'contact', { marketing: true })] });
    expect(decide(mkt, toList())).toEqual({ allow: true, basis: 'consent', evidence: 'c-1', clause: 'C22' });
  });

  it('[C19] a Buyer who withdrew marketing consent comes off the list', () => {
    const snap = snapshotOf('buyer', { consents: [given('c-1', 'contact', { marketing: true }), { id: 'c-2', purpose: 'contact', given: false, at: T0 + 3 * DAY }] });
    expect(decide(snap, toList())).toMatchObject({ code: 'consent_withdrawn', clause: 'C19' });
  });

  it('[C20] data from Google APIs is never used for advertising or marketing, even with consent', () => {
    const consents = [given('c-1', 'contact', { marketing: true })];
    const viaRequest = toList({ subject: { type: 'buyer', id: 'b-1', tenantId: 't-1', source: 'google_api' } });
    expect(decide(snapshotOf('buyer', { consents }), viaRequest)).toMatchObject({ code: 'google_data_limited_use', clause: 'C20' });
    const tagged = snapshotOf('buyer', { consents, sources: ['google_api'] });
    expect(decide(tagged, toList({ use: 'advertising' }))).toMatchObject({ code: 'google_data_limited_use' });
    // Used to provide the feature itself, it is fine.
    expect(decide(tagged, toList({ use: 'messaging' }))).toMatchObject({ allow: true });
  });

  it('[C21] a Customer\'s information serves other than communication only with that Customer\'s consent', () => {
    const contract = [{ id: 'lb-1', basis: 'contract' as const, purposes: contractPurposes('customer'), at: T0 }];
    const research = request('customer', { feature: 'analytics.collect', purpose: 'research', categories: ['user.device.browser'] });
    expect(decide(snapshotOf('customer', { legalBases: contract }), research)).toMatchObject({ code: 'customer_scope_limited', clause: 'C21' });
    // Even a legal basis recorded for research does not widen the scope: the Customer must allow it.
    const lb = [...contract, { id: 'lb-2', basis: 'legitimate_interest' as const, purposes: ['research' as const], at: T0 }];
    expect(decide(snapshotOf('customer', { legalBases: lb }), research)).toMatchObject({ code: 'customer_scope_limited' });
    const allowed = snapshotOf('customer', { legalBases: contract, consents: [given('c-1', 'research')] });
    expect(decide(allowed, research)).toMatchObject({ allow: true, basis: 'consent', evidence: 'c-1' });
    const mail = request('customer', { feature: 'policies.publish', purpose: 'communicate', use: 'messaging' });
    expect(decide(snapshotOf('customer', { legalBases: contract }), mail)).toMatchObject({ allow: true, basis: 'contract' });
  });

  it('[C38] a minor\'s data serves only the parental-consent notice', () => {
    const lb = [{ id: 'lb-1', basis: 'legal_obligation' as const, purposes: ['communicate' as const], at: T0 }];
    const notice = request('minor', { feature: 'accounts.minor_notice', purpose: 'communicate', use: 'messaging' });
    expect(decide(snapshotOf('minor', { legalBases: lb }), notice)).toMatchObject({ allow: true, basis: 'legal_obligation' });
    const account = request('minor', { feature: 'accounts.signup', purpose: 'provide_service' });
    expect(decide(snapshotOf('minor', { legalBases: lb }), account)).toMatchObject({ code: 'purpose_not_allowed', clause: 'C38' });
  });

  it('[C29] ECOMKEY itself never messages a Customer\'s Subscribers', () => {
    const snap = snapshotOf('subscriber', { consents: [given('c-1', 'contact', { marketing: true })] });
    const msg = request('subscriber', { feature: 'messaging.broadcast', purpose: 'contact', use: 'marketing_message' });
    expect(decide(snap, msg)).toMatchObject({ allow: true });
    expect(decide(snap, { ...msg, actor: 'platform' })).toMatchObject({ code: 'platform_contact_forbidden', clause: 'C29' });
  });

  it('[C14] sensitive categories need explicit consent or a legal obligation', () => {
    const exportAll = request('subscriber', { feature: 'exports.subject', purpose: 'provide_service', use: 'export', categories: ['user.health'] });
    const plain = snapshotOf('subscriber', { consents: [given('c-1', 'provide_service')] });
    expect(decide(plain, exportAll)).toMatchObject({ code: 'sensitive_consent_missing', clause: 'C14' });
    expect(decide(plain, { ...exportAll, categories: ['user.contact.email'] })).toMatchObject({ allow: true });
    const explicit = snapshotOf('subscriber', { consents: [given('c-1', 'provide_service', { sensitive: true })] });
    expect(decide(explicit, exportAll)).toMatchObject({ allow: true, evidence: 'c-1' });
    const law = snapshotOf('subscriber', { legalBases: [{ id: 'lb-1', basis: 'legal_obligation', purposes: ['provide_service'], at: T0 }] });
    expect(decide(law, exportAll)).toMatchObject({ allow: true, basis: 'legal_obligation' });
    // Asking for a whole parent that has sensitive children counts as sensitive.
    expect(decide(plain, { ...exportAll, categories: ['user.financial'] })).toMatchObject({ code: 'sensitive_consent_missing' });
  });
});

describe('gate: restriction and objection', () => {
  const research = (over: Partial<GateRequest> = {}) =>
    request('visitor', { feature: 'analytics.collect', purpose: 'research', categories: ['user.behavior.browsing'], ...over });
  const consents = [given('c-1', 'research'), given('c-2', 'improve_service')];
  const restrict = (extra: Partial<RestrictionRecord> = {}): RestrictionRecord => ({ id: 'r-1', kind: 'restriction', purpose: 'research', at: T0 + 10 * DAY, ...extra });

  it('[C34] a restriction the subject recorded refuses processing for that purpose only', () => {
    const snap = snapshotOf('visitor', { consents, restrictions: [restrict()] });
    expect(decide(snap, research())).toMatchObject({ allow: false, code: 'processing_restricted', clause: 'C34' });
    expect(decide(snap, research({ purpose: 'improve_service' }))).toMatchObject({ allow: true, evidence: 'c-2' });
    expect(decide(snap, research({ at: T0 + 5 * DAY }))).toMatchObject({ allow: true });
  });

  it('[C34] an objection refuses with processing_objected; one on all purposes covers every purpose', () => {
    const snap = snapshotOf('visitor', { consents, restrictions: [restrict({ kind: 'objection', purpose: null })] });
    expect(decide(snap, research())).toMatchObject({ code: 'processing_objected' });
    expect(decide(snap, research({ purpose: 'improve_service' }))).toMatchObject({ code: 'processing_objected' });
  });

  it('[C34] lifting by the subject restores what consent allows', () => {
    const snap = snapshotOf('visitor', { consents, restrictions: [restrict({ lifted: { at: T0 + 20 * DAY, by: 'subject' } })] });
    expect(decide(snap, research({ at: T0 + 15 * DAY }))).toMatchObject({ code: 'processing_restricted' });
    expect(decide(snap, research())).toMatchObject({ allow: true, evidence: 'c-1' });
  });

  it('[C34] a lift on legal ground needs its reference; any other lift leaves the restriction in force', () => {
    const onLaw = snapshotOf('visitor', { consents, restrictions: [restrict({ lifted: { at: T0 + 20 * DAY, by: 'legal_ground', reference: 'court-42' } })] });
    expect(decide(onLaw, research())).toMatchObject({ allow: true });
    const bare = snapshotOf('visitor', { consents, restrictions: [restrict({ lifted: { at: T0 + 20 * DAY, by: 'legal_ground' } })] });
    expect(decide(bare, research())).toMatchObject({ code: 'processing_restricted' });
    const byStaff = snapshotOf('visitor', { consents, restrictions: [restrict({ lifted: { at: T0 + 20 * DAY, by: 'staff' as 'subject' } })] });
    expect(decide(byStaff, research())).toMatchObject({ code: 'processing_restricted' });
  });

  it('[C34] a restriction of one category subtree leaves the other categories alone', () => {
    const snap = snapshotOf('visitor', { consents, restrictions: [restrict({ purpose: null, category: 'user.device' })] });
    expect(decide(snap, research())).toMatchObject({ allow: true });
    expect(decide(snap, research({ categories: ['user.device.ip_address'] }))).toMatchObject({ code: 'processing_restricted' });
  });

  it('[C34] a legal obligation outlasts a restriction, but never for marketing', () => {
    const snap = snapshotOf('subscriber', {
      consents: [given('c-1', 'contact', { marketing: true })],
      legalBases: [{ id: 'lb-1', basis: 'legal_obligation', purposes: ['contact'], at: T0 }],
      restrictions: [{ id: 'r-1', kind: 'objection', purpose: 'contact', at: T0 + 2 * DAY }],
    });
    const msg = request('subscriber', { feature: 'messaging.broadcast', purpose: 'contact', use: 'messaging' });
    expect(decide(snap, msg)).toMatchObject({ allow: true, basis: 'legal_obligation', evidence: 'lb-1' });
    expect(decide(snap, { ...msg, use: 'marketing_message' })).toMatchObject({ code: 'processing_objected' });
  });
});
