import type { AgreementRow, ProcessorRow } from '../../disclosures/store.ts';
import { agreementTerms } from '../../disclosures/store.ts';
import type { AgreementOut, ProcessorOut } from './schema.ts';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The only shape in which an agreement leaves the API; `inForce` is judged at `now`. */
export function presentAgreement(r: AgreementRow, now = Date.now()): AgreementOut {
  const t = agreementTerms(r);
  return {
    id: r.id, signedAt: r.signed_at, effectiveFrom: r.effective_from, expiresAt: r.expires_at, categories: r.categories, purposes: r.purposes,
    retention: r.retention, retentionDays: r.retention_days, documentRef: r.document_ref, documentSha256: r.document_sha256,
    bindsToPolicy: r.binds_to_policy, inForce: t.bindsToPolicy && t.effectiveFrom <= now && (t.expiresAt === null || now < t.expiresAt),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export const presentProcessor = (p: ProcessorRow, agreements: readonly AgreementRow[]): ProcessorOut => ({
  id: p.id, scope: p.tenant_id === null ? 'platform' : 'tenant', name: p.name, kind: p.kind, contact: p.contact,
  createdAt: new Date(p.created_at).toISOString(), retiredAt: iso(p.retired_at), agreements: agreements.map((a) => presentAgreement(a)),
});
