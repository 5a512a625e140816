/**
 * The breach register. An incident is recorded with the time it was detected; from then run the
 * 72-hour clock for the report to the authority (VN Law 91/2025 with Decree 356/2025 Art. 23;
 * GDPR Art. 33) and the clock for telling every affected Customer. Notices are mail to each
 * affected shop's owners (ECOMKEY's own Customers: never a shop's Subscribers or Buyers, C29),
 * queued in the transaction that records them and tracked until the provider took them.
 * @clause C24 an incident tracks the authority report and each Customer's notice against its deadline.
 */
import type { AppContext } from '../app/context.ts';
import type { AuditActor } from '../audit/log.ts';
import { recordAudit } from '../audit/log.ts';
import { staffAddresses } from '../accounts/staff.ts';
import { openUser, USER_KEY } from '../accounts/users.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { notFound, unprocessable } from '../errors.ts';
import { enqueueMail, enqueueTrackedMail } from '../mail/outbox.ts';
import { breachNoticeMail, deadlineReminderMail } from './mails.ts';

export const AUTHORITY_HOURS = 72;
/** How long before the authority deadline the privacy officers are reminded (once). */
export const REMIND_HOURS_BEFORE = 24;

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type NewIncident = {
  detectedAt: Date; summary: string; measures: string; consequences: string; severity: Severity;
  categories: readonly string[]; subjectTypes: readonly string[]; approxSubjects: number; affectedTenantIds: readonly string[];
};

export type IncidentRow = {
  id: string; detected_at: Date; recorded_at: Date; summary: string; measures: string; consequences: string; severity: Severity;
  categories: string[]; subject_types: string[]; approx_subjects: number; authority_due_at: Date; authority_reported_at: Date | null;
  authority_reference: string | null; reminded_at: Date | null;
};
export type NoticeState = { tenant_id: string; due_at: Date; queued_at: Date | null; mails: number; sent: number };
export type Incident = IncidentRow & { notices: NoticeState[] };

const HOUR = 3_600_000;
const dueAfter = (d: Date, hours = AUTHORITY_HOURS) => new Date(d.getTime() + hours * HOUR);

export async function recordIncident(ctx: Pick<AppContext, 'db' | 'keys'>, actor: AuditActor & { id: string }, v: NewIncident, now = new Date()): Promise<Incident> {
  if (v.detectedAt.getTime() > now.getTime()) throw unprocessable('detected_in_future', 'An incident cannot be detected after it is recorded');
  const id = await inPlatform(ctx.db, async (tx) => {
    const known = await tx.query<{ id: string }>('SELECT id FROM tenants WHERE id = ANY($1::uuid[])', [[...v.affectedTenantIds]]);
    if (known.length !== new Set(v.affectedTenantIds).size) throw unprocessable('unknown_tenant', 'An affected shop is not on the platform');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO incidents (detected_at, recorded_by, summary, measures, consequences, severity, categories, subject_types, approx_subjects, authority_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [v.detectedAt, actor.id, v.summary, v.measures, v.consequences, v.severity, [...v.categories], [...v.subjectTypes], v.approxSubjects, dueAfter(v.detectedAt)],
    );
    // Affected Customers are told "without undue delay": the same deadline as the authority's.
    for (const t of new Set(v.affectedTenantIds)) {
      await tx.query('INSERT INTO incident_notices (incident_id, tenant_id, due_at) VALUES ($1, $2, $3)', [row!.id, t, dueAfter(v.detectedAt)]);
    }
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor, action: 'incident.recorded', target: { type: 'incident', id: row!.id },
      details: { severity: v.severity, categories: [...v.categories], tenants: v.affectedTenantIds.length },
    });
    return row!.id;
  });
  return (await readIncident(ctx.db, id))!;
}

const NOTICE_STATE = `
  SELECT n.tenant_id, n.due_at, n.queued_at, cardinality(n.outbox_ids)::int AS mails,
         (SELECT count(*)::int FROM outbox o WHERE o.id = ANY(n.outbox_ids) AND o.sent_at IS NOT NULL) AS sent
    FROM incident_notices n WHERE n.incident_id = $1 ORDER BY n.tenant_id`;

export async function readIncident(db: Sql, id: string): Promise<Incident | null> {
  const [row] = await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
  if (!row) return null;
  return { ...row, notices: await db.query<NoticeState>(NOTICE_STATE, [id]) };
}

export async function listIncidents(db: Sql): Promise<Incident[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM incidents ORDER BY detected_at DESC LIMIT 200');
  return Promise.all(rows.map(async (r) => (await readIncident(db, r.id))!));
}

/** Queues the notice to the owners of every affected shop not yet told, in their language; returns how many mails. */
export async function notifyCustomers(ctx: Pick<AppContext, 'db' | 'keys' | 'jobs' | 'config'>, actor: AuditActor, id: string): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const [inc] = await tx.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1 FOR UPDATE', [id]);
    if (!inc) throw notFound('incident');
    const pending = await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM incident_notices WHERE incident_id = $1 AND queued_at IS NULL', [id]);
    let mails = 0;
    for (const { tenant_id } of pending) {
      const owners = await tx.query<{ id: string; email: string; name: string; wrapped_key: string | null; locale: 'vi' | 'en' }>(
        `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.locale FROM users u JOIN memberships m ON m.user_id = u.id
          WHERE m.tenant_id = $1 AND m.role = 'owner' AND u.closed_at IS NULL`, [tenant_id]);
      const ids: number[] = [];
      for (const o of owners) {
        const to = openUser(ctx.keys, o).email;
        if (!to) continue; // erased: no address left to write to
        ids.push(await enqueueTrackedMail(tx, ctx, { ...breachNoticeMail(to, o.locale, inc, ctx.config.publicUrl), recipient: { type: 'customer', id: o.id, tenantId: tenant_id } }));
      }
      await tx.query('UPDATE incident_notices SET queued_at = now(), outbox_ids = $3 WHERE incident_id = $1 AND tenant_id = $2', [id, tenant_id, ids]);
      mails += ids.length;
    }
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor, action: 'incident.customers_notified', target: { type: 'incident', id }, details: { tenants: pending.length, mails },
    });
    return mails;
  });
}

export async function recordAuthorityReport(ctx: Pick<AppContext, 'db' | 'keys'>, actor: AuditActor, id: string, v: { reportedAt: Date; reference: string }): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    const done = await tx.query('UPDATE incidents SET authority_reported_at = $2, authority_reference = $3 WHERE id = $1 AND authority_reported_at IS NULL RETURNING id', [id, v.reportedAt, v.reference]);
    if (done.length === 0) {
      if ((await tx.query('SELECT 1 FROM incidents WHERE id = $1', [id])).length === 0) throw notFound('incident');
      throw unprocessable('already_reported', 'The authority report of this incident is already recorded');
    }
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor, action: 'incident.authority_reported', target: { type: 'incident', id } });
  });
}

/**
 * The scheduled check: every incident whose authority report is due within REMIND_HOURS_BEFORE
 * (or overdue) and not yet reported reminds the privacy officers, once. Returns how many incidents.
 */
export async function remindDeadlines(ctx: Pick<AppContext, 'db' | 'keys' | 'jobs' | 'config'>, now = new Date()): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const due = await tx.query<IncidentRow>(
      `SELECT * FROM incidents WHERE authority_reported_at IS NULL AND reminded_at IS NULL AND authority_due_at <= $1
        ORDER BY authority_due_at FOR UPDATE SKIP LOCKED`, [dueAfter(now, REMIND_HOURS_BEFORE)]);
    if (due.length === 0) return 0;
    const officers = await staffAddresses(tx, ctx.keys, 'privacy_officer');
    for (const inc of due) {
      for (const o of officers) {
        if (o.email) await enqueueMail(tx, ctx, { ...deadlineReminderMail(o.email, inc, now, ctx.config.publicUrl), recipient: { type: 'staff', id: o.id } });
      }
      await tx.query('UPDATE incidents SET reminded_at = $2 WHERE id = $1', [inc.id, now]);
      await recordAudit(tx, ctx.keys.audit, {
        tenantId: null, actor: { type: 'system', id: null }, action: 'incident.deadline_reminded', target: { type: 'incident', id: inc.id }, details: { officers: officers.length },
      });
    }
    return due.length;
  });
}
