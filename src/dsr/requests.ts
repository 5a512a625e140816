/**
 * Data-subject requests as records: filed from any channel through `fileRequest`, moved through
 * their states only by `transition` (each move kept as an event and audited, codes and ids
 * only), their deadlines recomputed from the rules table whenever the clock changes. Commands
 * run in the caller's transaction.
 * @clause C11 a Subscriber's request through a bot lands in that merchant's inbox.
 * @clause C33 the deletion clock starts at confirmation.
 */
import type { AuditActor } from '../audit/log.ts';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { computeDeadlines, extensionAllowed, type DeadlineRule, type Holidays, type RequestClock } from './deadlines.ts';

export const STATES = ['received', 'identity_unverified', 'verified', 'in_progress', 'fulfilled', 'denied', 'canceled'] as const;
export type RequestState = (typeof STATES)[number];
export const OPEN_STATES: readonly RequestState[] = ['received', 'identity_unverified', 'verified', 'in_progress'];
export const DENY_REASONS = ['identity_not_verified', 'manifestly_unfounded', 'excessive', 'legal_obligation_to_keep', 'rights_of_others', 'legal_claims', 'not_our_subject'] as const;
export type DenyReason = (typeof DENY_REASONS)[number];
export const EXTENSION_REASONS = ['complexity', 'number_of_requests', 'processor_delay', 'awaiting_authority'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];
/** Where a request came from; `channel` is a Subscriber writing to a merchant's bot (C11). */
export const SOURCES = ['privacy_center', 'web_form', 'channel', 'merchant', 'staff', 'meta_callback'] as const;
export type RequestSource = (typeof SOURCES)[number];
export const RECEIVED_VIA = ['privacy_center', 'bot', 'email', 'phone', 'letter', 'in_person', 'api', 'web_form', 'meta_callback'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];
/** Kinds whose fulfilment a processor holding the data must carry out too (C35). */
export const FORWARDED_KINDS: readonly string[] = ['erasure', 'rectification', 'restriction', 'objection'];

/** The moves each state allows. */
const NEXT: Readonly<Record<RequestState, readonly RequestState[]>> = {
  received: ['identity_unverified', 'verified', 'denied', 'canceled'],
  identity_unverified: ['verified', 'denied', 'canceled'],
  verified: ['in_progress', 'denied', 'canceled'],
  in_progress: ['fulfilled', 'denied'],
  fulfilled: [], denied: [], canceled: [],
};

export const canMove = (from: RequestState, to: RequestState): boolean => NEXT[from].includes(to);

export type RequestRow = {
  id: string; tenant_id: string; subject_type: 'customer' | 'subscriber' | 'buyer'; subject_id: string; kind: string; received_via: ReceivedVia;
  evidence_ref: string; received_at: Date; state: RequestState; confirmed_at: Date | null; ack_due_at: Date | null; acknowledged_at: Date | null;
  due_at: Date | null; due_rule: string | null; processor_involved: boolean; gdpr: boolean; extended_at: Date | null; extension_reason: string | null;
  deny_reason: string | null; duplicate_of: string | null; purpose: string | null; status_code: string | null; closed_at: Date | null; updated_at: Date;
  correction: string | null;
};
export const REQUEST_COLUMNS = `id, tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, received_at, state, confirmed_at, ack_due_at,
  acknowledged_at, due_at, due_rule, processor_involved, gdpr, extended_at, extension_reason, deny_reason, duplicate_of, purpose, status_code, closed_at, updated_at,
  correction`;

export type Actor = AuditActor;
type Audit = { auditKey: Buffer };

/** The rules table, as the pure deadline functions take it. */
export async function loadRules(tx: Sql): Promise<DeadlineRule[]> {
  const rows = await tx.query<{ id: string; milestone: DeadlineRule['milestone']; kinds: string[]; counts_from: DeadlineRule['countsFrom']; amount: number; unit: DeadlineRule['unit'];
    applies: DeadlineRule['applies']; extension_amount: number | null; extension_unit: DeadlineRule['unit'] | null; calendar: string; citation: string }>('SELECT * FROM deadline_rules ORDER BY id');
  return rows.map((r) => ({
    id: r.id, milestone: r.milestone, kinds: r.kinds, countsFrom: r.counts_from, amount: r.amount, unit: r.unit, applies: r.applies,
    extension: r.extension_amount && r.extension_unit ? { amount: r.extension_amount, unit: r.extension_unit } : null, calendar: r.calendar, citation: r.citation,
  }));
}

export async function loadHolidays(tx: Sql): Promise<Holidays> {
  const rows = await tx.query<{ calendar: string; day: string }>("SELECT calendar, to_char(day, 'YYYY-MM-DD') AS day FROM calendar_holidays");
  const out = new Map<string, Set<string>>();
  for (const r of rows) (out.get(r.calendar) ?? out.set(r.calendar, new Set()).get(r.calendar)!).add(r.day);
  return out;
}

const clockOf = (r: RequestRow): RequestClock => ({
  kind: r.kind, receivedAt: new Date(r.received_at), confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  processorInvolved: r.processor_involved, gdpr: r.gdpr, extended: r.extended_at !== null,
});

/** Recomputes and stores a request's acknowledgement and due dates. */
async function storeDeadlines(tx: Sql, r: RequestRow): Promise<RequestRow> {
  const d = computeDeadlines(await loadRules(tx), clockOf(r), await loadHolidays(tx));
  const [row] = await tx.query<RequestRow>(
    `UPDATE subject_requests SET ack_due_at = $2, due_at = $3, due_rule = $4, updated_at = now() WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
    [r.id, d.acknowledge?.at ?? null, d.fulfil?.at ?? null, d.fulfil?.rule ?? null]);
  return row!;
}

export async function findRequest(tx: Sql, id: string, lock = false): Promise<RequestRow | undefined> {
  const [row] = await tx.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM subject_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

/** The processors the disclosure ledger says received this subject's data (C35). */
export async function processorsOf(tx: Sql, tenantId: string, subject: { type: string; id: string }): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT DISTINCT d.recipient_id AS id FROM disclosure_subjects s JOIN disclosures d ON d.id = s.disclosure_id
      WHERE s.tenant_id = $1 AND s.subject_type = $2 AND s.subject_id = $3 AND d.recipient_kind = 'processor' AND d.recipient_id IS NOT NULL`,
    [tenantId, subject.type, subject.id]);
  return rows.map((r) => r.id);
}

type TransitionOpts = { actor: Actor; code?: string | null; set?: Record<string, unknown> };

/** Moves a request to `to` (refused unless its state allows it), keeps the event and audits it. */
export async function transition(tx: Sql, a: Audit, id: string, to: RequestState, o: TransitionOpts): Promise<RequestRow> {
  const r = await findRequest(tx, id, true);
  if (!r) throw notFound('request');
  if (!canMove(r.state, to)) throw conflict('request_state_invalid', `A request that is ${r.state} cannot become ${to}`);
  const set: Record<string, unknown> = { ...o.set, ...(['fulfilled', 'denied', 'canceled'].includes(to) ? { closed_at: new Date() } : {}) };
  const cols = Object.keys(set);
  const assign = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
  let [row] = await tx.query<RequestRow>(
    `UPDATE subject_requests SET state = $2, updated_at = now()${assign ? `, ${assign}` : ''} WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
    [id, to, ...cols.map((c) => set[c])]);
  await tx.query(
    'INSERT INTO subject_request_events (request_id, tenant_id, from_state, to_state, code, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, r.tenant_id, r.state, to, o.code ?? null, o.actor.type, o.actor.id]);
  await recordAudit(tx, a.auditKey, {
    tenantId: r.tenant_id, actor: o.actor, action: `request.${to}`, target: { type: r.subject_type, id: r.subject_id },
    details: { requestId: id, kind: r.kind, from: r.state, ...(o.code ? { code: o.code } : {}) },
  });
  if ('confirmed_at' in set || 'extended_at' in set) row = await storeDeadlines(tx, row!);
  return row!;
}

export type FileInput = {
  tenantId: string;
  subject: { type: 'customer' | 'subscriber' | 'buyer'; id: string };
  kind: string;
  source: RequestSource;
  receivedVia?: ReceivedVia;
  /** The merchant's or channel's reference (ticket, message id), never the request's wording. */
  evidenceRef: string;
  actor: Actor;
  /** Identity already known (a signed-in person, a signed Meta callback, a merchant who checked it). */
  verified: boolean;
  purpose?: string | null;
  gdpr?: boolean;
  statusCode?: string | null;
};

export type Filed = { request: RequestRow; duplicateOf: string | null };

const VIA_OF_SOURCE: Readonly<Record<RequestSource, ReceivedVia>> = {
  privacy_center: 'privacy_center', web_form: 'web_form', channel: 'bot', merchant: 'email', staff: 'email', meta_callback: 'meta_callback',
};

/**
 * Files a request in its tenant (the merchant's inbox) from any channel. A second request of
 * the same subject and kind while one is open is kept, linked to the open one and closed as a
 * duplicate: it is never run twice.
 */
export async function fileRequest(tx: Sql, a: Audit, input: FileInput): Promise<Filed> {
  if (input.kind === 'disclosure') throw unprocessable('request_kind_invalid', 'A copy sent elsewhere is recorded with the disclosure ledger');
  const [open] = await tx.query<{ id: string }>(
    `SELECT id FROM subject_requests WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 AND kind = $4 AND state = ANY($5::text[])
      AND duplicate_of IS NULL ORDER BY received_at LIMIT 1`,
    [input.tenantId, input.subject.type, input.subject.id, input.kind, OPEN_STATES]);
  const processors = FORWARDED_KINDS.includes(input.kind) ? await processorsOf(tx, input.tenantId, input.subject) : [];
  const [row] = await tx.query<RequestRow>(
    `INSERT INTO subject_requests (tenant_id, subject_type, subject_id, kind, received_via, evidence_ref, created_by_type, created_by_id,
                                   processor_involved, gdpr, purpose, status_code, duplicate_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${REQUEST_COLUMNS}`,
    [input.tenantId, input.subject.type, input.subject.id, input.kind, input.receivedVia ?? VIA_OF_SOURCE[input.source], input.evidenceRef,
      input.actor.type, input.actor.id, processors.length > 0, input.gdpr ?? false, input.purpose ?? null, input.statusCode ?? null, open?.id ?? null]);
  await tx.query(
    'INSERT INTO subject_request_events (request_id, tenant_id, from_state, to_state, code, actor_type, actor_id) VALUES ($1, $2, NULL, $3, $4, $5, $6)',
    [row!.id, input.tenantId, 'received', input.source, input.actor.type, input.actor.id]);
  await recordAudit(tx, a.auditKey, {
    tenantId: input.tenantId, actor: input.actor, action: 'request.received', target: { type: input.subject.type, id: input.subject.id },
    details: { requestId: row!.id, kind: input.kind, source: input.source, ...(open ? { duplicateOf: open.id } : {}) },
  });
  if (open) return { request: await transition(tx, a, row!.id, 'canceled', { actor: { type: 'system', id: null }, code: 'duplicate_of_open_request' }), duplicateOf: open.id };
  const request = input.verified
    ? await transition(tx, a, row!.id, 'verified', { actor: input.actor, code: input.source, set: { confirmed_at: new Date() } })
    : await transition(tx, a, row!.id, 'identity_unverified', { actor: { type: 'system', id: null }, code: 'confirmation_mailed', set: { confirmed_at: null } });
  return { request, duplicateOf: null };
}

/** Extends the due date once, with a reason from the fixed list; refused where no applying rule allows it. */
export async function extendRequest(tx: Sql, a: Audit, id: string, reason: ExtensionReason, actor: Actor): Promise<RequestRow> {
  const r = await findRequest(tx, id, true);
  if (!r) throw notFound('request');
  if (!OPEN_STATES.includes(r.state)) throw conflict('request_closed', 'The request is closed');
  if (!extensionAllowed(await loadRules(tx), clockOf(r))) throw conflict('extension_not_allowed', 'This request was extended already, or no rule allows an extension');
  await tx.query('UPDATE subject_requests SET extended_at = now(), extension_reason = $2 WHERE id = $1', [id, reason]);
  await tx.query(
    'INSERT INTO subject_request_events (request_id, tenant_id, from_state, to_state, code, actor_type, actor_id) VALUES ($1, $2, $3, $3, $4, $5, $6)',
    [id, r.tenant_id, r.state, `extended_${reason}`, actor.type, actor.id]);
  await recordAudit(tx, a.auditKey, { tenantId: r.tenant_id, actor, action: 'request.extended', target: { type: r.subject_type, id: r.subject_id }, details: { requestId: id, reason } });
  return storeDeadlines(tx, (await findRequest(tx, id))!);
}

/** Records that the merchant acknowledged the request to the person (Decree 356/2025 Art 5). */
export async function acknowledgeRequest(tx: Sql, a: Audit, id: string, actor: Actor): Promise<RequestRow> {
  const [row] = await tx.query<RequestRow>(
    `UPDATE subject_requests SET acknowledged_at = coalesce(acknowledged_at, now()), updated_at = now() WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`, [id]);
  if (!row) throw notFound('request');
  await recordAudit(tx, a.auditKey, { tenantId: row.tenant_id, actor, action: 'request.acknowledged', target: { type: row.subject_type, id: row.subject_id }, details: { requestId: id } });
  return row;
}

export type RequestEvent = { from: string | null; to: string; code: string | null; actorType: string; at: Date };

export async function requestEvents(tx: Sql, id: string): Promise<RequestEvent[]> {
  const rows = await tx.query<{ from_state: string | null; to_state: string; code: string | null; actor_type: string; at: Date }>(
    'SELECT from_state, to_state, code, actor_type, at FROM subject_request_events WHERE request_id = $1 ORDER BY id', [id]);
  return rows.map((r) => ({ from: r.from_state, to: r.to_state, code: r.code, actorType: r.actor_type, at: r.at }));
}
