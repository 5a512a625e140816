/**
 * Builds the gate's `SubjectSnapshot` from the ledger: consents, restrictions, the subject's own
 * basis and a Customer's contract, plus whether the subject belongs to the tenant, read as one
 * UNION of plain rows. The route pipeline sends it as a prepared statement in the same round
 * trip as the request's first statement (`src/db/scope.ts`); every other caller of the gate
 * reads the same statement through `loadSnapshot`. No JSON is built, and no function is called
 * for a Subscriber or a Buyer, so the store plans it once per connection and runs it cheaply.
 */
import type { Sql } from '../db/index.ts';
import { prepared } from '../db/prepared.ts';
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

type SnapshotRow = {
  consents: Array<{ id: string; purpose: PurposeKey; given: boolean; at: string; marketing: boolean; disclosure: boolean; category: string | null }>;
  restrictions: Array<{
    id: string; kind: 'restriction' | 'objection'; purpose: PurposeKey | null; category: CategoryKey | null; at: string;
    lifted_at: string | null; lifted_by: 'subject' | 'legal_ground' | null; lift_reference: string | null;
  }>;
  subscriber: { legal_basis: string; at: string; source: string } | null;
  buyer: { source: string } | null;
  contract: { since: string | null; ended: string | null } | null;
};

/** The snapshot of the subject's records, grouped. */
function snapshotFromRow(subject: SubjectRef, row: SnapshotRow | undefined): SubjectSnapshot {
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

const SQL = `
SELECT 'c' AS k, id::text AS id, purpose, given, recorded_at AS at, marketing, disclosure, category, NULL::text AS kind,
       NULL::timestamptz AS lifted_at, NULL::text AS lifted_by, NULL::text AS ref, seq
  FROM consent_records WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3
UNION ALL
SELECT 'r', id::text, purpose, NULL, created_at, NULL, NULL, category, kind, lifted_at, lifted_by, lift_reference, NULL
  FROM processing_restrictions WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3
UNION ALL
SELECT 's', NULL, legal_basis, NULL, created_at, NULL, NULL, source, NULL, NULL, NULL, NULL, NULL FROM subscribers WHERE $2 = 'subscriber' AND id = $3 AND tenant_id = $1
UNION ALL
SELECT 'b', NULL, NULL, NULL, NULL, NULL, NULL, source, NULL, NULL, NULL, NULL, NULL FROM buyers WHERE $2 = 'buyer' AND id = $3 AND tenant_id = $1
UNION ALL
SELECT 'k', NULL, NULL, NULL, since, NULL, NULL, NULL, NULL, ended, NULL, NULL, NULL FROM customer_contract($3) WHERE $2 = 'customer'
UNION ALL
SELECT 'p', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE $2 = 'customer' AND subject_in_tenant('customer', $3::uuid)`;

/** The admission query, prepared on each connection that sends it. */
export const ADMISSION = prepared(SQL);

/** Its arguments for `s` (validated ids and a subject type only). */
export const admissionParams = (s: SubjectRef): readonly unknown[] => [s.tenantId, s.type, s.id];

type Flat = {
  k: 'c' | 'r' | 's' | 'b' | 'p' | 'k'; id: string | null; purpose: string | null; given: boolean | null; at: string | Date | null;
  marketing: boolean | null; disclosure: boolean | null; category: string | null; kind: string | null;
  lifted_at: string | Date | null; lifted_by: string | null; ref: string | null; seq: number | string | null;
};

const iso = (v: string | Date | null): string => (v instanceof Date ? v.toISOString() : String(v));

/** Whether the subject is the tenant's, and their snapshot, from the admission query's rows. */
export function admissionFromRows(s: SubjectRef, rows: readonly Record<string, unknown>[]): { present: boolean; snapshot: SubjectSnapshot } {
  const flat = rows as unknown as Flat[];
  const row: SnapshotRow = { consents: [], restrictions: [], subscriber: null, buyer: null, contract: null };
  let present = false;
  const consents: Array<SnapshotRow['consents'][number] & { seq: number }> = [];
  for (const r of flat) {
    if (r.k === 'c') consents.push({ id: r.id!, purpose: r.purpose as never, given: r.given!, at: iso(r.at), marketing: r.marketing!, disclosure: r.disclosure!, category: r.category, seq: Number(r.seq) });
    else if (r.k === 'r') {
      row.restrictions.push({
        id: r.id!, kind: r.kind as 'restriction', purpose: r.purpose as never, category: r.category as never, at: iso(r.at),
        lifted_at: r.lifted_at === null ? null : iso(r.lifted_at), lifted_by: r.lifted_by as never, lift_reference: r.ref,
      });
    } else if (r.k === 's') {
      present = true;
      row.subscriber = { legal_basis: r.purpose!, at: iso(r.at), source: r.category ?? '' };
    } else if (r.k === 'b') {
      // A Buyer's source key tags them too (C20: `google_api.*` is Limited Use).
      present = true;
      row.buyer = { source: r.category ?? '' };
    } else if (r.k === 'k') row.contract = { since: r.at === null ? null : iso(r.at), ended: r.lifted_at === null ? null : iso(r.lifted_at) };
    else present = true;
  }
  // The ledger's order: by time, then by insertion.
  consents.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  row.consents = consents;
  row.restrictions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { present, snapshot: snapshotFromRow(s, row) };
}

/** The subject's snapshot for `decide`, as of the ledger in this transaction. */
export async function loadSnapshot(tx: Sql, subject: SubjectRef): Promise<SubjectSnapshot> {
  return admissionFromRows(subject, await tx.query(ADMISSION.text, admissionParams(subject))).snapshot;
}
