import type { AppContext } from '../app/context.ts';
import { auditActor, type UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { sealJson, unsealJson } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { notFound } from '../errors.ts';
import { diffProfile, type ProfileChange, type ProfileFields, type ProfilePatch } from './profile-fields.ts';
import { findSubjectKey, subjectKey } from './subject-keys.ts';

export type ProfileRow = ProfileFields & {
  id: string; email: string; role: string; tenantId: string; tenantName: string;
};

/** The signed-in user's registration data in their tenant. */
export async function loadProfile(sql: Sql, actor: UserActor, lock = false): Promise<ProfileRow> {
  const [row] = await sql.query<ProfileRow>(
    `SELECT u.id, u.email, u.name, u.company, u.billing_address AS "billingAddress", u.locale,
            m.role, t.id AS "tenantId", t.name AS "tenantName"
       FROM users u
       JOIN memberships m ON m.user_id = u.id AND m.tenant_id = $2
       JOIN tenants t ON t.id = m.tenant_id
      WHERE u.id = $1 AND u.closed_at IS NULL
      ${lock ? 'FOR UPDATE OF u' : ''}`,
    [actor.userId, actor.tenantId],
  );
  if (!row) throw notFound('account');
  return row;
}

const historyContext = (userId: string) => `profile-history:${userId}`;
const COLUMN: Record<keyof ProfileFields, string> = { name: 'name', company: 'company', billingAddress: 'billing_address', locale: 'locale' };

/**
 * Changes the registration data (C32). The live row keeps only the new values; the old and
 * new values go into the audit log in the same transaction, sealed under the user's own key
 * so the chain holds no personal value in clear (C16).
 * @clause C16 @clause C32
 */
export async function updateProfile(ctx: AppContext, actor: UserActor, patch: ProfilePatch): Promise<ProfileRow> {
  return inPlatform(ctx.db, async (tx) => {
    const current = await loadProfile(tx, actor, true);
    const changes = diffProfile(current, patch);
    if (changes.length === 0) return current;
    const sets = changes.map((c, i) => `${COLUMN[c.field]} = $${i + 2}`);
    await tx.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [actor.userId, ...changes.map((c) => c.to)]);
    const key = await subjectKey(tx, ctx.keys.data, 'user', actor.userId);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
      action: 'user.profile_updated',
      target: { type: 'user', id: actor.userId },
      details: { fields: changes.map((c) => c.field), sealed: sealJson(key, changes, historyContext(actor.userId)) },
    });
    return loadProfile(tx, actor);
  });
}

export type HistoryEntry = {
  changedAt: string;
  changedBy: string;
  fields: string[];
  /** Null when the values can no longer be opened (the user's key was shredded). */
  changes: ProfileChange[] | null;
};

/** Past values of the profile, newest first, read back from the audit log. @clause C16 */
export async function profileHistory(ctx: AppContext, userId: string): Promise<HistoryEntry[]> {
  const rows = await ctx.db.query<{ at: Date; actor_type: string; details: { fields?: string[]; sealed?: string } }>(
    `SELECT at, actor_type, details FROM audit_log
      WHERE target_type = 'user' AND target_id = $1 AND action = 'user.profile_updated'
      ORDER BY at DESC, id DESC`,
    [userId],
  );
  const key = await findSubjectKey(ctx.db, ctx.keys.data, 'user', userId);
  return rows.map((r) => ({
    changedAt: new Date(r.at).toISOString(),
    changedBy: r.actor_type,
    fields: r.details.fields ?? [],
    changes: key && r.details.sealed ? unsealJson<ProfileChange[]>(key, r.details.sealed, historyContext(userId)) : null,
  }));
}
