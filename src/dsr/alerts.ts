/**
 * The deadline watch: a scheduled job raises each request's alerts once — a little before
 * and at its acknowledgement and due dates — so an overdue request is never silent. Reads dates
 * and ids, no one's data.
 * @clause C33
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { inPlatform } from '../db/scope.ts';
import { alertsDue } from './deadlines.ts';
import { OPEN_STATES } from './requests.ts';

/** Raises the alerts due at `now`; returns how many were new. */
export async function raiseDeadlineAlerts(ctx: AppContext, now = new Date()): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const rows = await tx.query<{ id: string; tenant_id: string; ack_due_at: Date | null; acknowledged_at: Date | null; due_at: Date | null }>(
      `SELECT id, tenant_id, ack_due_at, acknowledged_at, due_at FROM subject_requests
        WHERE state = ANY($1::text[]) AND duplicate_of IS NULL
          AND ((ack_due_at IS NOT NULL AND acknowledged_at IS NULL AND ack_due_at < $2::timestamptz + interval '1 day') OR due_at < $2::timestamptz + interval '3 days')`,
      [OPEN_STATES, now]);
    let raised = 0;
    for (const r of rows) {
      for (const alert of alertsDue({ ackDueAt: r.ack_due_at, acknowledgedAt: r.acknowledged_at, dueAt: r.due_at }, now)) {
        const [n] = await tx.query('INSERT INTO subject_request_alerts (request_id, tenant_id, alert) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [r.id, r.tenant_id, alert]);
        if (!n) continue;
        raised++;
        await recordAudit(tx, ctx.keys.audit, { tenantId: r.tenant_id, actor: { type: 'system', id: null }, action: 'request.alert', details: { requestId: r.id, alert } });
        ctx.log.warn({ requestId: r.id, alert }, 'subject request deadline');
      }
    }
    return raised;
  });
}
