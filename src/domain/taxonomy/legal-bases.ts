/**
 * Legal bases. A processing basis answers "why may we process this at all" (C22); a
 * disclosure basis answers "why may it leave ECOMKEY" — the C04 list, and nothing else.
 * @clause C04 Each disclosure names one of the allowed sharing bases.
 * @clause C22 Collection and use only with consent, except where law says otherwise.
 */
import type { PurposeKey } from './purposes.ts';
import type { SubjectType } from './subjects.ts';

const D13 = 'VN Decree 13/2023/ND-CP';

const PROCESSING_DEFS = {
  consent: { label: 'Consent of the subject', citations: [`${D13} Art 11`, 'GDPR Art 6(1)(a)'] },
  contract: { label: 'Performing a contract with the subject', citations: [`${D13} Art 17`, 'GDPR Art 6(1)(b)'] },
  legal_obligation: { label: 'A legal obligation', citations: [`${D13} Art 17`, 'GDPR Art 6(1)(c)'] },
  vital_interest: { label: 'Protecting someone\'s life or health (threat to life)', citations: [`${D13} Art 17`, 'GDPR Art 6(1)(d)'] },
  public_task: { label: 'A task in the public interest or of a state agency', citations: [`${D13} Art 17`, 'GDPR Art 6(1)(e)'] },
  /** GDPR only: Vietnamese law has no such basis, so it never covers sensitive data or marketing here. */
  legitimate_interest: { label: 'Legitimate interest (GDPR only)', citations: ['GDPR Art 6(1)(f)'] },
} as const satisfies Record<string, { label: string; citations: readonly string[] }>;

export type ProcessingBasis = keyof typeof PROCESSING_DEFS;
export const PROCESSING_BASES = Object.keys(PROCESSING_DEFS) as ProcessingBasis[];
export const PROCESSING_BASIS_INFO: Readonly<Record<ProcessingBasis, { label: string; citations: readonly string[] }>> = PROCESSING_DEFS;

const DISCLOSURE_DEFS = {
  illegal_activity_or_fraud: { label: 'Investigating or preventing illegal activity or suspected fraud' },
  threat_to_life: { label: 'A threat to a person\'s life' },
  required_by_law: { label: 'Required by law or a court order (C27)' },
  service_provider: { label: 'A service provider working for ECOMKEY under an agreement (C26)' },
  subject_request: { label: 'Delivering a product or service the subject asked for' },
  subject_permission: { label: 'The subject\'s recorded permission (C03)' },
} as const satisfies Record<string, { label: string }>;

export type DisclosureBasis = keyof typeof DISCLOSURE_DEFS;
export const DISCLOSURE_BASES = Object.keys(DISCLOSURE_DEFS) as DisclosureBasis[];
export const DISCLOSURE_BASIS_INFO: Readonly<Record<DisclosureBasis, { label: string }>> = DISCLOSURE_DEFS;

/** Any basis a decision can name. */
export type Basis = ProcessingBasis | DisclosureBasis;

/**
 * Processing bases that still hold while the subject restricts or objects (GDPR Art 18(2),
 * Art 21(1)): what the law requires, or protects a life, goes on.
 * @clause C34
 */
export const RESTRICTION_PROOF_BASES: ReadonlySet<ProcessingBasis> = new Set(['legal_obligation', 'vital_interest']);

/**
 * The grounds on which ECOMKEY staff may lift a subject's restriction or objection (GDPR Art
 * 18(2), Art 21(1); Decree 13/2023 Art 17): a merchant's say-so is not one of them.
 * @clause C34
 */
export const LIFT_GROUNDS = {
  legal_obligation: { label: 'A legal obligation requires the processing', citations: [`${D13} Art 17`, 'GDPR Art 18(2)'] },
  vital_interest: { label: 'A person\'s life or health is at stake', citations: [`${D13} Art 17`, 'GDPR Art 18(2)'] },
  legal_claims: { label: 'Establishing, exercising or defending legal claims', citations: ['GDPR Art 18(2)', 'GDPR Art 21(1)'] },
  rights_of_others: { label: 'Protecting the rights of another person', citations: ['GDPR Art 18(2)'] },
  public_interest: { label: 'An important public interest', citations: [`${D13} Art 17`, 'GDPR Art 18(2)'] },
} as const satisfies Record<string, { label: string; citations: readonly string[] }>;
export type LiftGround = keyof typeof LIFT_GROUNDS;
export const LIFT_GROUND_KEYS = Object.keys(LIFT_GROUNDS) as LiftGround[];

/** Disclosure bases that hold despite a restriction or objection (law, life, fraud). @clause C34 */
export const RESTRICTION_PROOF_DISCLOSURES: ReadonlySet<DisclosureBasis> = new Set(['required_by_law', 'threat_to_life', 'illegal_activity_or_fraud']);

/**
 * Disclosure bases under which data from Google APIs may leave ECOMKEY: to provide the feature
 * (a provider working for it, or the subject's own request), or because the law compels it —
 * the exceptions of Google's User Data Policy (Limited Use).
 * @clause C20
 */
export const GOOGLE_DISCLOSURE_BASES: ReadonlySet<DisclosureBasis> = new Set(['service_provider', 'subject_request', 'required_by_law']);

/** Bases that may stand in for consent on sensitive data (C14): law, or a life at stake. */
export const SENSITIVE_PROOF_BASES: ReadonlySet<ProcessingBasis> = RESTRICTION_PROOF_BASES;

const CONTRACT_PURPOSES: Readonly<Record<SubjectType, readonly PurposeKey[]>> = {
  customer: ['provide_service', 'communicate', 'process_payment', 'authenticate'],
  staff: ['provide_service', 'communicate', 'authenticate'],
  subscriber: [],
  buyer: [],
  visitor: [],
  minor: [],
};

/**
 * The purposes an account contract covers for a subject type: the storage layer records a
 * `contract` legal-basis record for these when the subject accepts the Terms (C06).
 */
export const contractPurposes = (subject: SubjectType): readonly PurposeKey[] => CONTRACT_PURPOSES[subject];
