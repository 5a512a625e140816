import type { Sql } from '../db/index.ts';

/**
 * The version of a kind that a user must have accepted: the newest significant one
 * (a minor edit does not force re-acceptance), or the newest when none is significant.
 * @clause C06 @clause C40
 */
const REQUIRED_VERSION = (kind: 'privacy' | 'terms') =>
  `(SELECT COALESCE(max(version) FILTER (WHERE significant), max(version)) FROM policy_versions WHERE kind = '${kind}' AND published_at <= now())`;

/** True when the user has not accepted the current Privacy Policy and Terms. */
export async function acceptanceMissing(sql: Sql, userId: string): Promise<boolean> {
  const [row] = await sql.query<{ ok: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM policy_acceptances a
        WHERE a.user_id = $1
          AND a.privacy_version >= ${REQUIRED_VERSION('privacy')}
          AND a.terms_version >= ${REQUIRED_VERSION('terms')}) AS ok`,
    [userId],
  );
  return !row?.ok;
}
