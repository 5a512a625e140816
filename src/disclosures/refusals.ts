/**
 * A refused disclosure leaves a trace: the audit entry is written in a transaction of its own,
 * because the one that tried to record the disclosure has rolled back. It holds codes, keys
 * and counts — never the recipient's name, the reference or any subject's data.
 * @clause C03 A disclosure without a consent record or a C04 basis is refused and audited.
 */
import type { AppContext } from '../app/context.ts';
import { auditActor, type StaffActor, type UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { inTenant } from '../db/scope.ts';
import { isCategoryKey, isDisclosureBasis, isPurposeKey } from '../domain/taxonomy/index.ts';
import type { DisclosureInput } from './ledger.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function auditRefusal(
  ctx: AppContext, actor: UserActor | StaffActor, tenantId: string, input: DisclosureInput, code: string, reason?: string,
): Promise<void> {
  // Only values the taxonomy knows are copied: free text might hold a personal value.
  const details = {
    code,
    basis: input.basis && isDisclosureBasis(input.basis) ? input.basis : input.basis ? 'unknown' : null,
    recipientKind: input.recipientKind,
    processorId: input.recipientId && UUID.test(input.recipientId) ? input.recipientId : null,
    purpose: isPurposeKey(input.purpose) ? input.purpose : 'unknown',
    categories: input.categories.filter(isCategoryKey),
    subjectCount: input.subjects.length,
    orderReference: Boolean(input.orderReference?.trim()),
  };
  try {
    await inTenant(ctx.db, tenantId, (tx) =>
      recordAudit(tx, ctx.keys.audit, {
        tenantId, actor: auditActor(actor), action: 'disclosure.refused', target: { type: 'tenant', id: tenantId },
        ...(reason ? { reason } : {}), details,
      }),
    );
  } catch (err) {
    // The caller still gets the refusal; a failure to audit it is an operational alarm, not the caller's.
    ctx.log.error({ code: (err as { code?: string }).code, action: 'disclosure.refused' }, 'audit of a refused disclosure failed');
  }
}
