/**
 * The consent ledger: append-only records, current state derived from them. Every write
 * records its audit entry in the caller's transaction (open it with `inTenant` on the
 * subject's tenant).
 * @clause C22 consent per purpose, no pre-ticked default, silence is not consent, withdrawing is one call.
 * @clause C19 a consent covers marketing only when it says so (and its notice asked).
 * @clause C03 a consent to disclosure is its own flag, asked by its own notice.
 */
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { parseCategory, parsePurpose } from '../domain/taxonomy/index.ts';
import { assertNoticeCovers, assertNoticeOwner, hashWording } from './notices.ts';
import { assertSubjectInTenant } from './subjects.ts';
import { CONSENT_COLUMNS, NOTICE_COLUMNS, type ConsentMethod, type ConsentRow, type LedgerActor, type LedgerCtx, type NoticeRow, type SubjectRef } from './types.ts';

export type ConsentInput = {
  readonly subject: SubjectRef;
  /** One of the eight purpose keys; anything else is refused with the taxonomy's code. */
  readonly purpose: string;
  /** Explicit: true gives, false withdraws. There is no default. */
  readonly given: boolean;
  /** The notice shown; required when giving. */
  readonly noticeId?: string | null;
  readonly method: ConsentMethod;
  /** The consent phrase, message id or form id: personal, kept for proof only. */
  readonly evidence?: string | null;
  readonly marketing?: boolean;
  readonly disclosure?: boolean;
  /** Explicit consent to a (sensitive) category (C14). */
  readonly category?: string | null;
  readonly idempotencyKey?: string | null;
};

export type WithdrawInput = {
  readonly subject: SubjectRef;
  readonly purpose: string;
  readonly method: ConsentMethod;
  readonly evidence?: string | null;
  readonly idempotencyKey?: string | null;
};

const UNIQUE_VIOLATION = '23505';
const FROM = 'FROM consent_records r LEFT JOIN consent_notices n ON n.id = r.notice_id';
const SUBJECT_WHERE = 'r.tenant_id = $1 AND r.subject_type = $2 AND r.subject_id = $3';

async function insertRecord(
  ctx: LedgerCtx, actor: LedgerActor, subject: SubjectRef,
  r: { purpose: string; given: boolean; notice: NoticeRow | null; method: ConsentMethod; evidence: string | null; marketing: boolean; disclosure: boolean; category: string | null; idempotencyKey: string | null },
): Promise<ConsentRow> {
  const { tx } = ctx;
  const [row] = await tx.query<ConsentRow>(
    `WITH r AS (
       INSERT INTO consent_records (tenant_id, subject_type, subject_id, purpose, marketing, disclosure, category, given, notice_id, notice_hash,
                                    method, evidence, recorded_by_type, recorded_by_id, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *)
     SELECT ${CONSENT_COLUMNS} FROM r LEFT JOIN consent_notices n ON n.id = r.notice_id`,
    [subject.tenantId, subject.type, subject.id, r.purpose, r.marketing, r.disclosure, r.category, r.given, r.notice?.id ?? null, r.notice?.content_hash ?? null,
      r.method, r.evidence, actor.type, actor.id, r.idempotencyKey],
  ).catch((err: { code?: string }) => {
    // The key already named another record (a retry after its HTTP replay expired): refuse, never record twice.
    if (err.code === UNIQUE_VIOLATION) throw unprocessable('idempotency_key_reused', 'This Idempotency-Key already recorded a consent');
    throw err;
  });
  await recordAudit(tx, ctx.auditKey, {
    tenantId: subject.tenantId, actor, action: r.given ? 'consent.given' : 'consent.withdrawn',
    target: { type: subject.type, id: subject.id },
    // Ids and codes only: the evidence may be personal and stays in the ledger.
    details: { recordId: row!.id, purpose: r.purpose, method: r.method, marketing: r.marketing, disclosure: r.disclosure, category: r.category, noticeId: r.notice?.id ?? null },
  });
  return row!;
}

/**
 * Records a consent given or withdrawn for one purpose. Giving needs the notice shown; the
 * record keeps the notice's hash, so the proof shows the exact words. A subject of another
 * tenant is a 404 and nothing is written.
 */
export async function recordConsent(ctx: LedgerCtx, actor: LedgerActor, input: ConsentInput): Promise<ConsentRow> {
  const purpose = parsePurpose(input.purpose);
  const category = input.category ? parseCategory(input.category) : null;
  if (typeof input.given !== 'boolean') throw new TypeError('recordConsent: given must be an explicit boolean');
  if (!input.given) return withdrawConsent(ctx, actor, input);
  if (!input.noticeId) {
    await assertSubjectInTenant(ctx.tx, input.subject);
    throw notFound('notice');
  }
  // The subject check and the notice in one round trip: this is the hot path of a bot recording consents.
  const [found] = await ctx.tx.query<NoticeRow & { subject_ok: boolean }>(
    `SELECT subject_in_tenant($1, $2::uuid) AS subject_ok, ${NOTICE_COLUMNS.split(', ').map((c) => `n.${c}`).join(', ')}
       FROM (SELECT 1) one LEFT JOIN consent_notices n ON n.id = $3`,
    [input.subject.type, input.subject.id, input.noticeId],
  );
  if (!found?.subject_ok) throw notFound('subject');
  const notice = assertNoticeOwner(input.subject, found.id ? found : undefined);
  const marketing = input.marketing ?? false;
  const disclosure = input.disclosure ?? false;
  assertNoticeCovers(notice, { purpose, marketing, disclosure, category });
  return insertRecord(ctx, actor, input.subject, {
    purpose, given: true, notice, method: input.method, evidence: input.evidence ?? null, marketing, disclosure, category, idempotencyKey: input.idempotencyKey ?? null,
  });
}

/**
 * Withdraws the consent in force for one purpose: one call, no notice needed. Withdrawing a
 * consent that is not in force (never given, or already withdrawn) is 409 `consent_not_found`.
 */
export async function withdrawConsent(ctx: LedgerCtx, actor: LedgerActor, input: WithdrawInput): Promise<ConsentRow> {
  const purpose = parsePurpose(input.purpose);
  const s = input.subject;
  const [state] = await ctx.tx.query<{ subject_ok: boolean; given: boolean | null }>(
    `SELECT subject_in_tenant($2, $3::uuid) AS subject_ok,
            (SELECT given FROM consent_records WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 AND purpose = $4
              ORDER BY recorded_at DESC, seq DESC LIMIT 1) AS given`,
    [s.tenantId, s.type, s.id, purpose],
  );
  if (!state?.subject_ok) throw notFound('subject');
  if (state.given !== true) throw conflict('consent_not_found', 'No consent for this purpose is in force, so there is nothing to withdraw');
  return insertRecord(ctx, actor, input.subject, {
    purpose, given: false, notice: null, method: input.method, evidence: input.evidence ?? null, marketing: false, disclosure: false, category: null,
    idempotencyKey: input.idempotencyKey ?? null,
  });
}

/** The state in force per purpose: the latest record of each purpose the subject ever answered. */
export function currentConsents(tx: Sql, subject: SubjectRef): Promise<ConsentRow[]> {
  return tx.query<ConsentRow>(
    `SELECT DISTINCT ON (r.purpose) ${CONSENT_COLUMNS} ${FROM} WHERE ${SUBJECT_WHERE} ORDER BY r.purpose, r.recorded_at DESC, r.seq DESC`,
    [subject.tenantId, subject.type, subject.id],
  );
}

/** Every record of the subject, newest first. */
export function consentHistory(tx: Sql, subject: SubjectRef, limit = 500): Promise<ConsentRow[]> {
  return tx.query<ConsentRow>(
    `SELECT ${CONSENT_COLUMNS} ${FROM} WHERE ${SUBJECT_WHERE} ORDER BY r.recorded_at DESC, r.seq DESC LIMIT $4`,
    [subject.tenantId, subject.type, subject.id, limit],
  );
}

export type ConsentProof = {
  readonly record: ConsentRow;
  readonly notice: NoticeRow | null;
  /** The notice's text still hashes to what the record kept: the words shown are the words stored. */
  readonly intact: boolean;
};

/** One record with the exact notice text the person saw (404 outside the tenant). */
export async function consentProof(tx: Sql, recordId: string): Promise<ConsentProof> {
  const [record] = await tx.query<ConsentRow>(`SELECT ${CONSENT_COLUMNS} ${FROM} WHERE r.id = $1`, [recordId]);
  if (!record) throw notFound('consent record');
  if (!record.notice_id) return { record, notice: null, intact: true };
  const [notice] = await tx.query<NoticeRow>(
    'SELECT id, tenant_id, slug, version, lang, purposes, marketing, disclosure, category, wording, content_hash, created_at FROM consent_notices WHERE id = $1',
    [record.notice_id],
  );
  const intact = notice !== undefined && hashWording(notice.wording) === notice.content_hash && notice.content_hash === record.notice_hash;
  return { record, notice: notice ?? null, intact };
}
