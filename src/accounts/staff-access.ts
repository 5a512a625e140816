import type { AppContext } from '../app/context.ts';
import { auditActor, type StaffActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { inTenant } from '../db/scope.ts';
import { notFound } from '../errors.ts';
import { listSubscribers, type SubscriberRow } from '../subjects/subscribers.ts';

/**
 * A staff member reads one tenant's Subscribers. The read and the audit entry naming who,
 * which tenant and why share one tenant transaction: there is no read without its record.
 */
export async function readTenantSubscribers(
  ctx: AppContext,
  staff: StaffActor,
  tenantId: string,
  reason: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ rows: SubscriberRow[]; nextCursor: string | null }> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [tenant] = await tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    if (!tenant) throw notFound('tenant');
    const { rows: shown, nextCursor } = await listSubscribers(tx, page);
    await recordAudit(tx, ctx.keys.audit, {
      tenantId,
      actor: auditActor(staff),
      action: 'staff.subjects_read',
      target: { type: 'tenant', id: tenantId },
      reason,
      details: { resource: 'subscribers', count: shown.length, staffRole: staff.role },
    });
    return { rows: shown, nextCursor };
  });
}
