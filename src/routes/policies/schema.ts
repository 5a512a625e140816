import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

export const PolicyKind = z.enum(['privacy', 'terms']);
export const PolicyLang = z.enum(['vi', 'en']);

/** A version number as it appears in a path: digits only, from 1 (no sign, no fraction, no leading zero). */
const VersionParam = identifier(/^[1-9]\d{0,8}$/, { max: 9 }).transform(Number);
/** A version number in a JSON body. */
const VersionNumber = z.number().int().min(1).max(999_999_999);

export const KindParams = z.strictObject({ kind: PolicyKind });
export const VersionParams = z.strictObject({ kind: PolicyKind, version: VersionParam });
/** Vietnamese unless asked otherwise: the service and its users are in Vietnam. */
export const LangQuery = z.strictObject({ lang: PolicyLang.default('vi') });

const VersionHeader = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  significant: z.boolean(),
  contentHash: z.string(),
});

export const PolicyOverview = z.object({
  privacy: z.object({ current: VersionHeader, required: z.number().int() }),
  terms: z.object({ current: VersionHeader, required: z.number().int() }),
});

export const PolicyVersionItem = VersionHeader.extend({ summaryVi: z.string(), summaryEn: z.string() });
export type PolicyVersionItem = z.infer<typeof PolicyVersionItem>;
export const PolicyVersionList = z.object({ kind: PolicyKind, items: z.array(PolicyVersionItem) });

export const PolicyVersionOut = z.object({
  kind: PolicyKind,
  version: z.number().int(),
  lang: PolicyLang,
  body: z.string(),
  summary: z.string(),
  publishedAt: z.string(),
  significant: z.boolean(),
  contentHash: z.string(),
  previousVersion: z.number().int().nullable(),
  /** Changes from the previous version in the same language; empty for the first version. */
  diff: z.array(z.object({ op: z.enum(['add', 'del', 'same']), text: z.string() })),
});
export type PolicyVersionOut = z.infer<typeof PolicyVersionOut>;

const AcceptedOut = z.object({
  privacyVersion: z.number().int(),
  termsVersion: z.number().int(),
  acceptedAt: z.string(),
  method: z.enum(['ui', 'api']),
});

export const PolicyStatusOut = z.object({
  acceptanceRequired: z.boolean(),
  accepted: AcceptedOut.nullable(),
  current: z.object({ privacy: z.number().int(), terms: z.number().int() }),
});

export const AcceptBody = z.strictObject({ privacyVersion: VersionNumber, termsVersion: VersionNumber });
export const AcceptOut = z.object({ acceptedAt: z.string(), method: z.enum(['ui', 'api']) });

export const SiteNoticeOut = z.object({
  notice: z
    .object({ kind: PolicyKind, version: z.number().int(), summaryVi: z.string(), summaryEn: z.string(), publishedAt: z.string() })
    .nullable(),
});
