/**
 * The gate: the one place that decides whether a feature may process a subject's data for a
 * purpose. Pure — a snapshot of the subject's records and a request in, a decision out — and
 * allocation-free on every path but a disclosure's, so callers can ask it per message.
 * Messaging, exports, analytics, disclosures and jobs all ask it before they touch data.
 */
import { denialError, type DenyCode } from './gate-errors.ts';
import { findFeature, type FeatureName } from './features.ts';
import { PURPOSE_ORDINAL, type Allow, type ConsentEntry, type LegalEntry, type SubjectSnapshot } from './gate-snapshot.ts';
import {
  findCategory, findPurpose, findUse, isDisclosureBasis, isForbiddenPurpose, isWithin,
  GOOGLE_DISCLOSURE_BASES, RESTRICTION_PROOF_BASES, RESTRICTION_PROOF_DISCLOSURES, SENSITIVE_PROOF_BASES,
  type DisclosureBasis, type Purpose, type SourceKey, type SubjectType, type UseKey,
} from './taxonomy/index.ts';

export { buildSnapshot, isValidLift, InvalidRecordError } from './gate-snapshot.ts';
export type { Allow, ConsentRecord, Instant, LegalBasisRecord, RestrictionLift, RestrictionRecord, SubjectRecords, SubjectSnapshot } from './gate-snapshot.ts';

/** Who receives disclosed data. */
export type RecipientKind = 'service_provider' | 'authority' | 'subject' | 'other_company';

/** A service provider's data-processing agreement: which categories it may receive (C26). */
export type ProcessorAgreement = { readonly id: string; readonly categories: readonly string[] };

export type DisclosureContext = {
  readonly basis: string;
  readonly recipientKind: RecipientKind;
  /** What the recipient will do with it; `marketing` is never allowed (C28). */
  readonly recipientUse?: 'service' | 'marketing';
  readonly agreement?: ProcessorAgreement | null;
  /** Order, case or request reference; required for `required_by_law`, `threat_to_life`, `illegal_activity_or_fraud` (C27), and the recorded request for `subject_request` (C04). */
  readonly reference?: string | null;
};

export type GateRequest = {
  /** The declared feature asking (C06). */
  readonly feature: FeatureName;
  readonly subject: { readonly type: SubjectType; readonly id: string; readonly tenantId: string | null; readonly source?: SourceKey };
  /** One of the eight purposes; untrusted text is fine, anything else is refused with a code. */
  readonly purpose: string;
  readonly categories: readonly string[];
  readonly use?: UseKey;
  /** `platform` when ECOMKEY itself (staff, platform jobs) acts rather than the tenant (C29). */
  readonly actor?: 'tenant' | 'platform';
  readonly disclosure?: DisclosureContext;
  /** Epoch milliseconds the decision is for; records after it do not count. */
  readonly at: number;
};

export type Deny = { readonly allow: false; readonly code: DenyCode; readonly reason: string; readonly clause: string };
export type Decision = Allow | Deny;

// Purpose and its ordinal in one lookup.
const PURPOSE_ENTRY: ReadonlyMap<string, { purpose: Purpose; ordinal: number }> = new Map(
  [...PURPOSE_ORDINAL].map(([key, ordinal]) => [key, { purpose: findPurpose(key)!, ordinal }]),
);

const deny = (code: DenyCode, clause: string, reason: string): Deny => Object.freeze({ allow: false, code, reason, clause });

// Every refusal is a constant: deciding allocates nothing.
const D = {
  unknownPurpose: deny('unknown_purpose', 'C18', 'The purpose is not one of the eight processing purposes'),
  forbiddenPurpose: deny('purpose_forbidden', 'C28', 'Personal data is never sold or provided to other companies for their marketing'),
  recipientMarketing: deny('purpose_forbidden', 'C28', 'Disclosure for the recipient\'s own marketing is never allowed'),
  unknownUse: deny('unknown_use', 'C18', 'The use is not known'),
  unknownCategory: deny('unknown_category', 'C07', 'A data category is not in the taxonomy'),
  noCategories: deny('categories_missing', 'C06', 'The request names no data category'),
  unknownFeature: deny('unknown_feature', 'C06', 'The feature is not declared in the registry'),
  purposeUndeclared: deny('purpose_undeclared', 'C06', 'The feature did not declare this purpose'),
  categoryUndeclared: deny('category_undeclared', 'C06', 'The feature did not declare a requested category'),
  subjectMismatch: deny('subject_mismatch', 'C10', 'The snapshot is of another subject or tenant'),
  minor: deny('purpose_not_allowed', 'C38', 'A minor\'s data is used only to tell them parental consent is needed'),
  platformContact: deny('platform_contact_forbidden', 'C29', 'ECOMKEY never contacts a Customer\'s Subscribers or Buyers'),
  googleMarketing: deny('google_data_limited_use', 'C20', 'Data from Google APIs is never used for advertising or marketing'),
  googleDisclosure: deny('google_data_limited_use', 'C20', 'Data from Google APIs is disclosed only to provide the feature'),
  noDisclosureBasis: deny('disclosure_basis_missing', 'C04', 'A disclosure must name one of the allowed bases'),
  unknownDisclosureBasis: deny('unknown_disclosure_basis', 'C04', 'The disclosure basis is not one of the allowed bases'),
  noAgreement: deny('processor_agreement_missing', 'C26', 'A service provider receives data only under an agreement on file'),
  agreementScope: deny('agreement_scope_exceeded', 'C26', 'The agreement does not cover every requested category'),
  noReference: deny('disclosure_reference_missing', 'C27', 'A disclosure on a legal, life or fraud ground cites its order or case reference'),
  noRequest: deny('disclosure_request_missing', 'C04', 'A disclosure on the subject\'s request cites the request they made'),
  restricted: deny('processing_restricted', 'C34', 'The subject restricted processing for this purpose'),
  objected: deny('processing_objected', 'C34', 'The subject objected to processing for this purpose'),
  customerScope: deny('customer_scope_limited', 'C21', 'A Customer\'s information serves communication only unless the Customer allowed this purpose'),
  marketingMissing: deny('consent_missing', 'C19', 'Marketing needs the subject\'s consent covering marketing'),
  marketingWithdrawn: deny('consent_withdrawn', 'C19', 'The subject withdrew consent for marketing'),
  sensitiveMissing: deny('sensitive_consent_missing', 'C14', 'Sensitive data needs explicit consent or a legal obligation'),
  disclosureConsentMissing: deny('consent_missing', 'C03', 'Disclosure on the subject\'s permission needs their recorded consent to disclosure'),
  consentMissing: deny('consent_missing', 'C22', 'No consent or legal basis covers this purpose'),
  consentWithdrawn: deny('consent_withdrawn', 'C22', 'The subject withdrew consent for this purpose and no other basis covers it'),
} as const;

/** The consent in force at `at`: the latest record not after it. */
function consentAt(list: readonly ConsentEntry[], at: number): ConsentEntry | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.at <= at) return list[i];
  return undefined;
}

/** Every requested category lies within one of the record's categories (or the record is unlimited). */
function coversAll(scope: readonly string[] | null, categories: readonly string[]): boolean {
  if (scope === null) return true;
  outer: for (const c of categories) {
    for (const s of scope) if (isWithin(c, s)) continue outer;
    return false;
  }
  return true;
}

/** The first legal basis in force at `at` covering the categories, optionally only the given bases. */
function legalAt(list: readonly LegalEntry[], at: number, categories: readonly string[], only: ReadonlySet<string> | null): LegalEntry | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const l = list[i]!;
    if (l.from <= at && at < l.until && (only === null || only.has(l.basis)) && coversAll(l.categories, categories)) return l;
  }
  return undefined;
}

/** A requested category lies within the subtree, or the subtree within it (asking for a parent asks for its children). */
function touches(categories: readonly string[], subtree: string): boolean {
  for (let i = 0; i < categories.length; i++) if (isWithin(categories[i]!, subtree) || isWithin(subtree, categories[i]!)) return true;
  return false;
}

/**
 * Decides whether `req` may go ahead for the subject of `snap`. Allow names the basis and its
 * evidence; deny names a stable code, the clause, and a reason free of personal values.
 * Rules, in order:
 * @clause C18 the purpose is one of the eight; @clause C28 a sale or third-party-marketing purpose, or a
 *   disclosure for the recipient's marketing, is refused as `purpose_forbidden`.
 * @clause C06 the feature declared the purpose and every category.
 * @clause C38 a minor's data only serves the parental-consent notice.
 * @clause C29 ECOMKEY itself never messages a tenant's Subscribers or Buyers.
 * @clause C20 Google-sourced data: no marketing use; disclosed only to provide the feature (or by law).
 * @clause C03 @clause C04 @clause C26 @clause C27 a disclosure names an allowed basis; a provider needs an
 *   agreement covering the categories; a law, life or fraud disclosure cites its order or case reference.
 * @clause C34 a live restriction or objection refuses, except law, life or fraud; never for marketing.
 * @clause C21 a Customer's data serves non-communication purposes only with their consent.
 * @clause C19 @clause C37 marketing needs consent covering marketing (a Buyer on a marketing list above all).
 * @clause C14 sensitive categories need explicit consent, or a legal obligation or vital interest.
 * @clause C22 otherwise the latest consent, or a recorded legal basis, allows; withdrawn consent refuses.
 */
export function decide(snap: SubjectSnapshot, req: GateRequest): Decision {
  const pe = PURPOSE_ENTRY.get(req.purpose);
  if (pe === undefined) return isForbiddenPurpose(req.purpose) ? D.forbiddenPurpose : D.unknownPurpose;
  const purpose = pe.purpose;
  const p = pe.ordinal;
  const use = req.use ?? 'processing';
  const useInfo = findUse(use);
  if (useInfo === undefined) return D.unknownUse;
  const marketing = useInfo.marketing;

  const s = snap.subject;
  if (req.subject.type !== s.type || req.subject.id !== s.id || req.subject.tenantId !== s.tenantId) return D.subjectMismatch;

  const feature = findFeature(req.feature);
  if (feature === undefined) return D.unknownFeature;
  if (!feature.purposes.has(purpose.key)) return D.purposeUndeclared;
  const cats = req.categories;
  if (cats.length === 0) return D.noCategories;
  let sensitive = false;
  for (let i = 0; i < cats.length; i++) {
    const c = feature.covers.get(cats[i]!);
    if (c === undefined) return findCategory(cats[i]!) === undefined ? D.unknownCategory : D.categoryUndeclared;
    if (c.mayBeSensitive) sensitive = true;
  }

  if (s.type === 'minor' && (purpose.key !== 'communicate' || marketing)) return D.minor;
  if (req.actor === 'platform' && (s.type === 'subscriber' || s.type === 'buyer') && (marketing || use === 'messaging')) return D.platformContact;

  const google = snap.googleSourced || req.subject.source === 'google_api';
  if (google && marketing) return D.googleMarketing;

  const d = req.disclosure;
  let basis: DisclosureBasis | null = null;
  if (d !== undefined || use === 'disclosure') {
    if (d === undefined || !d.basis) return D.noDisclosureBasis;
    if (!isDisclosureBasis(d.basis)) return D.unknownDisclosureBasis;
    basis = d.basis;
    if (d.recipientUse === 'marketing') return D.recipientMarketing;
    if (google && !GOOGLE_DISCLOSURE_BASES.has(basis)) return D.googleDisclosure;
    if (basis === 'service_provider') {
      if (d.recipientKind !== 'service_provider' || !d.agreement) return D.noAgreement;
      if (!coversAll(d.agreement.categories, cats)) return D.agreementScope;
    }
    // Law, life and fraud override consent, so each such disclosure must cite what it rests on.
    if (RESTRICTION_PROOF_DISCLOSURES.has(basis) && !d.reference) return D.noReference;
    // "You asked us to" holds only with the request on record: a contract basis alone is not one.
    if (basis === 'subject_request' && !d.reference) return D.noRequest;
  }

  const at = req.at;
  const restrictions = snap.restrictions[p]!;
  for (let i = 0; i < restrictions.length; i++) {
    const r = restrictions[i]!;
    if (r.from > at || at >= r.until) continue;
    if (r.category !== null && !touches(cats, r.category)) continue;
    // An objection to marketing is absolute (GDPR Art 21(3)); otherwise law, life and fraud still hold.
    if (marketing) return r.objection ? D.objected : D.restricted;
    if (basis !== null && RESTRICTION_PROOF_DISCLOSURES.has(basis)) continue;
    if (basis === null) {
      // While restricted, only the overriding ground justifies the processing: the decision names it.
      const ground = legalAt(snap.legalBases[p]!, at, cats, RESTRICTION_PROOF_BASES);
      if (ground !== undefined) return ground.allow;
    }
    return r.objection ? D.objected : D.restricted;
  }

  // Disclosures the law compels or a life or a fraud case needs stand on their own basis (C04).
  if (basis !== null && RESTRICTION_PROOF_DISCLOSURES.has(basis)) return disclosureAllow(basis, d!.reference!);

  const consent = consentAt(snap.consents[p]!, at);
  const given = consent !== undefined && consent.given;
  if (s.type === 'customer' && !purpose.customerDefault && !given) return D.customerScope;
  if (marketing) {
    if (given && consent.marketing) return consent.allow;
    return consent !== undefined && !consent.given ? D.marketingWithdrawn : D.marketingMissing;
  }
  if (sensitive && !(given && consent.sensitive)) {
    const ground = legalAt(snap.legalBases[p]!, at, cats, SENSITIVE_PROOF_BASES);
    if (ground === undefined) return consent !== undefined && !consent.given ? D.consentWithdrawn : D.sensitiveMissing;
    // Without explicit consent, the legal ground is what justifies sensitive data: name it.
    if (basis === null) return ground.allow;
  }
  if (basis === 'subject_permission') {
    if (given && consent.disclosure) return disclosureAllow(basis, consent.id);
    return consent !== undefined && !consent.given ? D.consentWithdrawn : D.disclosureConsentMissing;
  }

  const processing: Decision | undefined = given ? consent.allow : legalAt(snap.legalBases[p]!, at, cats, null)?.allow;
  if (processing === undefined) return consent !== undefined ? D.consentWithdrawn : D.consentMissing;
  // A provider or the subject's own request carries data ECOMKEY may itself process for this purpose.
  if (basis !== null) return disclosureAllow(basis, basis === 'service_provider' ? d!.agreement!.id : (d!.reference ?? processing.evidence));
  return processing;
}

/** The only allocating path: a disclosure's evidence is the request's own reference. */
const disclosureAllow = (basis: DisclosureBasis, evidence: string | null): Allow => ({ allow: true, basis, evidence, clause: 'C04' });

/**
 * For routes and jobs: the allow, or the refusal thrown as an AppError that leaves as
 * problem+json with the code, the clause and the reason (none of which holds a personal value).
 */
export function requireAllowed(decision: Decision): Allow {
  if (decision.allow) return decision;
  throw denialError(decision.code, { detail: decision.reason, clause: decision.clause });
}
