import { diffPolicyText, type DiffPart } from '../../domain/policy-diff.ts';
import type { AcceptanceRow } from '../../policies/acceptance.ts';
import type { PolicyVersionRow } from '../../policies/versions.ts';
import type { PolicyVersionItem, PolicyVersionOut } from './schema.ts';

const iso = (d: Date): string => new Date(d).toISOString();

// Versions never change, so a diff computed once stays right; the cache spares a public page
// from recomputing a large rewrite on every read. Keyed by both content hashes and the language.
const DIFF_CACHE_SIZE = 64;
const diffCache = new Map<string, DiffPart[]>();

function cachedDiff(previous: PolicyVersionRow, r: PolicyVersionRow, lang: 'vi' | 'en'): DiffPart[] {
  const key = `${previous.content_hash}:${r.content_hash}:${lang}`;
  let parts = diffCache.get(key);
  if (!parts) {
    parts = diffPolicyText(lang === 'vi' ? previous.body_vi : previous.body_en, lang === 'vi' ? r.body_vi : r.body_en);
    if (diffCache.size >= DIFF_CACHE_SIZE) diffCache.delete(diffCache.keys().next().value!);
    diffCache.set(key, parts);
  }
  return parts;
}

export const presentVersionHeader = (r: PolicyVersionRow) => ({
  version: r.version, publishedAt: iso(r.published_at), significant: r.significant, contentHash: r.content_hash,
});

export const presentVersionItem = (r: PolicyVersionRow): PolicyVersionItem => ({
  ...presentVersionHeader(r), summaryVi: r.summary_vi, summaryEn: r.summary_en,
});

/** One version in one language, with what changed since the version before it. */
export function presentPolicyVersion(r: PolicyVersionRow, previous: PolicyVersionRow | undefined, lang: 'vi' | 'en'): PolicyVersionOut {
  const body = lang === 'vi' ? r.body_vi : r.body_en;
  return {
    kind: r.kind,
    version: r.version,
    lang,
    body,
    summary: lang === 'vi' ? r.summary_vi : r.summary_en,
    publishedAt: iso(r.published_at),
    significant: r.significant,
    contentHash: r.content_hash,
    previousVersion: previous?.version ?? null,
    diff: previous ? cachedDiff(previous, r, lang) : [],
  };
}

export const presentAccepted = (a: AcceptanceRow | undefined) =>
  a ? { privacyVersion: a.privacy_version, termsVersion: a.terms_version, acceptedAt: iso(a.accepted_at), method: a.method } : null;

export const presentSiteNotice = (r: PolicyVersionRow | undefined) => ({
  notice: r ? { kind: r.kind, version: r.version, summaryVi: r.summary_vi, summaryEn: r.summary_en, publishedAt: iso(r.published_at) } : null,
});
