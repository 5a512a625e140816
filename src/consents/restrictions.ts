/**
 * Restrictions and objections a subject records, and their lifting. The gate reads them
 * through `loadSnapshot`; this file only writes and lists them.
 * @clause C34 recorded by the subject, checked by the gate, lifted only by the subject or on a
 *   legal ground with its reference.
 */
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { conflict, notFound } from '../errors.ts';
import { denialError } from '../domain/gate-errors.ts';
import { isValidLift } from '../domain/gate.ts';
import { LIFT_GROUNDS, parseCategory, parsePurpose, type LiftGround } from '../domain/taxonomy/index.ts';
import { assertSubjectInTenant } from './subjects.ts';
import { RESTRICTION_COLUMNS, type LedgerActor, type LedgerCtx, type RestrictionRow, type SubjectRef } from './types.ts';

export type RestrictionInput = {
  readonly subject: SubjectRef;
  /** One purpose, or null/absent for every purpose. */
  readonly purpose?: string | null;
  /** A category subtree, or null/absent for all of the subject's data. */
  readonly category?: string | null;
  /** Free text the subject gave: may be personal, kept with the record only. */
  readonly reason?: string | null;
};

async function insertRestriction(ctx: LedgerCtx, actor: LedgerActor, kind: 'restriction' | 'objection', input: RestrictionInput): Promise<RestrictionRow> {
  const purpose = input.purpose ? parsePurpose(input.purpose) : null;
  const category = input.category ? parseCategory(input.category) : null;
  const { tx } = ctx;
  const s = input.subject;
  await assertSubjectInTenant(tx, s);
  const [live] = await tx.query<{ id: string }>(
    `SELECT id FROM processing_restrictions
      WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 AND kind = $4
        AND purpose IS NOT DISTINCT FROM $5 AND category IS NOT DISTINCT FROM $6 AND lifted_at IS NULL`,
    [s.tenantId, s.type, s.id, kind, purpose, category],
  );
  if (live) throw conflict(`${kind}_exists`, `The same ${kind} is already in force`);
  const [row] = await tx.query<RestrictionRow>(
    `INSERT INTO processing_restrictions (tenant_id, subject_type, subject_id, kind, purpose, category, reason, created_by_type, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${RESTRICTION_COLUMNS}`,
    [s.tenantId, s.type, s.id, kind, purpose, category, input.reason ?? null, actor.type, actor.id],
  );
  await recordAudit(tx, ctx.auditKey, {
    tenantId: s.tenantId, actor, action: `processing.${kind === 'restriction' ? 'restricted' : 'objected'}`,
    target: { type: s.type, id: s.id }, details: { restrictionId: row!.id, purpose, category, reasonGiven: input.reason ? true : false },
  });
  return row!;
}

/** The subject restricts processing (GDPR Art 18) for a purpose or for all. */
export const restrictProcessing = (ctx: LedgerCtx, actor: LedgerActor, input: RestrictionInput): Promise<RestrictionRow> =>
  insertRestriction(ctx, actor, 'restriction', input);

/** The subject objects to processing (GDPR Art 21); an objection to marketing is absolute. */
export const objectToProcessing = (ctx: LedgerCtx, actor: LedgerActor, input: RestrictionInput): Promise<RestrictionRow> =>
  insertRestriction(ctx, actor, 'objection', input);

export type LiftInput = {
  readonly restrictionId: string;
  readonly by: 'subject' | 'legal_ground';
  /** The legal ground's reference (a court order, a statute, a case number); required for `legal_ground`. */
  readonly reference?: string | null;
  /** The taxonomy's ground; required for `legal_ground`. */
  readonly ground?: LiftGround | null;
};

/**
 * Lifts a restriction or objection. The subject lifts their own (`by: 'subject'`, actor type
 * `subject` with the subject's id); ECOMKEY staff only on a legal ground of the taxonomy that
 * cites its reference; nobody else — otherwise 403 `restriction_lift_not_allowed`, and nothing
 * changes. The database refuses any other lift too (migration 008).
 */
export async function liftRestriction(ctx: LedgerCtx, actor: LedgerActor, input: LiftInput): Promise<RestrictionRow> {
  const { tx } = ctx;
  const [r] = await tx.query<RestrictionRow & { tenant_id: string }>(
    `SELECT tenant_id, ${RESTRICTION_COLUMNS} FROM processing_restrictions WHERE id = $1 FOR UPDATE`,
    [input.restrictionId],
  );
  if (!r) throw notFound('restriction');
  const reference = input.reference?.trim() || null;
  const lift = { at: Date.now(), by: input.by, ...(reference ? { reference } : {}) };
  const bySubject = input.by === 'subject' && actor.type === 'subject' && actor.id === r.subject_id;
  const byLaw = input.by === 'legal_ground' && actor.type === 'staff' && !!input.ground && input.ground in LIFT_GROUNDS;
  if (!(bySubject || byLaw) || !isValidLift(lift)) throw denialError('restriction_lift_not_allowed', { clause: 'C34' });
  if (r.lifted_at) throw conflict('restriction_already_lifted', 'This restriction was already lifted');
  const [row] = await tx.query<RestrictionRow>(
    `UPDATE processing_restrictions SET lifted_at = clock_timestamp(), lifted_by = $2, lift_reference = $3, lifted_by_actor_type = $4, lifted_by_actor_id = $5, lift_ground = $6
      WHERE id = $1 RETURNING ${RESTRICTION_COLUMNS}`,
    [r.id, input.by, reference, actor.type, actor.id, byLaw ? input.ground : null],
  );
  await recordAudit(tx, ctx.auditKey, {
    tenantId: r.tenant_id, actor, action: 'processing.restriction_lifted', target: { type: r.subject_type, id: r.subject_id },
    // Codes only: the reference stays with the restriction, the audit names the ground.
    details: { restrictionId: r.id, kind: r.kind, by: input.by, ground: byLaw ? input.ground! : null },
  });
  return row!;
}

/** The subject's restrictions and objections, live and lifted, newest first. */
export function listRestrictions(tx: Sql, subject: SubjectRef): Promise<RestrictionRow[]> {
  return tx.query<RestrictionRow>(
    `SELECT ${RESTRICTION_COLUMNS} FROM processing_restrictions WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 ORDER BY created_at DESC`,
    [subject.tenantId, subject.type, subject.id],
  );
}
