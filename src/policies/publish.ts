import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { recordAudit, type AuditActor } from '../audit/log.ts';
import { inPlatform } from '../db/scope.ts';
import { unprocessable } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { openUser, USER_KEY } from '../accounts/users.ts';

export type PolicyKind = 'privacy' | 'terms';
export type NewPolicyVersion = {
  kind: PolicyKind;
  bodyVi: string;
  bodyEn: string;
  summaryVi: string;
  summaryEn: string;
  significant: boolean;
};

/** What an acceptance commits to: both language texts of one version. */
export const policyContentHash = (kind: PolicyKind, version: number, bodyVi: string, bodyEn: string): string =>
  createHash('sha256').update(JSON.stringify([kind, version, bodyVi, bodyEn])).digest('hex');

const KIND_NAME = { privacy: { vi: 'Chính sách quyền riêng tư', en: 'Privacy Policy' }, terms: { vi: 'Điều khoản dịch vụ', en: 'Terms of Service' } };

/**
 * Publishes the next version. A significant one also e-mails every user (in the same
 * transaction, through the outbox) and, being the newest significant version, requires
 * everyone to accept again before using the service.
 * @clause C40
 */
export async function publishPolicyVersion(
  ctx: AppContext,
  actor: AuditActor,
  v: NewPolicyVersion,
): Promise<{ id: string; version: number; contentHash: string; notified: number }> {
  const result = await inPlatform(ctx.db, async (tx) => {
    // Serialise publishers of one kind so two cannot take the same version number.
    await tx.query('SELECT pg_advisory_xact_lock(7251002, $1)', [v.kind === 'privacy' ? 1 : 2]);
    const [last] = await tx.query<{ version: number; body_vi: string; body_en: string }>(
      'SELECT version, body_vi, body_en FROM policy_versions WHERE kind = $1 ORDER BY version DESC LIMIT 1',
      [v.kind],
    );
    // A version identical to the last would ask everyone to re-read nothing.
    if (last && last.body_vi === v.bodyVi && last.body_en === v.bodyEn) {
      throw unprocessable('policy_unchanged', `Both texts are identical to ${v.kind} version ${last.version}`);
    }
    const version = (last?.version ?? 0) + 1;
    const contentHash = policyContentHash(v.kind, version, v.bodyVi, v.bodyEn);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO policy_versions (kind, version, body_vi, body_en, summary_vi, summary_en, content_hash, significant, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [v.kind, version, v.bodyVi, v.bodyEn, v.summaryVi, v.summaryEn, contentHash, v.significant, actor.type === 'staff' ? actor.id : null],
    );
    let notified = 0;
    if (v.significant && version > 1) {
      const users = await tx.query<{ id: string; email: string; name: string; wrapped_key: string | null; locale: 'vi' | 'en' }>(
        `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.locale FROM users u WHERE u.closed_at IS NULL`,
      );
      for (const u of users) {
        // Addresses are sealed at rest (C07); a shredded one cannot be written to.
        const to = openUser(ctx.keys, u).email;
        if (!to) continue;
        const name = KIND_NAME[v.kind][u.locale];
        const summary = u.locale === 'vi' ? v.summaryVi : v.summaryEn;
        await enqueueMail(tx, ctx, {
          kind: 'policy_changed',
          to,
          subject: u.locale === 'vi' ? `${name} đã thay đổi (phiên bản ${version})` : `Our ${name} has changed (version ${version})`,
          text:
            u.locale === 'vi'
              ? `${name} có thay đổi quan trọng.\n\n${summary}\n\nVui lòng đọc và chấp nhận phiên bản mới: ${ctx.config.publicUrl}/policies/${v.kind}\n`
              : `Our ${name} has changed significantly.\n\n${summary}\n\nPlease read and accept the new version: ${ctx.config.publicUrl}/policies/${v.kind}\n`,
        });
        notified++;
      }
    }
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor, action: 'policy.published', target: { type: 'policy_version', id: row!.id },
      details: { kind: v.kind, version, significant: v.significant, notified },
    });
    return { id: row!.id, version, contentHash, notified };
  });
  // Everyone must be checked against the new version from now on (other servers within AUTH_CACHE_MS).
  ctx.caches.accepted.clear();
  return result;
}
