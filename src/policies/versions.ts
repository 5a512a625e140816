import type { Sql } from '../db/index.ts';
import type { PolicyKind } from './publish.ts';

export const POLICY_KINDS: readonly PolicyKind[] = ['privacy', 'terms'];

export type PolicyVersionRow = {
  id: string;
  kind: PolicyKind;
  version: number;
  body_vi: string;
  body_en: string;
  summary_vi: string;
  summary_en: string;
  content_hash: string;
  significant: boolean;
  published_at: Date;
};

const COLUMNS = 'id, kind, version, body_vi, body_en, summary_vi, summary_en, content_hash, significant, published_at';
const HEADER_COLUMNS = "id, kind, version, '' AS body_vi, '' AS body_en, summary_vi, summary_en, content_hash, significant, published_at";

/** Every published version of a kind, newest first, without the bodies (a list never needs them). */
export function listPolicyVersions(sql: Sql, kind: PolicyKind): Promise<PolicyVersionRow[]> {
  return sql.query<PolicyVersionRow>(
    `SELECT ${HEADER_COLUMNS} FROM policy_versions WHERE kind = $1 AND published_at <= now() ORDER BY version DESC`,
    [kind],
  );
}

/**
 * One version and the one before it (for the diff). Every version stays readable forever:
 * nothing ever deletes or edits a row of policy_versions.
 * @clause C40
 */
export async function findPolicyVersion(
  sql: Sql,
  kind: PolicyKind,
  version: number | 'current',
): Promise<{ row: PolicyVersionRow; previous: PolicyVersionRow | undefined } | undefined> {
  const rows = await sql.query<PolicyVersionRow>(
    `WITH target AS (
       SELECT version FROM policy_versions
        WHERE kind = $1 AND published_at <= now() AND ($2::int IS NULL OR version = $2)
        ORDER BY version DESC LIMIT 1)
     SELECT ${COLUMNS} FROM policy_versions
      WHERE kind = $1 AND version <= (SELECT version FROM target)
      ORDER BY version DESC LIMIT 2`,
    [kind, version === 'current' ? null : version],
  );
  const [row, previous] = rows;
  return row ? { row, previous } : undefined;
}

/** Current (newest) and required (newest significant) version of each kind. */
export type PolicyVersionNumbers = Record<PolicyKind, { current: number; required: number }>;

/**
 * The version a user must have accepted is the newest significant one: a minor edit does not
 * force re-acceptance (the newest version is required when none is significant).
 * @clause C06 @clause C40
 */
export const REQUIRED_VERSION_SQL = (kind: PolicyKind): string =>
  `(SELECT COALESCE(max(version) FILTER (WHERE significant), max(version)) FROM policy_versions WHERE kind = '${kind}' AND published_at <= now())`;

export async function policyVersionNumbers(sql: Sql): Promise<PolicyVersionNumbers> {
  const rows = await sql.query<{ kind: PolicyKind; current: number; required: number }>(
    `SELECT kind, max(version) AS current, COALESCE(max(version) FILTER (WHERE significant), max(version)) AS required
       FROM policy_versions WHERE published_at <= now() GROUP BY kind`,
  );
  const out: PolicyVersionNumbers = { privacy: { current: 0, required: 0 }, terms: { current: 0, required: 0 } };
  for (const r of rows) out[r.kind] = { current: Number(r.current), required: Number(r.required) };
  return out;
}

// A notice of a significant change stays on the site this long: long enough for users who
// sign in monthly to see it; the e-mail and the re-acceptance gate cover everyone else.
export const SITE_NOTICE_DAYS = 30;

/**
 * The newest significant change (any version after the first) published within the notice
 * window, for the site-wide banner.
 * @clause C40
 */
export async function findSiteNotice(sql: Sql): Promise<PolicyVersionRow | undefined> {
  const [row] = await sql.query<PolicyVersionRow>(
    `SELECT ${HEADER_COLUMNS} FROM policy_versions
      WHERE significant AND version > 1 AND published_at <= now() AND published_at > now() - make_interval(days => $1)
      ORDER BY published_at DESC, kind LIMIT 1`,
    [SITE_NOTICE_DAYS],
  );
  return row;
}
