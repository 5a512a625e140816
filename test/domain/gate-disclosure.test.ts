import { describe, expect, it } from 'vitest';
import { decide, type ConsentRecord, type DisclosureContext, type GateRequest } from '../../src/domain/gate.ts';
import { DAY, request, snapshotOf, T0 } from './gate-support.ts';

const consent = (extra: Partial<ConsentRecord> = {}): ConsentRecord => ({ id: 'c-1', purpose: 'provide_service', given: true, at: T0 + DAY, ...extra });
const disclose = (disclosure: DisclosureContext | undefined, over: Partial<GateRequest> = {}): GateRequest =>
  request('buyer', {
    feature: 'disclosures.record', purpose: 'provide_service', use: 'disclosure',
    categories: ['user.contact.address', 'user.name'], ...(disclosure ? { disclosure } : {}), ...over,
  });
const agreement = { id: 'dpa-7', categories: ['user.contact', 'user.name'] };

describe('gate: disclosures', () => {
  it('[C03] a disclosure that names no basis, or one outside the policy, is refused', () => {
    const snap = snapshotOf('buyer', { consents: [consent()] });
    expect(decide(snap, disclose(undefined))).toMatchObject({ allow: false, code: 'disclosure_basis_missing', clause: 'C04' });
    const partner = disclose({ basis: 'business_partner', recipientKind: 'other_company' });
    expect(decide(snap, partner)).toMatchObject({ code: 'unknown_disclosure_basis' });
  });

  it('[C28] nothing is disclosed for another company\'s marketing, whatever the basis or consent', () => {
    const snap = snapshotOf('buyer', { consents: [consent({ disclosure: true, marketing: true })] });
    const req = disclose({ basis: 'subject_permission', recipientKind: 'other_company', recipientUse: 'marketing' });
    expect(decide(snap, req)).toMatchObject({ allow: false, code: 'purpose_forbidden', clause: 'C28' });
  });

  it('[C03] a disclosure on the subject\'s permission needs their recorded consent to disclosure', () => {
    const req = disclose({ basis: 'subject_permission', recipientKind: 'other_company' });
    expect(decide(snapshotOf('buyer', { consents: [consent()] }), req)).toMatchObject({ code: 'consent_missing', clause: 'C03' });
    const ok = snapshotOf('buyer', { consents: [consent({ disclosure: true })] });
    expect(decide(ok, req)).toEqual({ allow: true, basis: 'subject_permission', evidence: 'c-1', clause: 'C04' });
    const withdrawn = snapshotOf('buyer', { consents: [consent({ disclosure: true }), consent({ id: 'c-2', given: false, at: T0 + 2 * DAY })] });
    expect(decide(withdrawn, req)).toMatchObject({ code: 'consent_withdrawn' });
  });

  it('[C26] a service provider receives data only under an agreement covering every category', () => {
    const snap = snapshotOf('buyer', { consents: [consent()] });
    expect(decide(snap, disclose({ basis: 'service_provider', recipientKind: 'service_provider' }))).toMatchObject({ code: 'processor_agreement_missing', clause: 'C26' });
    const narrow = { id: 'dpa-8', categories: ['user.name'] };
    expect(decide(snap, disclose({ basis: 'service_provider', recipientKind: 'service_provider', agreement: narrow }))).toMatchObject({ code: 'agreement_scope_exceeded' });
    expect(decide(snap, disclose({ basis: 'service_provider', recipientKind: 'service_provider', agreement }))).toEqual({
      allow: true, basis: 'service_provider', evidence: 'dpa-7', clause: 'C04',
    });
    // The provider only does what ECOMKEY itself may do: no basis for the purpose, no transfer.
    expect(decide(snapshotOf('buyer'), disclose({ basis: 'service_provider', recipientKind: 'service_provider', agreement }))).toMatchObject({ code: 'consent_missing' });
  });

  it('[C27] a disclosure required by law cites its order and stands even against a restriction', () => {
    const snap = snapshotOf('buyer', { restrictions: [{ id: 'r-1', kind: 'restriction', purpose: null, at: T0 }] });
    expect(decide(snap, disclose({ basis: 'required_by_law', recipientKind: 'authority' }))).toMatchObject({ code: 'disclosure_reference_missing', clause: 'C27' });
    expect(decide(snap, disclose({ basis: 'required_by_law', recipientKind: 'authority', reference: 'court-2025-17' }))).toEqual({
      allow: true, basis: 'required_by_law', evidence: 'court-2025-17', clause: 'C04',
    });
  });

  it('[C04] fraud and threat-to-life disclosures need no consent but a case reference; a provider does not pass a restriction', () => {
    const snap = snapshotOf('buyer', { consents: [consent()], restrictions: [{ id: 'r-1', kind: 'objection', purpose: 'provide_service', at: T0 + 2 * DAY }] });
    expect(decide(snap, disclose({ basis: 'threat_to_life', recipientKind: 'authority' }))).toMatchObject({ code: 'disclosure_reference_missing' });
    expect(decide(snap, disclose({ basis: 'threat_to_life', recipientKind: 'authority', reference: 'call-112' }))).toMatchObject({ allow: true, basis: 'threat_to_life' });
    expect(decide(snap, disclose({ basis: 'illegal_activity_or_fraud', recipientKind: 'authority', reference: 'case-9' }))).toMatchObject({ allow: true, evidence: 'case-9' });
    expect(decide(snap, disclose({ basis: 'service_provider', recipientKind: 'service_provider', agreement }))).toMatchObject({ code: 'processing_objected' });
  });

  it('[C04] delivering what the subject asked for rests on the request and a basis for the purpose', () => {
    const req = disclose({ basis: 'subject_request', recipientKind: 'other_company', reference: 'order-5' });
    expect(decide(snapshotOf('buyer', { consents: [consent()] }), req)).toMatchObject({ allow: true, basis: 'subject_request', evidence: 'order-5' });
  });

  it('[C20] data from Google APIs is disclosed only to provide the feature', () => {
    const snap = snapshotOf('buyer', { consents: [consent({ disclosure: true })], sources: ['google_api'] });
    expect(decide(snap, disclose({ basis: 'subject_permission', recipientKind: 'other_company' }))).toMatchObject({ code: 'google_data_limited_use', clause: 'C20' });
    expect(decide(snap, disclose({ basis: 'threat_to_life', recipientKind: 'authority', reference: 'call-112' }))).toMatchObject({ code: 'google_data_limited_use' });
    expect(decide(snap, disclose({ basis: 'service_provider', recipientKind: 'service_provider', agreement }))).toMatchObject({ allow: true });
  });
});
