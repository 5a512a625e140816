/**
 * A portable export waiting for its person: sealed at rest until fetched once through a link
 * that expires; the fetch clears the sealed copy and is audited (counts only).
 * @clause C31 @clause C34
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { hashToken, newToken } from '../crypto/keys.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { AppError, notFound } from '../errors.ts';
import { EXPORT_TTL_HOURS } from './mails.ts';
import { zipExport, type PortableExport } from './portable.ts';

const context = (id: string) => `subject_exports.sealed:${id}`;

/** Zips and seals the export in the caller's transaction; returns the one link token (only its hash is kept). */
export async function storeExport(tx: Sql, ctx: Pick<AppContext, 'keys'>, r: { id: string; tenant_id: string }, x: PortableExport): Promise<{ token: string; bytes: number }> {
  const zip = Buffer.from(zipExport(x));
  const token = newToken();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO subject_exports (request_id, tenant_id, token_hash, sealed, bytes, expires_at) VALUES ($1, $2, $3, '', $4, now() + make_interval(hours => $5)) RETURNING id`,
    [r.id, r.tenant_id, hashToken(token), zip.length, EXPORT_TTL_HOURS]);
  await tx.query('UPDATE subject_exports SET sealed = $2 WHERE id = $1', [row!.id, seal(ctx.keys.data, zip, context(row!.id))]);
  return { token, bytes: zip.length };
}

/** Fetches an export once: unknown, fetched and expired links each fail with their own code. */
export async function fetchExport(ctx: AppContext, token: string): Promise<Buffer> {
  return inPlatform(ctx.db, async (tx) => {
    const [e] = await tx.query<{ id: string; request_id: string; tenant_id: string; sealed: string | null; fetched: boolean; expired: boolean; subject_type: string; subject_id: string }>(
      `SELECT e.id, e.request_id, e.tenant_id, e.sealed, e.fetched_at IS NOT NULL AS fetched, e.expires_at <= now() AS expired, r.subject_type, r.subject_id
         FROM subject_exports e JOIN subject_requests r ON r.id = e.request_id WHERE e.token_hash = $1 FOR UPDATE OF e`, [hashToken(token)]);
    if (!e) throw notFound('export');
    if (e.fetched) throw new AppError(410, 'export_fetched', 'This download link has been used; ask for a new copy');
    if (e.expired || !e.sealed) throw new AppError(410, 'token_expired', 'This download link has expired; ask for a new copy');
    const zip = unseal(ctx.keys.data, e.sealed, context(e.id));
    await tx.query('UPDATE subject_exports SET fetched_at = now(), sealed = NULL WHERE id = $1', [e.id]);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: e.tenant_id, actor: { type: 'subject', id: e.subject_id }, action: 'dsr.export_fetched',
      target: { type: e.subject_type, id: e.subject_id }, details: { requestId: e.request_id, bytes: zip.length },
    });
    return zip;
  });
}
