import type { z } from 'zod';
import type { RequestRow } from '../../dsr/requests.ts';
import type { InboxItem } from './inbox-schema.ts';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** A request as the inbox shows it: ids, states, dates and codes, never what the person said or holds. */
export function presentRequest(r: RequestRow, now = Date.now()): z.infer<typeof InboxItem> {
  const open = !['fulfilled', 'denied', 'canceled'].includes(r.state);
  const left = r.due_at && open ? Math.round((new Date(r.due_at).getTime() - now) / 1000) : null;
  return {
    id: r.id, tenantId: r.tenant_id, subject: { type: r.subject_type, id: r.subject_id }, kind: r.kind, state: r.state, receivedVia: r.received_via,
    evidenceRef: r.evidence_ref, receivedAt: iso(r.received_at)!, confirmedAt: iso(r.confirmed_at), ackDueAt: iso(r.ack_due_at), acknowledgedAt: iso(r.acknowledged_at),
    dueAt: iso(r.due_at), dueRule: r.due_rule, timeLeftSeconds: left, overdue: left !== null && left < 0, extended: r.extended_at !== null,
    extensionReason: r.extension_reason, denyReason: r.deny_reason, duplicateOf: r.duplicate_of, processorInvolved: r.processor_involved,
  };
}
