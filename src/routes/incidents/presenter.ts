import type { Incident } from '../../incidents/register.ts';

/** The register as staff see it: clocks, states and counts; the texts only in the report. */
export function presentIncident(inc: Incident, now = new Date()) {
  const hoursLeft = Math.round(((inc.authority_due_at.getTime() - now.getTime()) / 3_600_000) * 10) / 10;
  return {
    id: inc.id,
    detectedAt: inc.detected_at.toISOString(),
    severity: inc.severity,
    categories: inc.categories,
    authority: {
      dueAt: inc.authority_due_at.toISOString(),
      reportedAt: inc.authority_reported_at?.toISOString() ?? null,
      reference: inc.authority_reference,
      hoursLeft,
      overdue: !inc.authority_reported_at && hoursLeft < 0,
    },
    notices: inc.notices.map((n) => ({
      tenantId: n.tenant_id, dueAt: n.due_at.toISOString(), queuedAt: n.queued_at?.toISOString() ?? null, mails: n.mails, sent: n.sent,
      state: n.queued_at === null ? ('due' as const) : n.sent >= n.mails ? ('sent' as const) : ('queued' as const),
    })),
  };
}
