import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { auditActor, type UserActor } from '../auth/actor.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { AppError, forbidden, unprocessable } from '../errors.ts';
import type { PolicyKind } from './publish.ts';
import { policyVersionNumbers, REQUIRED_VERSION_SQL, type PolicyVersionNumbers } from './versions.ts';

/** True when the user has not accepted the current Privacy Policy and Terms. @clause C06 @clause C40 */
export async function acceptanceMissing(sql: Sql, userId: string): Promise<boolean> {
  const [row] = await sql.query<{ ok: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM policy_acceptances a
        WHERE a.user_id = $1
          AND a.privacy_version >= ${REQUIRED_VERSION_SQL('privacy')}
          AND a.terms_version >= ${REQUIRED_VERSION_SQL('terms')}) AS ok`,
    [userId],
  );
  return !row?.ok;
}

export type AcceptanceMethod = 'ui' | 'api';
export type AcceptanceRow = { privacy_version: number; terms_version: number; accepted_at: Date; method: AcceptanceMethod };

async function latestAcceptance(sql: Sql, userId: string): Promise<AcceptanceRow | undefined> {
  const [row] = await sql.query<AcceptanceRow>(
    `SELECT privacy_version, terms_version, accepted_at, method FROM policy_acceptances
      WHERE user_id = $1 ORDER BY accepted_at DESC, privacy_version DESC, terms_version DESC LIMIT 1`,
    [userId],
  );
  return row;
}

export type AcceptanceStatus = {
  acceptanceRequired: boolean;
  accepted: AcceptanceRow | undefined;
  versions: PolicyVersionNumbers;
};

/** What the user last accepted, and whether that still covers the required versions. */
export async function acceptanceStatus(sql: Sql, userId: string): Promise<AcceptanceStatus> {
  const [accepted, versions, acceptanceRequired] = await Promise.all([
    latestAcceptance(sql, userId), policyVersionNumbers(sql), acceptanceMissing(sql, userId),
  ]);
  return { acceptanceRequired, accepted, versions };
}

export type AcceptInput = { privacyVersion: number; termsVersion: number };

/**
 * Records that the user read and accepted these versions: who, which versions with their
 * content hashes, when, how (ui | api) and the network they came from (never the full IP).
 * Only the current version of each kind can be accepted. A repeated call for the versions
 * already accepted (a double click) returns the existing record instead of a second one.
 * The acceptance and its audit entry commit together. Only the person, in their own session, can
 * accept: an API key (a bot, an agent's script) acting for the owner is refused.
 * @clause C06
 */
export async function acceptPolicies(
  ctx: AppContext,
  actor: UserActor,
  input: AcceptInput,
  ipTruncated: string | null,
): Promise<{ acceptedAt: Date; method: AcceptanceMethod; created: boolean }> {
  // Agreeing to terms is a person's act; a key is a machine acting for someone (C06).
  if (actor.via !== 'session') throw forbidden('acceptance_requires_session', 'Only the account holder, signed in, can accept the policies');
  const method: AcceptanceMethod = 'ui';
  return inPlatform(ctx.db, async (tx) => {
    // One user's concurrent clicks queue here, so the duplicate check below cannot race.
    await tx.query('SELECT pg_advisory_xact_lock(7251003, hashtext($1))', [actor.userId]);
    const wanted: Record<PolicyKind, number> = { privacy: input.privacyVersion, terms: input.termsVersion };
    const rows = await tx.query<{ kind: PolicyKind; version: number; content_hash: string; is_current: boolean }>(
      `SELECT kind, version, content_hash,
              version = max(version) OVER (PARTITION BY kind) AS is_current
         FROM policy_versions WHERE published_at <= now()`,
    );
    const hashes = {} as Record<PolicyKind, string>;
    for (const kind of ['privacy', 'terms'] as const) {
      const own = rows.filter((r) => r.kind === kind);
      const current = Math.max(0, ...own.map((r) => r.version));
      const match = own.find((r) => r.version === wanted[kind]);
      if (!match) throw unprocessable('policy_version_unknown', `There is no published ${kind} version ${wanted[kind]}`, { kind, current });
      if (!match.is_current) {
        throw new AppError(409, 'policy_version_outdated', `The ${kind} version ${wanted[kind]} is not the current one; read and accept version ${current}`, {
          kind, current,
        });
      }
      hashes[kind] = match.content_hash;
    }
    const previous = await latestAcceptance(tx, actor.userId);
    if (previous && previous.privacy_version === wanted.privacy && previous.terms_version === wanted.terms) {
      return { acceptedAt: previous.accepted_at, method: previous.method, created: false };
    }
    const [row] = await tx.query<{ id: string; accepted_at: Date }>(
      `INSERT INTO policy_acceptances (user_id, privacy_version, privacy_hash, terms_version, terms_hash, method, ip_truncated)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, accepted_at`,
      [actor.userId, wanted.privacy, hashes.privacy, wanted.terms, hashes.terms, method, ipTruncated],
    );
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
      action: 'policy.accepted',
      target: { type: 'policy_acceptance', id: row!.id },
      details: { privacyVersion: wanted.privacy, termsVersion: wanted.terms, method },
    });
    return { acceptedAt: row!.accepted_at, method, created: true };
  });
}
