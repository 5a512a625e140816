/**
 * The consent ledger's shapes: who a record is about, who wrote it, and the rows as stored.
 * Rows leave the API only through the presenters in `src/routes/consents/presenter.ts`.
 */
import type { Sql } from '../db/index.ts';
import type { PurposeKey } from '../domain/taxonomy/index.ts';
import type { TenantSubjectRef } from '../subjects/ref.ts';

/** Subjects with a consent ledger: ECOMKEY's Customers, and a tenant's Subscribers and Buyers. */
export const LEDGER_SUBJECT_TYPES = ['customer', 'subscriber', 'buyer'] as const;
export type LedgerSubjectType = (typeof LEDGER_SUBJECT_TYPES)[number];

/** One subject of one tenant (the code base's one subject reference, narrowed). A Customer's ledger lives in their own tenant. */
export type SubjectRef = TenantSubjectRef<LedgerSubjectType>;

/** Who wrote an entry: a merchant user, an API key, staff, the subject themself, or the system. */
export type LedgerActor = { readonly type: 'user' | 'api_key' | 'staff' | 'subject' | 'system'; readonly id: string | null };

/** The transaction (already scoped to the subject's tenant) and the audit chain key. */
export type LedgerCtx = { readonly tx: Sql; readonly auditKey: Buffer };

export const CONSENT_METHODS = ['checkbox', 'bot_keyword', 'api', 'banner', 'paper'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export type ConsentRow = {
  id: string;
  subject_type: LedgerSubjectType;
  subject_id: string;
  purpose: PurposeKey;
  given: boolean;
  marketing: boolean;
  disclosure: boolean;
  category: string | null;
  method: ConsentMethod;
  evidence: string | null;
  notice_id: string | null;
  notice_hash: string | null;
  notice_slug: string | null;
  notice_version: number | null;
  notice_lang: string | null;
  recorded_at: Date;
  recorded_by_type: LedgerActor['type'];
  recorded_by_id: string | null;
};

/** Columns of a consent row joined with its notice's identity (`r` records, `n` notices). */
export const CONSENT_COLUMNS = `r.id, r.subject_type, r.subject_id, r.purpose, r.given, r.marketing, r.disclosure, r.category, r.method, r.evidence,
  r.notice_id, r.notice_hash, n.slug AS notice_slug, n.version AS notice_version, n.lang AS notice_lang,
  r.recorded_at, r.recorded_by_type, r.recorded_by_id`;

export type NoticeRow = {
  id: string;
  tenant_id: string | null;
  slug: string;
  version: number;
  lang: 'vi' | 'en';
  purposes: PurposeKey[];
  marketing: boolean;
  disclosure: boolean;
  category: string | null;
  wording: string;
  content_hash: string;
  created_at: Date;
};

export const NOTICE_COLUMNS = 'id, tenant_id, slug, version, lang, purposes, marketing, disclosure, category, wording, content_hash, created_at';

export type RestrictionRow = {
  id: string;
  subject_type: LedgerSubjectType;
  subject_id: string;
  kind: 'restriction' | 'objection';
  purpose: PurposeKey | null;
  category: string | null;
  reason: string | null;
  created_at: Date;
  created_by_type: LedgerActor['type'];
  lifted_at: Date | null;
  lifted_by: 'subject' | 'legal_ground' | null;
  lift_reference: string | null;
};

export const RESTRICTION_COLUMNS = 'id, subject_type, subject_id, kind, purpose, category, reason, created_at, created_by_type, lifted_at, lifted_by, lift_reference';
