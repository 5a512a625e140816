/**
 * Handing a queued mail to the SMTP provider is a disclosure to a processor: the provider
 * needs an agreement on file covering the address and the text (C26), the gate decides for
 * the recipient like for any other use (C34: a Customer who objected to being contacted is not
 * mailed), and each send is recorded in the disclosure ledger on the service-provider basis.
 * ECOMKEY's mail never goes to a merchant's Subscribers or Buyers (C29), except the sign-in
 * link a subject asked for in the privacy center, which is their own request.
 * @clause C26 @clause C29 @clause C34
 */
import { loadSnapshot } from '../consents/snapshot.ts';
import type { Sql } from '../db/index.ts';
import { buildSnapshot, decide, type Decision, type SubjectSnapshot } from '../domain/gate.ts';
import type { FeatureName } from '../domain/features.ts';
import type { CategoryKey, PurposeKey } from '../domain/taxonomy/index.ts';
import { requireProcessorAgreement } from '../disclosures/processors.ts';
import { AppError } from '../errors.ts';
import type { MailRecipientType } from './outbox.ts';

const FEATURE: FeatureName = 'outbox.deliver';
export const MAIL_CATEGORIES: readonly CategoryKey[] = ['user.contact.email', 'user.content.message', 'user.name'];
const NIL = '00000000-0000-0000-0000-000000000000';

export type QueuedMail = {
  id: number; kind: string; recipient_type: MailRecipientType; recipient_id: string | null; recipient_tenant_id: string | null;
};

/** What each kind of mail is for; sign-in links are the subject's own request. */
const PURPOSE_OF_KIND: Readonly<Record<string, PurposeKey>> = { verify_email: 'authenticate', privacy_center_link: 'communicate' };
// A sign-in link, a request's confirmation link, a ready export: each the subject asked for.
// An inquiry's acknowledgement and answer: the person wrote and asked for them.
const SUBJECT_REQUESTED = new Set(['privacy_center_link', 'request_confirmation', 'request_update', 'inquiry_acknowledged', 'inquiry_answered', 'account_closed']);
const requested = (m: QueuedMail) => SUBJECT_REQUESTED.has(m.kind);

/** Who has no ledger of their own: the basis their mail stands on. */
function impliedRecords(m: QueuedMail): SubjectSnapshot {
  const basis = m.recipient_type === 'minor' ? 'legal_obligation' : 'contract';
  return buildSnapshot({
    subject: { type: m.recipient_type, id: m.recipient_id ?? NIL, tenantId: m.recipient_tenant_id },
    // A minor is only told that parental consent is needed (C38, a legal obligation); staff and
    // a Customer not yet in a tenant are mailed under their contract or its pre-contract steps.
    legalBases: [{ id: `mail:${m.id}:${basis}`, basis, purposes: ['communicate', 'authenticate'], at: 0 }],
  });
}

export type MailAdmission =
  | { ok: true; processorId: string; processorName: string; agreementId: string; purpose: PurposeKey; evidence: string | null }
  | { ok: false; code: string };

/** The processor's agreement and the gate's decision for one mail, inside the delivery transaction. */
export async function admitMail(tx: Sql, m: QueuedMail, at = Date.now()): Promise<MailAdmission> {
  if ((m.recipient_type === 'subscriber' || m.recipient_type === 'buyer') && !requested(m)) return { ok: false, code: 'platform_contact_forbidden' };
  const purpose = PURPOSE_OF_KIND[m.kind] ?? 'communicate';
  const [provider] = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM processors WHERE tenant_id IS NULL AND kind = 'email' AND retired_at IS NULL ORDER BY created_at LIMIT 1`,
  );
  if (!provider) return { ok: false, code: 'processor_agreement_missing' };
  let agreement;
  try {
    agreement = await requireProcessorAgreement(tx, provider.id, MAIL_CATEGORIES, purpose, at);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code };
    throw err;
  }
  const base = { ok: true as const, processorId: provider.id, processorName: provider.name, agreementId: agreement.id, purpose };
  if (requested(m)) return { ...base, evidence: 'subject_request' };
  const ledgered = m.recipient_type === 'customer' && m.recipient_id && m.recipient_tenant_id;
  if (ledgered) await tx.query(`SELECT set_config('app.tenant_id', $1, true)`, [m.recipient_tenant_id]);
  const snapshot = ledgered
    ? await loadSnapshot(tx, { tenantId: m.recipient_tenant_id!, type: 'customer', id: m.recipient_id! })
    : impliedRecords(m);
  const decision: Decision = decide(snapshot, {
    feature: FEATURE, purpose, categories: MAIL_CATEGORIES, actor: 'platform', use: 'disclosure', at,
    subject: { type: snapshot.subject.type, id: snapshot.subject.id, tenantId: snapshot.subject.tenantId },
    disclosure: { basis: 'service_provider', recipientKind: 'service_provider', recipientUse: 'service', agreement: { id: agreement.id, categories: agreement.categories } },
  });
  return decision.allow ? { ...base, evidence: decision.evidence } : { ok: false, code: decision.code };
}

/** The send, as the disclosure ledger records it: the provider, the basis, whose address. */
export async function recordMailDisclosure(tx: Sql, m: QueuedMail, a: Extract<MailAdmission, { ok: true }>): Promise<void> {
  const [d] = await tx.query<{ id: string }>(
    `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_id, recipient_name, basis, agreement_id, purpose, categories, subject_count,
                              disclosed_at, recorded_by_type, recipient_use)
     VALUES ($1, 'processor', $2, $3, 'service_provider', $4, $5, $6, 1, now(), 'system', 'service') RETURNING id`,
    [m.recipient_tenant_id, a.processorId, a.processorName, a.agreementId, a.purpose, MAIL_CATEGORIES],
  );
  if (m.recipient_id && m.recipient_type !== 'minor') {
    await tx.query(`INSERT INTO disclosure_subjects (disclosure_id, tenant_id, subject_type, subject_id, evidence) VALUES ($1, $2, $3, $4, $5)`, [
      d!.id, m.recipient_tenant_id, m.recipient_type, m.recipient_id, a.evidence,
    ]);
  }
}
