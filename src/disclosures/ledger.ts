/**
 * The disclosure ledger: every time personal data leaves ECOMKEY, an append-only entry names
 * the recipient, the basis, the categories, the subjects and — for a court, the law, a life or
 * a fraud case — the order or case reference. Each subject passes the gate first; a refused
 * disclosure is not recorded but its refusal is audited.
 * @clause C03 Nothing is disclosed without the subject's recorded consent or a C04 basis; refusals are audited.
 * @clause C04 Each entry names one of the six bases.
 * @clause C23 No transfer to a third party without consent.
 * @clause C26 A provider receives data only under an agreement covering it.
 * @clause C27 A legal disclosure is recorded with its order reference.
 */
import type { AppContext } from '../app/context.ts';
import { auditActor, type StaffActor, type UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { inTenant } from '../db/scope.ts';
import { denialError } from '../domain/gate-errors.ts';
import { decide, requireAllowed, type ProcessorAgreement } from '../domain/gate.ts';
import { parseCategory, parseDisclosureBasis, parsePurpose } from '../domain/taxonomy/index.ts';
import { loadSnapshot, type LedgerSubjectType } from '../consents/index.ts';
import { AppError, badRequest, notFound, unprocessable } from '../errors.ts';
import { requireProcessorAgreement } from './processors.ts';
import { auditRefusal } from './refusals.ts';
import { gateRecipientKind, needsReference, type RecipientKind } from './rules.ts';
import { DISCLOSURE_COLUMNS, subjectsOf, type DisclosureRow, type DisclosureSubjectRow } from './store.ts';
import { requireDisclosableTypes, requireTenantSubjects, type SubjectRef } from './subjects.ts';

export type DisclosureInput = {
  recipientKind: RecipientKind;
  recipientId?: string | undefined;
  recipientName?: string | undefined;
  /** Untrusted: a missing or unknown basis is refused (and audited) with its own code. */
  basis?: string | undefined;
  orderReference?: string | undefined;
  purpose: string;
  categories: readonly string[];
  subjects: readonly SubjectRef[];
  consentRecordId?: string | undefined;
  disclosedAt?: string | undefined;
  /** What the recipient does with it; `marketing` is refused (C28). Absent is refused too. */
  recipientUse?: 'service' | 'marketing' | undefined;
  /** For `subject_request`: the subject's recorded request. */
  requestId?: string | undefined;
};

/** Staff record legal disclosures on a tenant's data, each with the reason they look into it. */
export type StaffAccess = { tenantId: string; reason: string };

export type RecordedDisclosure = { disclosure: DisclosureRow; subjects: DisclosureSubjectRow[] };

const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Records a disclosure after the gate allowed it for every subject, in one tenant transaction
 * with its audit entry; a refusal is audited on its own (see `auditingRefusal`).
 */
export async function recordDisclosure(
  ctx: AppContext, actor: UserActor | StaffActor, input: DisclosureInput, staff?: StaffAccess,
): Promise<RecordedDisclosure> {
  const tenantId = ledgerTenant(actor, staff);
  return auditingRefusal(ctx, actor, tenantId, input, staff?.reason, () =>
    inTenant(ctx.db, tenantId, (tx) => recordDisclosureIn(ctx, tx, actor, tenantId, input, staff?.reason)),
  );
}

/** The tenant whose ledger the actor writes: a merchant's own, or the one staff named. */
export function ledgerTenant(actor: UserActor | StaffActor, staff?: StaffAccess): string {
  const tenantId = actor.kind === 'user' ? actor.tenantId : staff?.tenantId;
  if (!tenantId) throw new Error('recordDisclosure: staff need a tenant and a reason');
  return tenantId;
}

/**
 * Runs `attempt`; when it refuses (any 4xx), the refusal is audited in a transaction of its
 * own — the attempt's transaction has rolled back — and rethrown. @clause C03
 */
export async function auditingRefusal<T>(
  ctx: AppContext, actor: UserActor | StaffActor, tenantId: string, input: DisclosureInput, reason: string | undefined, attempt: () => Promise<T>,
): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    const unknownTenant = err instanceof AppError && err.status === 404 && err.extra.what === 'tenant';
    if (err instanceof AppError && err.status < 500 && err.code !== 'idempotency_key_reused' && !unknownTenant) {
      await auditRefusal(ctx, actor, tenantId, input, err.code, reason);
    }
    throw err;
  }
}

/** The disclosure inside the caller's tenant transaction (an idempotent route's). */
export async function recordDisclosureIn(
  ctx: AppContext, tx: Sql, actor: UserActor | StaffActor, tenantId: string, input: DisclosureInput, reason?: string,
): Promise<RecordedDisclosure> {
  // The basis first: without one of the six, nothing else about the entry matters (C04).
  if (!input.basis) throw denialError('disclosure_basis_missing', { clause: 'C04' });
  const basis = parseDisclosureBasis(input.basis);
  const purpose = parsePurpose(input.purpose);
  const categories = [...new Set(input.categories.map(parseCategory))];
  if (categories.length === 0) throw denialError('categories_missing');
  const subjects = dedupe(input.subjects);
  requireDisclosableTypes(subjects);
  const at = input.disclosedAt ? Date.parse(input.disclosedAt) : Date.now();
  if (!Number.isFinite(at) || at > Date.now() + CLOCK_SKEW_MS) throw badRequest('disclosed_at_invalid', 'The disclosure time must be a past instant');
  const reference = input.orderReference?.trim() || null;
  if (needsReference(input.recipientKind, basis) && !reference) throw denialError('disclosure_reference_missing', { clause: 'C27' });
  if (input.recipientKind !== 'processor' && input.recipientId) throw badRequest('recipient_invalid', 'Only a processor recipient is named by id');
  if (actor.kind === 'staff') {
    const [t] = await tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    if (!t) throw new AppError(404, 'not_found', 'No such tenant', { what: 'tenant' });
  }

  let agreement: ProcessorAgreement | null = null;
  let recipientName: string;
  if (input.recipientKind === 'processor') {
    if (!input.recipientId) throw badRequest('recipient_invalid', 'Name the processor by its id');
    const found = await requireProcessorAgreement(tx, input.recipientId, categories, purpose, at);
    agreement = { id: found.id, categories: found.categories };
    recipientName = found.processor.name;
  } else if (input.recipientKind === 'subject') {
    recipientName = 'data subject';
  } else {
    recipientName = input.recipientName?.trim() ?? '';
    if (!recipientName) throw badRequest('recipient_name_required', 'Name the receiving organisation');
  }
  await requireTenantSubjects(tx, subjects);
  if (!input.recipientUse) throw badRequest('recipient_use_required', 'Say what the recipient will do with the data (recipientUse)');
  const request = basis === 'subject_request' ? await requireRequest(tx, subjects, input.requestId) : null;

  const evidence: (string | null)[] = [];
  for (const s of subjects) {
    // requireDisclosableTypes let through ledger subject types only.
    const subject = { type: s.type as LedgerSubjectType, id: s.id, tenantId };
    const snap = await loadSnapshot(tx, subject);
    const allow = requireAllowed(decide(snap, {
      feature: 'disclosures.record', subject, purpose, categories, use: 'disclosure', actor: actor.kind === 'staff' ? 'platform' : 'tenant',
      disclosure: { basis, recipientKind: gateRecipientKind(input.recipientKind), recipientUse: input.recipientUse, agreement, reference: request ?? reference }, at,
    }));
    evidence.push(allow.evidence);
  }
  const consentRecordId = basis === 'subject_permission' && subjects.length === 1 ? evidence[0]! : null;
  if (input.consentRecordId && basis === 'subject_permission' && input.consentRecordId !== consentRecordId) {
    throw unprocessable('consent_record_mismatch', 'The consent in force is not the record named', { clause: 'C03' });
  }
  const who = auditActor(actor);
  const [row] = await tx.query<DisclosureRow>(
    `INSERT INTO disclosures (tenant_id, recipient_kind, recipient_id, recipient_name, basis, order_reference, agreement_id, consent_record_id,
       purpose, categories, subject_count, disclosed_at, recorded_by_type, recorded_by, recipient_use, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'service', $15) RETURNING ${DISCLOSURE_COLUMNS}`,
    [tenantId, input.recipientKind, input.recipientId ?? null, recipientName, basis, reference, agreement?.id ?? null, consentRecordId,
      purpose, categories, subjects.length, new Date(at).toISOString(), who.type, who.id, request],
  );
  const d = row!;
  await tx.query(
    `INSERT INTO disclosure_subjects (disclosure_id, tenant_id, subject_type, subject_id, evidence)
     SELECT $1, $2, t, i, e FROM unnest($3::text[], $4::uuid[], $5::text[]) AS s(t, i, e)`,
    [d.id, tenantId, subjects.map((s) => s.type), subjects.map((s) => s.id), evidence],
  );
  await recordAudit(tx, ctx.keys.audit, {
    tenantId, actor: who, action: 'disclosure.recorded', target: { type: 'disclosure', id: d.id }, ...(reason ? { reason } : {}),
    details: {
      basis, recipientKind: input.recipientKind, processorId: input.recipientId ?? null, agreementId: agreement?.id ?? null,
      purpose, categories, subjectCount: subjects.length, orderReference: reference !== null,
    },
  });
  return { disclosure: d, subjects: await subjectsOf(tx, [d.id]) };
}

/**
 * The subject's recorded request a `subject_request` disclosure answers: one subject, one request
 * of theirs asking for their data to be sent (a disclosure, an access or a portable copy). @clause C04
 */
async function requireRequest(tx: Sql, subjects: readonly SubjectRef[], requestId: string | undefined): Promise<string> {
  if (!requestId || subjects.length !== 1) throw denialError('disclosure_request_missing', { clause: 'C04' });
  const s = subjects[0]!;
  const [r] = await tx.query<{ id: string }>(
    `SELECT id FROM subject_requests WHERE id = $1 AND subject_type = $2 AND subject_id = $3 AND kind IN ('disclosure', 'access', 'portability')`,
    [requestId, s.type, s.id],
  );
  if (!r) throw denialError('disclosure_request_missing', { clause: 'C04' });
  return r.id;
}

const dedupe = (subjects: readonly SubjectRef[]): SubjectRef[] => {
  const seen = new Map<string, SubjectRef>();
  for (const s of subjects) seen.set(`${s.type}:${s.id}`, { type: s.type, id: s.id });
  return [...seen.values()];
};

/** One disclosure of the tenant with its subjects, or 404 (another tenant's id is no id). */
export async function getDisclosure(ctx: AppContext, tenantId: string, id: string): Promise<RecordedDisclosure> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [d] = await tx.query<DisclosureRow>(`SELECT ${DISCLOSURE_COLUMNS} FROM disclosures WHERE id = $1`, [id]);
    if (!d) throw notFound('disclosure');
    return { disclosure: d, subjects: await subjectsOf(tx, [id]) };
  });
}
