/**
 * The gate's view of one subject as flat rows, for the route pipeline: the same records as
 * `SNAPSHOT_SQL` (consents, restrictions, the subject's own basis, a Customer's contract) plus
 * whether the subject belongs to the tenant, read as a UNION of plain rows. It rides in the
 * batch of the request's first statement, so it must be cheap: no JSON is built, no function
 * is called for a Subscriber or a Buyer, and the values are literals the planner folds.
 */
import { inlineParams } from '../db/literal.ts';
import type { SubjectSnapshot } from '../domain/gate.ts';
import { snapshotFromRow, type SnapshotRow } from './snapshot.ts';
import type { SubjectRef } from './types.ts';

const SQL = `
SELECT 'c' AS k, id::text AS id, purpose, given, recorded_at AS at, marketing, disclosure, category, NULL::text AS kind,
       NULL::timestamptz AS lifted_at, NULL::text AS lifted_by, NULL::text AS ref, seq
  FROM consent_records WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3
UNION ALL
SELECT 'r', id::text, purpose, NULL, created_at, NULL, NULL, category, kind, lifted_at, lifted_by, lift_reference, NULL
  FROM processing_restrictions WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3
UNION ALL
SELECT 's', NULL, legal_basis, NULL, created_at, NULL, NULL, source, NULL, NULL, NULL, NULL, NULL FROM subscribers WHERE $2 = 'subscriber' AND id = $3
UNION ALL
SELECT 'b', NULL, NULL, NULL, NULL, NULL, NULL, source, NULL, NULL, NULL, NULL, NULL FROM buyers WHERE $2 = 'buyer' AND id = $3
UNION ALL
SELECT 'k', NULL, NULL, NULL, since, NULL, NULL, NULL, NULL, ended, NULL, NULL, NULL FROM customer_contract($3) WHERE $2 = 'customer'
UNION ALL
SELECT 'p', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE $2 = 'customer' AND subject_in_tenant('customer', $3::uuid)`;

/** The admission query for `s`, values inlined (validated ids and a subject type only). */
export const admissionSql = (s: SubjectRef): string => inlineParams(SQL, [s.tenantId, s.type, s.id]);

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
