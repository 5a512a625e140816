/**
 * Builds the gate's `SubjectSnapshot` from the ledger: consents, restrictions and the legal
 * bases on file, read in one round trip. Every caller of the gate gets its snapshot here.
 */
import type { Sql } from '../db/index.ts';
import { buildSnapshot, type ConsentRecord, type LegalBasisRecord, type RestrictionRecord, type SubjectSnapshot } from '../domain/gate.ts';
import {
  contractPurposes, findCategory, isProcessingBasis, sourceTags, type CategoryKey, type PurposeKey,
} from '../domain/taxonomy/index.ts';
import type { SubjectRef } from './types.ts';

/**
 * What a Subscriber's recorded legal basis (other than consent) covers: holding the contact
 * and answering them, what the Customer collected it for (C10, C11). Anything further, and any
 * marketing, needs a consent in the ledger.
 */
export const SUBSCRIBER_BASIS_PURPOSES: readonly PurposeKey[] = ['provide_service', 'communicate'];

type Row = {
  consents: Array<{ id: string; purpose: PurposeKey; given: boolean; at: string; marketing: boolean; disclosure: boolean; category: string | null }>;
  restrictions: Array<{
    id: string; kind: 'restriction' | 'objection'; purpose: PurposeKey | null; category: CategoryKey | null; at: string;
    lifted_at: string | null; lifted_by: 'subject' | 'legal_ground' | null; lift_reference: string | null;
  }>;
  subscriber: { legal_basis: string; at: string; source: string } | null;
  buyer: { source: string } | null;
  contract: { since: string | null; ended: string | null } | null;
};

// One statement: the ledger, the subject's own basis, and (for a Customer) their contract.
export const SNAPSHOT_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('id', id, 'purpose', purpose, 'given', given, 'at', recorded_at, 'marketing', marketing,
                                              'disclosure', disclosure, 'category', category) ORDER BY recorded_at, seq), '[]'::json)
     FROM consent_records WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3) AS consents,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'kind', kind, 'purpose', purpose, 'category', category, 'at', created_at,
                                              'lifted_at', lifted_at, 'lifted_by', lifted_by, 'lift_reference', lift_reference) ORDER BY created_at), '[]'::json)
     FROM processing_restrictions WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3) AS restrictions,
  (SELECT json_build_object('legal_basis', legal_basis, 'at', created_at, 'source', source)
     FROM subscribers WHERE $2 = 'subscriber' AND id = $3 AND tenant_id = $1) AS subscriber,
  (SELECT json_build_object('source', source) FROM buyers WHERE $2 = 'buyer' AND id = $3 AND tenant_id = $1) AS buyer,
  (SELECT json_build_object('since', since, 'ended', ended) FROM customer_contract($3) WHERE $2 = 'customer') AS contract`;


/** The subject's snapshot for `decide`, as of the ledger in this transaction. */
export async function loadSnapshot(tx: Sql, subject: SubjectRef): Promise<SubjectSnapshot> {
  const [row] = await tx.query<Row>(SNAPSHOT_SQL, [subject.tenantId, subject.type, subject.id]);
  return snapshotFromRow(subject, row);
}

export type SnapshotRow = Row;

/** The snapshot of a row of SNAPSHOT_SQL (for callers that add columns to the same statement). */
export function snapshotFromRow(subject: SubjectRef, row: Row | undefined): SubjectSnapshot {
  const consents: ConsentRecord[] = (row?.consents ?? []).map((c) => ({
    id: c.id, purpose: c.purpose, given: c.given, at: c.at, marketing: c.marketing, disclosure: c.disclosure,
    // Explicit consent to a sensitive category is what C14 asks for.
    sensitive: c.category !== null && findCategory(c.category)?.mayBeSensitive === true,
  }));
  const restrictions: RestrictionRecord[] = (row?.restrictions ?? []).map((r) => ({
    id: r.id, kind: r.kind, purpose: r.purpose, category: r.category, at: r.at,
    lifted: r.lifted_at && r.lifted_by ? { at: r.lifted_at, by: r.lifted_by, ...(r.lift_reference ? { reference: r.lift_reference } : {}) } : null,
  }));
  const legalBases: LegalBasisRecord[] = [];
  const sub = row?.subscriber;
  if (sub && sub.legal_basis === 'consent') {
    // The opt-in a contact was created on (a first message, "Get Started", a keyword) is their
    // consent to be held and answered; a later withdrawal in the ledger still wins (C10, C22).
    const optIn: ConsentRecord[] = SUBSCRIBER_BASIS_PURPOSES.map((purpose) => ({ id: `subscriber:${subject.id}:opt_in`, purpose, given: true, at: sub.at }));
    consents.unshift(...optIn);
  }
  if (sub && sub.legal_basis !== 'consent' && isProcessingBasis(sub.legal_basis)) {
    legalBases.push({ id: `subscriber:${subject.id}:legal_basis`, basis: sub.legal_basis as LegalBasisRecord['basis'], purposes: SUBSCRIBER_BASIS_PURPOSES, at: sub.at });
  }
  const contract = row?.contract;
  if (contract?.since) {
    legalBases.push({ id: `customer:${subject.id}:contract`, basis: 'contract', purposes: contractPurposes('customer'), at: contract.since, endedAt: contract.ended });
  }
  return buildSnapshot({
    subject: { type: subject.type, id: subject.id, tenantId: subject.tenantId },
    // The row's source key names its general source: `google_api.*` is Limited Use (C20), for Buyers as for Subscribers.
    sources: sourceTags(sub?.source ?? row?.buyer?.source),
    consents, restrictions, legalBases,
  });
}
