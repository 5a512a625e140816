/**
 * The inbox's reads: a tenant's requests (or, for staff, every tenant's), with counts per state,
 * and one request's detail — its history, its steps, its processors and what the data map finds.
 * @clause C11 @clause C33
 */
import { keyringFor } from '../crypto/envelope.ts';
import type { AppContext } from '../app/context.ts';
import type { Sql } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { countSubjectData, type Found } from './found.ts';
import { notificationsOf, type NotificationView } from './forward.ts';
import { stepsOf, type StepView } from './fulfil.ts';
import { findRequest, OPEN_STATES, REQUEST_COLUMNS, requestEvents, type RequestEvent, type RequestRow, type RequestState } from './requests.ts';

export type InboxFilter = { state?: RequestState | undefined; overdue?: boolean | undefined; limit?: number };

/** Requests visible in `tx` (RLS narrows a tenant's transaction to its own), soonest due first. */
export async function listRequests(tx: Sql, f: InboxFilter = {}): Promise<{ rows: RequestRow[]; counts: Record<string, number> }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.state) where.push(`state = $${params.push(f.state)}`);
  if (f.overdue) where.push(`state = ANY($${params.push(OPEN_STATES)}::text[]) AND due_at < now()`);
  const rows = await tx.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM subject_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY (state = ANY('{fulfilled,denied,canceled}'::text[])), due_at NULLS LAST, received_at DESC LIMIT ${f.limit ?? 200}`, params);
  const counts = await tx.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM subject_requests GROUP BY state');
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.state, c.n])) };
}

export type RequestDetail = { row: RequestRow; events: RequestEvent[]; steps: StepView[]; processors: NotificationView[]; found: Found[]; citation: string | null };

export async function requestDetail(ctx: AppContext, tx: Sql, id: string): Promise<RequestDetail> {
  const row = await findRequest(tx, id);
  if (!row) throw notFound('request');
  const subject = row.subject_type === 'customer' ? { type: 'customer' as const, id: row.subject_id, tenantId: null } : { type: row.subject_type, id: row.subject_id, tenantId: row.tenant_id };
  const [rule] = row.due_rule ? await tx.query<{ citation: string }>('SELECT citation FROM deadline_rules WHERE id = $1', [row.due_rule]) : [];
  return {
    row, events: await requestEvents(tx, id), steps: await stepsOf(tx, row), processors: await notificationsOf(tx, id),
    found: await countSubjectData({ tx, ring: keyringFor(ctx.config), keys: ctx.keys }, subject), citation: rule?.citation ?? null,
  };
}
