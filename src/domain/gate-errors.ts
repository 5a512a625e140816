/**
 * What each refusal of the gate means over HTTP: a status and a title, so a route turns a
 * denial into problem+json through the one AppError path. Codes are stable; clients branch
 * on them. Titles never quote a personal value.
 */
import { AppError } from '../errors.ts';

const DENIALS = {
  // Bad input: the caller named something the taxonomy does not know.
  unknown_purpose: [400, 'Unknown purpose: use one of the eight processing purposes'],
  unknown_category: [400, 'Unknown data category'],
  unknown_subject_type: [400, 'Unknown data subject type'],
  unknown_use: [400, 'Unknown use'],
  unknown_disclosure_basis: [400, 'Unknown disclosure basis: use one of the bases of the policy'],
  categories_missing: [400, 'Name at least one data category'],
  // Policy refusals.
  purpose_forbidden: [403, 'Personal data is never sold or provided to other companies for their marketing'],
  purpose_not_allowed: [403, 'This purpose is not allowed for this person'],
  consent_missing: [403, 'No consent or other legal basis covers this processing'],
  consent_withdrawn: [403, 'The person withdrew consent for this purpose'],
  sensitive_consent_missing: [403, 'Sensitive data needs the person\'s explicit consent'],
  processing_restricted: [403, 'The person restricted this processing'],
  processing_objected: [403, 'The person objected to this processing'],
  google_data_limited_use: [403, 'Data from Google APIs is never used for advertising or marketing, nor disclosed except to provide the feature'],
  customer_scope_limited: [403, 'A Customer\'s information is used for communication only unless the Customer allowed more'],
  processor_agreement_missing: [403, 'The service provider has no agreement on file'],
  agreement_scope_exceeded: [403, 'The service provider\'s agreement does not cover these categories'],
  platform_contact_forbidden: [403, 'ECOMKEY never contacts a Customer\'s Subscribers or Buyers'],
  // A disclosure the ledger cannot record as asked.
  disclosure_basis_missing: [422, 'A disclosure must name its basis'],
  disclosure_request_missing: [422, 'A disclosure on the subject\'s request cites that recorded request'],
  disclosure_reference_missing: [422, 'A disclosure on a legal, life or fraud ground must cite its order or case reference'],
  restriction_lift_not_allowed: [403, 'A restriction is lifted only by the person or on a legal ground with a reference'],
  // Programming errors: the calling feature did not declare what it does (C06).
  unknown_feature: [500, 'The calling feature is not declared in the registry'],
  purpose_undeclared: [500, 'The calling feature did not declare this purpose'],
  category_undeclared: [500, 'The calling feature did not declare this data category'],
  subject_mismatch: [500, 'The snapshot belongs to another subject'],
} as const satisfies Record<string, readonly [number, string]>;

export type DenyCode = keyof typeof DENIALS;
export const DENY_CODES = Object.keys(DENIALS) as DenyCode[];

/** HTTP status and problem title of a refusal code. */
export function denialProblem(code: DenyCode): { status: number; title: string } {
  const [status, title] = DENIALS[code];
  return { status, title };
}

/** The AppError a route throws for a refusal; `extra` may carry ids and codes, never values. */
export function denialError(code: DenyCode, extra: Record<string, unknown> = {}): AppError {
  const { status, title } = denialProblem(code);
  return new AppError(status, code, title, extra);
}
