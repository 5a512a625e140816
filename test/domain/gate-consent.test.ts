import { describe, expect, it } from 'vitest';
import { buildSnapshot, decide, InvalidRecordError, requireAllowed, type ConsentRecord, type GateRequest } from '../../src/domain/gate.ts';
import { DAY, NOW, request, snapshotOf, T0 } from './gate-support.ts';

const consent = (id: string, given: boolean, day: number, extra: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id, purpose: 'contact', given, at: T0 + day * DAY, ...extra,
});
const ask = (over: Partial<GateRequest> = {}) =>
  request('subscriber', { feature: 'messaging.broadcast', purpose: 'contact', use: 'messaging', ...over });

describe('gate: consent and legal basis', () => {
  it('[C22] every decision names a consent or legal basis, with the record that proves it', () => {
    const snap = snapshotOf('subscriber', {
      consents: [consent('c-1', true, 1)],
      legalBases: [{ id: 'lb-1', basis: 'contract', purposes: ['communicate'], at: T0 }],
    });
    expect(decide(snap, ask())).toEqual({ allow: true, basis: 'consent', evidence: 'c-1', clause: 'C22' });
    expect(decide(snap, ask({ purpose: 'communicate' }))).toEqual({ allow: true, basis: 'contract', evidence: 'lb-1', clause: 'C22' });
    const refused = decide(snap, ask({ feature: 'subscribers.read', purpose: 'provide_service', use: 'processing' }));
    expect(refused).toMatchObject({ allow: false, code: 'consent_missing', clause: 'C22' });
  });

  it('[C22] with neither consent nor legal basis the gate refuses with consent_missing', () => {
    expect(decide(snapshotOf('subscriber'), ask())).toMatchObject({ allow: false, code: 'consent_missing' });
  });

  it('[C22] a refusal becomes a problem with its code, clause and reason; an allow passes through', () => {
    expect(() => requireAllowed(decide(snapshotOf('subscriber'), ask()))).toThrow(
      expect.objectContaining({ status: 403, code: 'consent_missing', extra: { detail: expect.any(String), clause: 'C22' } }),
    );
    const ok = decide(snapshotOf('subscriber', { consents: [consent('c-1', true, 1)] }), ask());
    expect(requireAllowed(ok)).toBe(ok);
  });

  it('[C22] withdrawn consent refuses with consent_withdrawn', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 1), consent('c-2', false, 5)] });
    expect(decide(snap, ask())).toMatchObject({ allow: false, code: 'consent_withdrawn' });
    // Before the withdrawal the same snapshot answers for that time.
    expect(decide(snap, ask({ at: T0 + 3 * DAY }))).toMatchObject({ allow: true, evidence: 'c-1' });
  });

  it('[C22] the latest record wins, whatever order the records arrive in', () => {
    const records = [consent('c-3', true, 9), consent('c-1', true, 1), consent('c-2', false, 5)];
    expect(decide(snapshotOf('subscriber', { consents: records }), ask())).toMatchObject({ allow: true, evidence: 'c-3' });
    const regiven = [consent('c-1', true, 1), consent('c-2', false, 5)];
    expect(decide(snapshotOf('subscriber', { consents: regiven }), ask())).toMatchObject({ code: 'consent_withdrawn' });
  });

  it('[C22] of two records at the same instant the later one given wins', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 2), consent('c-2', false, 2)] });
    expect(decide(snap, ask())).toMatchObject({ code: 'consent_withdrawn' });
  });

  it('[C22] a record dated after the decision does not count', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 200)] });
    expect(decide(snap, ask({ at: NOW }))).toMatchObject({ code: 'consent_missing' });
    expect(decide(snap, ask({ at: T0 + 201 * DAY }))).toMatchObject({ allow: true });
  });

  it('[C22] consent for one purpose does not allow another', () => {
    const snap = snapshotOf('subscriber', { consents: [{ ...consent('c-1', true, 1), purpose: 'research' }] });
    expect(decide(snap, ask())).toMatchObject({ code: 'consent_missing' });
  });

  it('[C22] a legal basis holds only while in force and only for the categories it names', () => {
    const snap = snapshotOf('subscriber', {
      legalBases: [{ id: 'lb-1', basis: 'legitimate_interest', purposes: ['contact'], at: T0, endedAt: T0 + 50 * DAY, categories: ['user.contact'] }],
    });
    expect(decide(snap, ask({ at: T0 + 10 * DAY }))).toMatchObject({ allow: true, basis: 'legitimate_interest', evidence: 'lb-1' });
    expect(decide(snap, ask({ at: T0 + 10 * DAY, categories: ['user.name'] }))).toMatchObject({ code: 'consent_missing' });
    expect(decide(snap, ask({ at: T0 + 60 * DAY }))).toMatchObject({ code: 'consent_missing' });
  });

  it('[C22] withdrawing consent leaves a separate legal basis standing', () => {
    const snap = snapshotOf('subscriber', {
      consents: [consent('c-1', true, 1), consent('c-2', false, 5)],
      legalBases: [{ id: 'lb-1', basis: 'contract', purposes: ['contact'], at: T0 }],
    });
    expect(decide(snap, ask())).toMatchObject({ allow: true, basis: 'contract' });
  });

  it('[C18] an unknown purpose is refused with unknown_purpose, a sale purpose with purpose_forbidden', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 1)] });
    expect(decide(snap, ask({ purpose: 'profiling' }))).toMatchObject({ allow: false, code: 'unknown_purpose', clause: 'C18' });
    expect(decide(snap, ask({ purpose: 'toString' }))).toMatchObject({ code: 'unknown_purpose' });
    expect(decide(snap, ask({ purpose: 'sale' }))).toMatchObject({ allow: false, code: 'purpose_forbidden', clause: 'C28' });
    expect(decide(snap, ask({ purpose: 'third_party_marketing' }))).toMatchObject({ code: 'purpose_forbidden' });
  });

  it('[C07] an unknown category or none at all is refused with its own code', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 1)] });
    expect(decide(snap, ask({ categories: ['user.contact.fax'] }))).toMatchObject({ code: 'unknown_category' });
    expect(decide(snap, ask({ categories: [] }))).toMatchObject({ code: 'categories_missing' });
  });

  it('[C06] a feature that asks for a purpose or category it did not declare is refused', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 1), { ...consent('c-9', true, 1), purpose: 'research' }] });
    expect(decide(snap, ask({ categories: ['user.health'] }))).toMatchObject({ code: 'category_undeclared', clause: 'C06' });
    expect(decide(snap, ask({ purpose: 'research' }))).toMatchObject({ code: 'purpose_undeclared' });
    // A parent is broader than a declared child: asking for `user.contact` is not covered by `user.contact.email`.
    const sub = request('subscriber', { feature: 'subscribers.read', purpose: 'provide_service', categories: ['user.contact'] });
    expect(decide(snap, sub)).toMatchObject({ code: 'category_undeclared' });
    expect(decide(snap, ask({ feature: 'no.such.feature' as 'messaging.broadcast' }))).toMatchObject({ code: 'unknown_feature' });
  });

  it('[C10] a snapshot of another subject or tenant is never used for a decision', () => {
    const snap = snapshotOf('subscriber', { consents: [consent('c-1', true, 1)] });
    expect(decide(snap, ask({ subject: { type: 'subscriber', id: 's-1', tenantId: 't-2' } }))).toMatchObject({ code: 'subject_mismatch' });
    expect(decide(snap, ask({ subject: { type: 'subscriber', id: 's-2', tenantId: 't-1' } }))).toMatchObject({ code: 'subject_mismatch' });
  });

  it('[C22] a record the snapshot cannot read is an error, not a silent allow', () => {
    const subject = { type: 'subscriber', id: 's-1', tenantId: 't-1' } as const;
    expect(() => buildSnapshot({ subject, consents: [{ id: 'x', purpose: 'sale' as 'contact', given: true, at: T0 }] })).toThrow(InvalidRecordError);
    expect(() => buildSnapshot({ subject, consents: [{ id: 'x', purpose: 'contact', given: true, at: 'yesterday' }] })).toThrow(InvalidRecordError);
  });
});
