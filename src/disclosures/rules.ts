/**
 * The disclosure ledger's own rules, pure: which agreement on file lets a provider receive
 * data, and how a recipient maps onto the gate's recipient kinds. The gate (`domain/gate.ts`)
 * decides per subject; these decide what the gate is told.
 */
import { isWithin, type DisclosureBasis } from '../domain/taxonomy/index.ts';
import type { RecipientKind as GateRecipientKind } from '../domain/gate.ts';

export const RECIPIENT_KINDS = ['processor', 'authority', 'court', 'subject', 'third_party'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const PROCESSOR_KINDS = ['payment', 'email', 'hosting', 'messaging', 'analytics', 'other'] as const;
export type ProcessorKind = (typeof PROCESSOR_KINDS)[number];

/** Subject types whose data a disclosure can name (a minor's data is never disclosed, C38). */
export const DISCLOSED_SUBJECT_TYPES = ['customer', 'subscriber', 'buyer', 'visitor', 'staff'] as const;

const GATE_KIND: Readonly<Record<RecipientKind, GateRecipientKind>> = {
  processor: 'service_provider',
  authority: 'authority',
  court: 'authority',
  subject: 'subject',
  third_party: 'other_company',
};

/** The gate's name for a ledger recipient kind. */
export const gateRecipientKind = (kind: RecipientKind): GateRecipientKind => GATE_KIND[kind];

/**
 * Whether an entry must cite an order or case reference: a court always, and the bases that
 * override consent (law, life, fraud) — the gate checks the latter too.
 * @clause C27
 */
export const needsReference = (kind: RecipientKind, basis: DisclosureBasis): boolean =>
  kind === 'court' || basis === 'required_by_law' || basis === 'threat_to_life' || basis === 'illegal_activity_or_fraud';

/** An agreement on file as the check reads it; dates as epoch milliseconds (start of day, UTC). */
export type AgreementTerms = {
  readonly id: string;
  readonly categories: readonly string[];
  readonly purposes: readonly string[];
  readonly bindsToPolicy: boolean;
  readonly effectiveFrom: number;
  readonly expiresAt: number | null;
};

export type AgreementCheck =
  | { readonly ok: true; readonly agreement: AgreementTerms }
  | { readonly ok: false; readonly code: 'processor_agreement_missing' | 'agreement_scope_exceeded'; readonly why: 'none' | 'expired' | 'not_binding' | 'retired' | 'purpose' | 'categories' };

const inForce = (a: AgreementTerms, at: number): boolean => a.effectiveFrom <= at && (a.expiresAt === null || at < a.expiresAt);
const coversCategories = (scope: readonly string[], cats: readonly string[]): boolean => cats.every((c) => scope.some((s) => isWithin(c, s)));

/**
 * Picks the agreement that lets a provider receive `categories` for `purpose` at `at`: one in
 * force, binding the provider to this policy, whose scope covers the purpose and every category.
 * Refuses with `processor_agreement_missing` when none is in force (none at all, all expired,
 * none binding) and `agreement_scope_exceeded` when those in force do not cover the request.
 * @clause C26 A provider receives data only under an agreement on file, within its scope.
 */
export function checkAgreement(
  agreements: readonly AgreementTerms[], categories: readonly string[], purpose: string, at: number, retired = false,
): AgreementCheck {
  if (retired) return { ok: false, code: 'processor_agreement_missing', why: 'retired' };
  const live = agreements.filter((a) => inForce(a, at));
  if (live.length === 0) return { ok: false, code: 'processor_agreement_missing', why: agreements.length > 0 ? 'expired' : 'none' };
  const binding = live.filter((a) => a.bindsToPolicy);
  if (binding.length === 0) return { ok: false, code: 'processor_agreement_missing', why: 'not_binding' };
  const forPurpose = binding.filter((a) => a.purposes.includes(purpose));
  if (forPurpose.length === 0) return { ok: false, code: 'agreement_scope_exceeded', why: 'purpose' };
  const covering = forPurpose.find((a) => coversCategories(a.categories, categories));
  if (!covering) return { ok: false, code: 'agreement_scope_exceeded', why: 'categories' };
  return { ok: true, agreement: covering };
}
