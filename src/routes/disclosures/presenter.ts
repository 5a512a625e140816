import type { RecordedDisclosure } from '../../disclosures/ledger.ts';
import type { DisclosureOut } from './schema.ts';

/** The only shape in which a ledger entry leaves the API. */
export const presentDisclosure = ({ disclosure: d, subjects }: RecordedDisclosure): DisclosureOut => ({
  id: d.id,
  recipient: { kind: d.recipient_kind, id: d.recipient_id, name: d.recipient_name },
  basis: d.basis,
  orderReference: d.order_reference,
  agreementId: d.agreement_id,
  consentRecordId: d.consent_record_id,
  purpose: d.purpose,
  categories: d.categories,
  subjects: subjects.map((s) => ({ type: s.subject_type, id: s.subject_id, evidence: s.evidence })),
  disclosedAt: new Date(d.disclosed_at).toISOString(),
  recordedAt: new Date(d.recorded_at).toISOString(),
  recordedBy: { type: d.recorded_by_type, id: d.recorded_by },
});
