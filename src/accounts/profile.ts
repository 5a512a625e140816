import type { AppContext } from '../app/context.ts';
import { auditActor, type UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { openField } from '../crypto/fields.ts';
import { sealJson, unsealJson } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { notFound } from '../errors.ts';
import { findSubjectKey, subjectKey } from '../subjects/keys.ts';
import { diffProfile, type ProfileChange, type ProfileFields, type ProfilePatch } from './profile-fields.ts';
import { openTenantName, renameTenant } from './tenants.ts';
import { sealUserColumns, USER_KEY, type SealedUser } from './users.ts';

/** The profile as stored: sealed columns, the user's wrapped key and the tenant's sealed name. A presenter opens it. */
export type SealedProfile = SealedUser & {
  company: string; billing_address: string; locale: ProfileFields['locale']; role: string; tenantId: string; tenantName: string;
};

/** The signed-in user's registration data in their tenant, sealed as stored. */
export async function loadProfile(sql: Sql, actor: UserActor, lock = false): Promise<SealedProfile> {
  const [row] = await sql.query<SealedProfile>(
    `SELECT u.id, u.email, u.name, u.company, u.billing_address, u.locale, ${USER_KEY()},
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

/** What the presenter needs to open a profile: the keys, and the tenant's name opened (it is sealed under the tenant's key). */
export type ProfileView = { row: SealedProfile; tenantName: string };

/** A profile with its tenant name opened, for the presenter. */
export async function viewProfile(ctx: AppContext, sql: Sql, row: SealedProfile): Promise<ProfileView> {
  return { row, tenantName: await openTenantName(sql, keyringFor(ctx.config), row.tenantId, row.tenantName) };
}

const historyContext = (userId: string) => `profile-history:${userId}`;
const COLUMN: Record<keyof ProfileFields, 'name' | 'company' | 'billing_address' | 'locale'> = { name: 'name', company: 'company', billingAddress: 'billing_address', locale: 'locale' };

/** The current values of the fields a user may change, opened under their key. */
function currentFields(key: Buffer, row: SealedProfile): ProfileFields {
  const open = (c: string, v: string) => openField(key, `users.${c}`, row.id, v) ?? '';
  return { name: open('name', row.name), company: open('company', row.company), billingAddress: open('billing_address', row.billing_address), locale: row.locale };
}

/**
 * Changes the registration data (C32). The live row keeps only the new values, sealed; the old
 * and new values go into the audit log in the same transaction, sealed under the user's own key
 * so the chain holds no personal value in clear (C16). A new company renames the tenants the
 * user owns: the shop's name is the company's, and must not keep the old one.
 * @clause C16 @clause C32
 */
export async function updateProfile(ctx: AppContext, actor: UserActor, patch: ProfilePatch): Promise<ProfileView> {
  return inPlatform(ctx.db, async (tx) => {
    const current = await loadProfile(tx, actor, true);
    const key = await subjectKey(tx, ctx.keys.data, { type: 'customer', id: actor.userId });
    const changes = diffProfile(currentFields(key, current), patch);
    if (changes.length === 0) return viewProfile(ctx, tx, current);
    const sealed = sealUserColumns(key, actor.userId, Object.fromEntries(changes.filter((c) => c.field !== 'locale').map((c) => [COLUMN[c.field], c.to])));
    const values = changes.map((c) => (c.field === 'locale' ? c.to : sealed[COLUMN[c.field]]!));
    const sets = changes.map((c, i) => `${COLUMN[c.field]} = $${i + 2}`);
    await tx.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [actor.userId, ...values]);
    const company = changes.find((c) => c.field === 'company');
    if (company) {
      const owned = await tx.query<{ tenant_id: string }>(`SELECT tenant_id FROM memberships WHERE user_id = $1 AND role = 'owner'`, [actor.userId]);
      for (const t of owned) await renameTenant(tx, keyringFor(ctx.config), t.tenant_id, company.to);
    }
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
      action: 'user.profile_updated',
      target: { type: 'user', id: actor.userId },
      details: { fields: changes.map((c) => c.field), sealed: sealJson(key, changes, historyContext(actor.userId)) },
    });
    return viewProfile(ctx, tx, await loadProfile(tx, actor));
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
  const key = await findSubjectKey(ctx.db, ctx.keys.data, { type: 'customer', id: userId });
  return rows.map((r) => ({
    changedAt: new Date(r.at).toISOString(),
    changedBy: r.actor_type,
    fields: r.details.fields ?? [],
    changes: key && r.details.sealed ? unsealJson<ProfileChange[]>(key, r.details.sealed, historyContext(userId)) : null,
  }));
}
