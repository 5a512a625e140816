/**
 * A website visitor's cookie choices, in the consent ledger as proof (C13, C37). The visitor is
 * known only by a consent id this module issues and their browser keeps in the necessary
 * `pledge_consent` cookie; each choice is one record per category, given or refused to the
 * banner's exact words (a tenant notice per site and language, versioned by their hash), with
 * the browser's Global Privacy Control and Do Not Track signals as evidence.
 *
 * Analytics cookies serve `improve_service`; marketing cookies (the retargeting tag) are a
 * marketing use of `contact` (src/domain/taxonomy/purposes.ts: marketing is a use, not a purpose).
 * @clause C13 cookie preferences are recorded and honoured.
 * @clause C37 consent to the marketing tag is recorded before it runs, and its withdrawal too.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { TEXT } from '../../sdk/text.ts';
import { hashWording } from './notices.ts';

export const BANNER_CATEGORIES = ['analytics', 'marketing'] as const;
export type BannerCategory = (typeof BANNER_CATEGORIES)[number];
const PURPOSE_OF: Record<BannerCategory, 'improve_service' | 'contact'> = { analytics: 'improve_service', marketing: 'contact' };

export type BannerSite = { id: string; tenant_id: string; notice_version: string };
export type BannerChoice = {
  /** The consent id the browser holds, if any; an id this tenant never issued is replaced by a new one. */
  visitor: string | null;
  /** One id per choice, so a retried request records it once. */
  choice: string;
  lang: 'vi' | 'en';
  analytics: boolean;
  marketing: boolean;
  gpc: boolean;
  dnt: boolean;
  /** The services listed under each category, as the page named them. */
  services?: Partial<Record<BannerCategory, readonly string[]>> | undefined;
};
export type BannerReceipt = { visitor: string; records: { category: BannerCategory; id: string; given: boolean }[]; noticeHash: string; replayed: boolean };

/** The words the banner shows in `lang` for this site's notice version and services: what a choice is given to. */
export function bannerWording(site: Pick<BannerSite, 'notice_version'>, lang: 'vi' | 'en', services: BannerChoice['services'] = {}): string {
  const t = TEXT[lang];
  const line = (k: BannerCategory) => `${t[k]}: ${PURPOSE_OF[k]}${k === 'marketing' ? ' (marketing)' : ''}${services[k]?.length ? ` (${services[k].join(', ')})` : ''}`;
  return [t.title, t.body, t.necessary, line('analytics'), line('marketing'), `notice ${site.notice_version}`].join('\n');
}

/** The tenant's notice for the banner's words, recorded the first time these words are shown (pages of one site may list other services). */
async function bannerNotice(tx: Sql, site: BannerSite, lang: 'vi' | 'en', services: BannerChoice['services']): Promise<{ id: string; content_hash: string }> {
  const wording = bannerWording(site, lang, services);
  const hash = hashWording(wording);
  const slug = `banner-${site.id}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [known] = await tx.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM consent_notices WHERE tenant_id = $1 AND slug = $2 AND lang = $3 AND content_hash = $4 LIMIT 1', [site.tenant_id, slug, lang, hash]);
    if (known) return known;
    // A concurrent first choice may take the same version: then look again and use its row.
    const [made] = await tx.query<{ id: string; content_hash: string }>(
      `INSERT INTO consent_notices (tenant_id, slug, version, lang, purposes, marketing, wording, content_hash, created_by_type)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, true, $5, $6, 'system' FROM consent_notices WHERE tenant_id = $1 AND slug = $2 AND lang = $3
       ON CONFLICT DO NOTHING RETURNING id, content_hash`,
      [site.tenant_id, slug, lang, Object.values(PURPOSE_OF), wording, hash]);
    if (made) return made;
  }
  throw new Error('banner notice: version contention');
}

/** The visitor's consent id: the one they hold if this tenant issued it, else a new one. */
async function visitorOf(tx: Sql, site: BannerSite, held: string | null): Promise<string> {
  if (held) {
    const [known] = await tx.query<{ id: string }>('SELECT id FROM banner_visitors WHERE id = $1', [held]);
    if (known) return known.id;
  }
  const id = randomUUID();
  await tx.query('INSERT INTO banner_visitors (id, tenant_id, site_id) VALUES ($1, $2, $3)', [id, site.tenant_id, site.id]);
  return id;
}

/**
 * Records one banner choice in the tenant transaction `tx`: one ledger record per category
 * (given or refused; marketing is refused whatever was clicked while GPC or DNT is on), each
 * naming the notice and its hash. A retried choice (same `choice` id) records nothing new.
 */
export async function recordBannerChoice(tx: Sql, auditKey: Buffer, site: BannerSite, c: BannerChoice): Promise<BannerReceipt> {
  const keys = BANNER_CATEGORIES.map((category) => `banner:${c.choice}:${category}`);
  // A retry (the browser may not hold its consent id yet) answers with what the first request recorded.
  const earlier = await tx.query<{ subject_id: string; id: string; purpose: string; given: boolean; notice_hash: string }>(
    `SELECT subject_id, id, purpose, given, notice_hash FROM consent_records WHERE subject_type = 'visitor' AND idempotency_key = ANY($1::text[])`, [keys]);
  if (earlier.length > 0) {
    const records = BANNER_CATEGORIES.flatMap((category) => earlier.filter((r) => r.purpose === PURPOSE_OF[category]).map((r) => ({ category, id: r.id, given: r.given })));
    return { visitor: earlier[0]!.subject_id, records, noticeHash: earlier[0]!.notice_hash, replayed: true };
  }
  const visitor = await visitorOf(tx, site, c.visitor);
  const notice = await bannerNotice(tx, site, c.lang, c.services);
  const evidence = `gpc=${+c.gpc} dnt=${+c.dnt} site_notice=${site.notice_version} lang=${c.lang}`;
  const given: Record<BannerCategory, boolean> = { analytics: c.analytics, marketing: c.marketing && !c.gpc && !c.dnt };
  const records: BannerReceipt['records'] = [];
  for (const [i, category] of BANNER_CATEGORIES.entries()) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, marketing, given, notice_id, notice_hash, method, evidence, recorded_by_type, recorded_by_id, idempotency_key)
       VALUES ($1, 'visitor', $2, $3, $4, $5, $6, $7, 'banner', $8, 'subject', $2, $9) RETURNING id`,
      [site.tenant_id, visitor, PURPOSE_OF[category], category === 'marketing', given[category], notice.id, notice.content_hash, evidence, keys[i]]);
    records.push({ category, id: row!.id, given: given[category] });
  }
  await recordAudit(tx, auditKey, {
    tenantId: site.tenant_id, actor: { type: 'subject', id: visitor }, action: 'consent.banner_choice', target: { type: 'visitor', id: visitor },
    details: { siteId: site.id, noticeId: notice.id, analytics: given.analytics, marketing: given.marketing, gpc: c.gpc, dnt: c.dnt, records: records.map((r) => r.id) },
  });
  return { visitor, records, noticeHash: notice.content_hash, replayed: false };
}

/** The visitor's current choice per category, from the ledger (latest record wins). */
export async function currentBannerChoice(tx: Sql, visitor: string): Promise<Partial<Record<BannerCategory, boolean>>> {
  const rows = await tx.query<{ purpose: string; given: boolean }>(
    `SELECT DISTINCT ON (purpose) purpose, given FROM consent_records
      WHERE subject_type = 'visitor' AND subject_id = $1 ORDER BY purpose, recorded_at DESC, seq DESC`, [visitor]);
  const out: Partial<Record<BannerCategory, boolean>> = {};
  for (const k of BANNER_CATEGORIES) { const r = rows.find((x) => x.purpose === PURPOSE_OF[k]); if (r) out[k] = r.given; }
  return out;
}
