/**
 * Consent notices: the exact words a person is shown when asked for consent, versioned and
 * hashed, so every consent record can prove what it was given to (C22).
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { notFound, unprocessable } from '../errors.ts';
import { findCategory, isWithin, parseCategory, parsePurpose, type PurposeKey } from '../domain/taxonomy/index.ts';
import { NOTICE_COLUMNS, type LedgerActor, type LedgerCtx, type NoticeRow, type SubjectRef } from './types.ts';

export const hashWording = (wording: string): string => createHash('sha256').update(wording, 'utf8').digest('hex');

export type NoticeInput = {
  readonly slug: string;
  readonly lang: 'vi' | 'en';
  readonly wording: string;
  readonly purposes: readonly string[];
  readonly marketing?: boolean;
  readonly disclosure?: boolean;
  readonly category?: string | null;
};

/**
 * Publishes a tenant's notice: the next version of its slug in that language. Purpose and
 * category keys are checked against the taxonomy (400 with the taxonomy's codes).
 * @clause C22 the exact text shown is kept, with its hash.
 */
export async function createNotice(ctx: LedgerCtx, actor: LedgerActor, tenantId: string, input: NoticeInput): Promise<NoticeRow> {
  const purposes = [...new Set(input.purposes.map(parsePurpose))];
  const category = input.category ? parseCategory(input.category) : null;
  const { tx } = ctx;
  // Serialises versioning of one slug in one tenant; other notices proceed.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notice:${tenantId}:${input.slug}:${input.lang}`]);
  const [row] = await tx.query<NoticeRow>(
    `INSERT INTO consent_notices (tenant_id, slug, version, lang, purposes, marketing, disclosure, category, wording, content_hash, created_by_type, created_by_id)
     SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11
       FROM consent_notices WHERE tenant_id = $1 AND slug = $2 AND lang = $3
     RETURNING ${NOTICE_COLUMNS}`,
    [tenantId, input.slug, input.lang, purposes, input.marketing ?? false, input.disclosure ?? false, category, input.wording, hashWording(input.wording), actor.type, actor.id],
  );
  await recordAudit(tx, ctx.auditKey, {
    tenantId, actor, action: 'consent_notice.published', target: { type: 'consent_notice', id: row!.id },
    details: { slug: row!.slug, version: row!.version, lang: row!.lang, purposes, contentHash: row!.content_hash },
  });
  return row!;
}

/**
 * The latest version of every notice a subject of this kind may be asked with: the tenant's own
 * for its Subscribers and Buyers, ECOMKEY's (tenant_id NULL) for its Customers.
 */
export async function listNotices(tx: Sql, owner: 'tenant' | 'platform', lang?: 'vi' | 'en'): Promise<NoticeRow[]> {
  return tx.query<NoticeRow>(
    `SELECT DISTINCT ON (slug, lang) ${NOTICE_COLUMNS} FROM consent_notices
      WHERE (CASE WHEN $1 = 'platform' THEN tenant_id IS NULL ELSE tenant_id = current_tenant() END)
        AND ($2::text IS NULL OR lang = $2)
      ORDER BY slug, lang, version DESC`,
    [owner, lang ?? null],
  );
}

/** A notice by id, visible to the current tenant (its own or a platform one). */
export async function findNotice(tx: Sql, id: string): Promise<NoticeRow | undefined> {
  const [row] = await tx.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM consent_notices WHERE id = $1`, [id]);
  return row;
}

/** A notice owned by this subject's controller, or 404 `not_found`. */
export async function noticeForSubject(tx: Sql, subject: SubjectRef, id: string): Promise<NoticeRow> {
  return assertNoticeOwner(subject, await findNotice(tx, id));
}

/** The notice if this subject's controller owns it (ECOMKEY's for a Customer, the tenant's otherwise), else 404. */
export function assertNoticeOwner(subject: SubjectRef, n: NoticeRow | undefined): NoticeRow {
  const ownerOk = n !== undefined && (subject.type === 'customer' ? n.tenant_id === null : n.tenant_id === subject.tenantId);
  if (!n || !ownerOk) throw notFound('notice');
  return n;
}

/**
 * A record may claim only what its notice asked for: the purpose, marketing, disclosure and
 * a sensitive category must each be in the text the person saw.
 */
export function assertNoticeCovers(
  n: NoticeRow,
  want: { purpose: PurposeKey; marketing: boolean; disclosure: boolean; category: string | null },
): void {
  if (!n.purposes.includes(want.purpose)) throw unprocessable('notice_purpose_mismatch', 'The notice does not ask consent for this purpose');
  if (want.marketing && !n.marketing) throw unprocessable('notice_scope_exceeded', 'The notice does not ask consent to marketing');
  if (want.disclosure && !n.disclosure) throw unprocessable('notice_scope_exceeded', 'The notice does not ask consent to disclosure');
  if (want.category !== null && (n.category === null || !isWithin(want.category, n.category) || !findCategory(want.category))) {
    throw unprocessable('notice_scope_exceeded', 'The notice does not ask consent to this data category');
  }
}
