import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { DENY_CODES, denialError, denialProblem } from '../../src/domain/gate-errors.ts';
import {
  ancestry, CATEGORIES, contractPurposes, descendants, DISCLOSURE_BASES, FORBIDDEN_PURPOSES, isForbiddenPurpose, parseCategory,
  parseDisclosureBasis, parsePurpose, parseSubjectType, PROCESSING_BASES, PURPOSE_KEYS, PURPOSES, SUBJECT_TYPES, USE_KEYS, isMarketingUse,
} from '../../src/domain/taxonomy/index.ts';

const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('taxonomy', () => {
  it('[C18] the purpose registry holds exactly the eight purposes and refuses an unknown one', () => {
    expect(PURPOSE_KEYS).toEqual(['provide_service', 'communicate', 'process_payment', 'authenticate', 'improve_service', 'contact', 'research', 'prevent_fraud']);
    expect(PURPOSES.every((p) => p.label.length > 0 && p.labelVi.length > 0)).toBe(true);
    expect(parsePurpose('research')).toBe('research');
    const e = thrown(() => parsePurpose('profiling'));
    expect([e.status, e.code]).toEqual([400, 'unknown_purpose']);
    expect(e.extra).toEqual({ key: 'profiling' });
  });

  it('[C28] a sale or third-party marketing purpose is refused with purpose_forbidden, and none exists', () => {
    for (const f of FORBIDDEN_PURPOSES) expect(PURPOSE_KEYS as readonly string[]).not.toContain(f);
    expect(PURPOSE_KEYS.some((k) => /sale|sell|marketing/.test(k))).toBe(false);
    for (const text of ['sale', 'Third-Party Marketing', ' third_party_marketing ', 'data sale']) {
      expect(isForbiddenPurpose(text)).toBe(true);
      const e = thrown(() => parsePurpose(text));
      expect([e.status, e.code]).toEqual([403, 'purpose_forbidden']);
    }
  });

  it('[C19] marketing is a use of a purpose, not a purpose: lists, promotional messages and advertising', () => {
    expect(USE_KEYS.filter(isMarketingUse).sort()).toEqual(['advertising', 'marketing_list', 'marketing_message']);
  });

  it('[C14] sensitive categories follow Decree 13/2023, Decree 356/2025 and GDPR Art 9, each citing its law', () => {
    const sensitive = CATEGORIES.filter((c) => c.sensitive).map((c) => c.key);
    for (const key of [
      'user.political_opinion', 'user.religion', 'user.health', 'user.ethnicity', 'user.genetic', 'user.biometric', 'user.sexual_orientation',
      'user.criminal_record', 'user.financial.bank_account', 'user.financial.transactions', 'user.location', 'user.private_life',
      'user.government_id.id_card_image', 'user.government_id.eid_credentials', 'user.behavior.tracking', 'user.union_membership',
    ]) expect(sensitive).toContain(key);
    for (const c of CATEGORIES.filter((x) => x.sensitive)) expect(c.citations.length).toBeGreaterThan(0);
    expect(CATEGORIES.find((c) => c.key === 'user.health')!.citations.join()).toMatch(/Decree 13\/2023.*GDPR Art 9/);
    expect(CATEGORIES.find((c) => c.key === 'user.private_life')!.citations.join()).toMatch(/Decree 356\/2025/);
    expect(CATEGORIES.find((c) => c.key === 'user.contact.email')!.sensitive).toBe(false);
    // A parent with a sensitive child is treated as sensitive when requested whole.
    expect(CATEGORIES.find((c) => c.key === 'user.financial')!.mayBeSensitive).toBe(true);
    expect(CATEGORIES.find((c) => c.key === 'user.contact')!.mayBeSensitive).toBe(false);
  });

  it('[C07] categories are dotted keys whose parents exist, and an unknown key is refused with 400', () => {
    const keys = new Set(CATEGORIES.map((c) => c.key));
    for (const c of CATEGORIES) if (c.parent) expect(keys.has(c.parent)).toBe(true);
    expect(ancestry('user.contact.email')).toEqual(['user.contact.email', 'user.contact', 'user']);
    expect(descendants('user.device')).toEqual(['user.device', 'user.device.ip_address', 'user.device.cookie_id', 'user.device.browser']);
    expect(parseCategory('user.contact.phone')).toBe('user.contact.phone');
    const e = thrown(() => parseCategory('user.contact.fax'));
    expect([e.status, e.code]).toEqual([400, 'unknown_category']);
  });

  it('[C10] the data subjects are customer, subscriber, buyer, visitor, staff and minor', () => {
    expect(SUBJECT_TYPES).toEqual(['customer', 'subscriber', 'buyer', 'visitor', 'staff', 'minor']);
    expect(parseSubjectType('buyer')).toBe('buyer');
    expect(thrown(() => parseSubjectType('robot')).code).toBe('unknown_subject_type');
  });

  it('[C04] the disclosure bases are exactly the sharing bases of the policy', () => {
    expect([...DISCLOSURE_BASES].sort()).toEqual(['illegal_activity_or_fraud', 'required_by_law', 'service_provider', 'subject_permission', 'subject_request', 'threat_to_life']);
    expect(parseDisclosureBasis('required_by_law')).toBe('required_by_law');
    expect(thrown(() => parseDisclosureBasis('business_partner')).code).toBe('unknown_disclosure_basis');
  });

  it('[C22] the processing bases are consent and the legal grounds of Decree 13 and GDPR Art 6', () => {
    for (const b of ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task']) expect(PROCESSING_BASES).toContain(b);
    expect(contractPurposes('customer')).toEqual(['provide_service', 'communicate', 'process_payment', 'authenticate']);
    expect(contractPurposes('buyer')).toEqual([]);
  });

  it('[C22] every refusal code maps to a 4xx or 5xx problem with a title', () => {
    for (const code of DENY_CODES) {
      const { status, title } = denialProblem(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(title.length).toBeGreaterThan(5);
    }
    const e = denialError('consent_missing', { purpose: 'contact' });
    expect(e).toBeInstanceOf(AppError);
    expect([e.status, e.code, e.extra]).toEqual([403, 'consent_missing', { purpose: 'contact' }]);
  });
});
