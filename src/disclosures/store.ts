/**
 * Rows of the processor and disclosure tables, and the few queries every command shares.
 * Row-level security scopes each query to the transaction's tenant; ECOMKEY's own providers
 * (tenant_id NULL) are readable from every tenant.
 */
import type { Sql } from '../db/index.ts';
import type { AgreementTerms } from './rules.ts';

export type ProcessorRow = {
  id: string; tenant_id: string | null; name: string; kind: string; contact: string | null; created_at: Date; retired_at: Date | null;
};
export const PROCESSOR_COLUMNS = 'id, tenant_id, name, kind, contact, created_at, retired_at';

export type AgreementRow = {
  id: string; processor_id: string; tenant_id: string | null; signed_at: string; effective_from: string; expires_at: string | null;
  categories: string[]; purposes: string[]; retention: string; retention_days: number; document_ref: string; document_sha256: string | null;
  binds_to_policy: boolean; created_by_type: string; created_by: string | null; created_at: Date;
};
// Dates leave the database as text: drivers turn a bare `date` into a local-time Date otherwise.
export const AGREEMENT_COLUMNS = `id, processor_id, tenant_id, to_char(signed_at, 'YYYY-MM-DD') AS signed_at,
  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(expires_at, 'YYYY-MM-DD') AS expires_at,
  categories, purposes, retention, retention_days, document_ref, document_sha256, binds_to_policy, created_by_type, created_by, created_at`;

export type DisclosureRow = {
  id: string; tenant_id: string; recipient_kind: string; recipient_id: string | null; recipient_name: string; basis: string;
  order_reference: string | null; agreement_id: string | null; consent_record_id: string | null; purpose: string; categories: string[];
  subject_count: number; disclosed_at: Date; recorded_at: Date; recorded_by_type: string; recorded_by: string | null;
};
export const DISCLOSURE_COLUMNS = `id, tenant_id, recipient_kind, recipient_id, recipient_name, basis, order_reference, agreement_id,
  consent_record_id, purpose, categories, subject_count, disclosed_at, recorded_at, recorded_by_type, recorded_by`;

export type DisclosureSubjectRow = { disclosure_id: string; subject_type: string; subject_id: string; evidence: string | null };

/** A processor the transaction may see, or undefined (another tenant's id looks like no id at all). */
export async function findProcessor(tx: Sql, id: string): Promise<ProcessorRow | undefined> {
  const [row] = await tx.query<ProcessorRow>(`SELECT ${PROCESSOR_COLUMNS} FROM processors WHERE id = $1`, [id]);
  return row;
}

export async function agreementsOf(tx: Sql, processorIds: readonly string[]): Promise<AgreementRow[]> {
  if (processorIds.length === 0) return [];
  return tx.query<AgreementRow>(
    `SELECT ${AGREEMENT_COLUMNS} FROM processing_agreements WHERE processor_id = ANY($1::uuid[]) ORDER BY effective_from, created_at`,
    [processorIds],
  );
}

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

/** An agreement row as the pure check reads it. */
export const agreementTerms = (r: AgreementRow): AgreementTerms => ({
  id: r.id, categories: r.categories, purposes: r.purposes, bindsToPolicy: r.binds_to_policy,
  effectiveFrom: day(r.effective_from), expiresAt: r.expires_at === null ? null : day(r.expires_at),
});

export async function subjectsOf(tx: Sql, disclosureIds: readonly string[]): Promise<DisclosureSubjectRow[]> {
  if (disclosureIds.length === 0) return [];
  return tx.query<DisclosureSubjectRow>(
    'SELECT disclosure_id, subject_type, subject_id, evidence FROM disclosure_subjects WHERE disclosure_id = ANY($1::uuid[]) ORDER BY subject_type, subject_id',
    [disclosureIds],
  );
}
