/**
 * Service providers and their data-processing agreements. A merchant registers its own
 * providers in its tenant; ECOMKEY's privacy officer registers ECOMKEY's own (the payment
 * processor, the e-mail provider), which every tenant sees and none may change.
 * @clause C26 Service providers receive data only under an agreement on file that binds them to this policy.
 */
import type { AppContext } from '../app/context.ts';
import { auditActor, type StaffActor, type UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { denialError } from '../domain/gate-errors.ts';
import type { ProcessorAgreement } from '../domain/gate.ts';
import { parseCategory, parsePurpose } from '../domain/taxonomy/index.ts';
import { notFound, unprocessable } from '../errors.ts';
import { checkAgreement, type ProcessorKind } from './rules.ts';
import { agreementsOf, agreementTerms, AGREEMENT_COLUMNS, findProcessor, PROCESSOR_COLUMNS, type AgreementRow, type ProcessorRow } from './store.ts';

/** A merchant acts in its tenant; staff act for ECOMKEY itself (the platform, tenant NULL). */
export type ProcessorActor = UserActor | StaffActor;

const tenantOf = (actor: ProcessorActor): string | null => (actor.kind === 'user' ? actor.tenantId : null);

/** A transaction in the actor's own scope: its tenant, or the platform for staff. */
const inScope = <T>(ctx: AppContext, tenantId: string | null, fn: (tx: Sql) => Promise<T>): Promise<T> =>
  tenantId === null ? inPlatform(ctx.db, fn) : inTenant(ctx.db, tenantId, fn);

const by = (actor: ProcessorActor) => {
  const a = auditActor(actor);
  return { type: a.type as 'user' | 'api_key' | 'staff', id: a.id };
};

export type ProcessorInput = { name: string; kind: ProcessorKind; contact?: string | undefined };

export async function registerProcessor(ctx: AppContext, actor: ProcessorActor, input: ProcessorInput): Promise<ProcessorRow> {
  const tenantId = tenantOf(actor);
  return inScope(ctx, tenantId, (tx) => registerProcessorIn(ctx, tx, actor, input));
}

/** The registration inside the caller's transaction (of the actor's tenant, or the platform's for staff). */
export async function registerProcessorIn(ctx: AppContext, tx: Sql, actor: ProcessorActor, input: ProcessorInput): Promise<ProcessorRow> {
  const tenantId = tenantOf(actor);
  const [row] = await tx.query<ProcessorRow>(
    `INSERT INTO processors (tenant_id, name, kind, contact) VALUES ($1, $2, $3, $4) RETURNING ${PROCESSOR_COLUMNS}`,
    [tenantId, input.name, input.kind, input.contact ?? null],
  );
  await recordAudit(tx, ctx.keys.audit, {
    tenantId, actor: auditActor(actor), action: 'processor.registered', target: { type: 'processor', id: row!.id },
    details: { kind: input.kind, scope: tenantId === null ? 'platform' : 'tenant' },
  });
  return row!;
}

export type AgreementInput = {
  signedAt: string;
  effectiveFrom: string;
  expiresAt?: string | null | undefined;
  categories: readonly string[];
  purposes: readonly string[];
  retention: string;
  retentionDays: number;
  documentRef: string;
  documentSha256?: string | undefined;
  bindsToPolicy: boolean;
};

/**
 * Files an agreement for a provider the actor owns: a merchant its tenant's, staff ECOMKEY's.
 * Category and purpose keys must be the taxonomy's; an agreement that does not bind the
 * provider to this policy is not one C26 accepts, so it is refused rather than filed.
 */
export async function recordAgreement(ctx: AppContext, actor: ProcessorActor, processorId: string, input: AgreementInput): Promise<AgreementRow> {
  return inScope(ctx, tenantOf(actor), (tx) => recordAgreementIn(ctx, tx, actor, processorId, input));
}

export async function recordAgreementIn(ctx: AppContext, tx: Sql, actor: ProcessorActor, processorId: string, input: AgreementInput): Promise<AgreementRow> {
  const categories = [...new Set(input.categories.map(parseCategory))];
  const purposes = [...new Set(input.purposes.map(parsePurpose))];
  if (!input.bindsToPolicy) throw unprocessable('agreement_not_binding', 'The agreement must bind the provider to this Privacy Policy (C26)');
  if (input.expiresAt && input.expiresAt <= input.effectiveFrom) throw unprocessable('agreement_dates_invalid', 'The agreement must expire after it takes effect');
  const tenantId = tenantOf(actor);
  const processor = await findProcessor(tx, processorId);
  // A merchant sees ECOMKEY's providers but may not file their agreements; staff work on ECOMKEY's only.
  if (!processor || processor.tenant_id !== tenantId) throw notFound('processor');
  if (processor.retired_at) throw unprocessable('processor_retired', 'The provider is retired');
  const who = by(actor);
  const [row] = await tx.query<AgreementRow>(
    `INSERT INTO processing_agreements (processor_id, tenant_id, signed_at, effective_from, expires_at, categories, purposes, retention,
       retention_days, document_ref, document_sha256, binds_to_policy, created_by_type, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${AGREEMENT_COLUMNS}`,
    [processorId, tenantId, input.signedAt, input.effectiveFrom, input.expiresAt ?? null, categories, purposes, input.retention,
      input.retentionDays, input.documentRef, input.documentSha256 ?? null, true, who.type, who.id],
  );
  await recordAudit(tx, ctx.keys.audit, {
    tenantId, actor: auditActor(actor), action: 'processor.agreement_recorded', target: { type: 'processor', id: processorId },
    details: { agreementId: row!.id, categories, purposes, retentionDays: input.retentionDays },
  });
  return row!;
}

export type ProcessorWithAgreements = { processor: ProcessorRow; agreements: AgreementRow[] };

/** The providers a scope sees (its own and ECOMKEY's; staff see ECOMKEY's), each with its agreements. */
export async function listProcessors(ctx: AppContext, tenantId: string | null): Promise<ProcessorWithAgreements[]> {
  return inScope(ctx, tenantId, async (tx) => {
    const rows = await tx.query<ProcessorRow>(
      `SELECT ${PROCESSOR_COLUMNS} FROM processors WHERE ($1::uuid IS NULL AND tenant_id IS NULL) OR $1::uuid IS NOT NULL
        ORDER BY tenant_id NULLS FIRST, created_at, id`,
      [tenantId],
    );
    const agreements = await agreementsOf(tx, rows.map((r) => r.id));
    return rows.map((processor) => ({ processor, agreements: agreements.filter((a) => a.processor_id === processor.id) }));
  });
}

/**
 * Inside a transaction: the agreement under which `processorId` may receive `categories` for
 * `purpose` now, as the gate takes it — or the refusal, thrown as problem+json.
 */
export async function requireProcessorAgreement(
  tx: Sql, processorId: string, categories: readonly string[], purpose: string, at = Date.now(),
): Promise<ProcessorAgreement & { readonly processor: ProcessorRow }> {
  const processor = await findProcessor(tx, processorId);
  if (!processor) throw notFound('processor');
  const rows = await agreementsOf(tx, [processorId]);
  const check = checkAgreement(rows.map(agreementTerms), categories, purpose, at, processor.retired_at !== null);
  if (!check.ok) throw denialError(check.code, { clause: 'C26', processorId, why: check.why });
  return { id: check.agreement.id, categories: check.agreement.categories, processor };
}

/**
 * The check every feature makes before it sends anything to a provider (payments, erasure
 * forwarding): the provider is visible to the tenant (or ECOMKEY's own, `tenantId` null) and
 * an agreement in force covers the purpose and every category. Returns the agreement's id and
 * scope for the gate's disclosure context.
 * @clause C26
 */
export async function sendToProcessor(
  ctx: AppContext, tenantId: string | null, processorId: string, categories: readonly string[], purpose: string,
): Promise<ProcessorAgreement> {
  const cats = categories.map(parseCategory);
  const p = parsePurpose(purpose);
  const found = await inScope(ctx, tenantId, async (tx) => {
    // The platform transaction sees every provider: ECOMKEY itself sends only to its own.
    const processor = await findProcessor(tx, processorId);
    if (!processor || (tenantId === null && processor.tenant_id !== null)) throw notFound('processor');
    return requireProcessorAgreement(tx, processorId, cats, p);
  });
  return { id: found.id, categories: found.categories };
}
