import type { ConsentProof } from '../../consents/ledger.ts';
import type { ConsentRow, NoticeRow } from '../../consents/types.ts';
import type { ConsentOut, NoticeOut } from './schema.ts';

const iso = (d: Date | string): string => new Date(d).toISOString();

/** The only shape in which a consent record leaves the API; the evidence goes to the tenant and the subject only. */
export const presentConsent = (r: ConsentRow): ConsentOut => ({
  id: r.id,
  subject: { type: r.subject_type, id: r.subject_id },
  purpose: r.purpose,
  given: r.given,
  marketing: r.marketing,
  disclosure: r.disclosure,
  category: r.category,
  method: r.method,
  evidence: r.evidence,
  notice: r.notice_id && r.notice_hash
    ? { id: r.notice_id, slug: r.notice_slug ?? '', version: Number(r.notice_version ?? 0), lang: r.notice_lang ?? '', contentHash: r.notice_hash }
    : null,
  recordedAt: iso(r.recorded_at),
  recordedBy: { type: r.recorded_by_type, id: r.recorded_by_id },
});

export const presentNotice = (n: NoticeRow): NoticeOut => ({
  id: n.id,
  owner: n.tenant_id === null ? 'platform' : 'tenant',
  slug: n.slug,
  version: Number(n.version),
  lang: n.lang,
  purposes: n.purposes,
  marketing: n.marketing,
  disclosure: n.disclosure,
  category: n.category,
  wording: n.wording,
  contentHash: n.content_hash,
  createdAt: iso(n.created_at),
});

export const presentProof = (p: ConsentProof) => ({ record: presentConsent(p.record), notice: p.notice ? presentNotice(p.notice) : null, intact: p.intact });
