/**
 * Fulfilment of a verified request as checkpointed steps. Each step does its work and marks
 * itself done in ONE transaction, so a server killed mid-step leaves either nothing or the
 * whole step; the job, run again by the queue, skips what is done and carries on. A failed
 * step is kept with its code, shown, and retried from there: a request is never re-filed.
 * Erasure reads the live rows when it runs, never an earlier access result.
 * @clause C16 @clause C31 @clause C33 @clause C34 @clause C35
 */
import type { AppContext } from '../app/context.ts';
import type { UserActor } from '../auth/actor.ts';
import { updateProfile } from '../accounts/profile.ts';
import type { ProfilePatch } from '../accounts/profile-fields.ts';
import { findTenantName } from '../accounts/tenants.ts';
import { consentHistory, currentConsents, objectToProcessing, restrictProcessing, withdrawConsent } from '../consents/index.ts';
import { keyringFor, openColumn } from '../crypto/envelope.ts';
import { openField } from '../crypto/fields.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { failureCode } from '../jobs/runner.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { findSubjectKey } from '../subjects/keys.ts';
import type { SubjectRef } from '../subjects/ref.ts';
import { eraseSubject } from './erase.ts';
import { storeExport } from './exports.ts';
import { queueForwarding } from './forward.ts';
import { exportReadyMail } from './mails.ts';
import { rectifyShopSubject, type Correction } from './rectify.ts';
import { buildPortableExport } from './portable.ts';
import { findRequest, processorsOf, transition, type RequestRow } from './requests.ts';

export type StepName = 'build_export' | 'erase' | 'restrict' | 'withdraw_consents' | 'rectify' | 'forward' | 'await_acks';

/** The steps of each kind, in order. */
export const PLAN: Readonly<Record<string, readonly StepName[]>> = {
  access: ['build_export'],
  portability: ['build_export'],
  erasure: ['erase', 'forward', 'await_acks'],
  restriction: ['restrict', 'forward', 'await_acks'],
  objection: ['restrict', 'forward', 'await_acks'],
  withdrawal: ['withdraw_consents'],
  rectification: ['rectify', 'forward', 'await_acks'],
};

/** Thrown by a step that cannot finish yet (processors still to acknowledge): not a failure. */
class Waiting extends Error {}

type StepResult = Record<string, unknown>;
type StepRun = (tx: Sql, ctx: AppContext, r: RequestRow) => Promise<StepResult>;

/**
 * A rectification goes through the profile's own path (C16: the live value changes, the old one
 * goes sealed into the audit), which is its own transaction; applying the same values twice
 * changes nothing, so a rerun after a crash is harmless.
 */
async function applyCorrection(ctx: AppContext, r: RequestRow): Promise<void> {
  // A shop's subject is corrected inside the step's own transaction (see `rectify`).
  if (r.subject_type !== 'customer' || !r.correction) return;
  const key = await findSubjectKey(ctx.db, ctx.keys.data, { type: 'customer', id: r.subject_id });
  const patch = JSON.parse(openField(key, 'subject_requests.correction', r.id, r.correction) ?? '{}') as ProfilePatch;
  const [m] = await ctx.db.query<{ tenant_id: string; role: UserActor['role'] }>('SELECT tenant_id, role FROM memberships WHERE user_id = $1 ORDER BY role LIMIT 1', [r.subject_id]);
  await updateProfile(ctx, { kind: 'user', userId: r.subject_id, tenantId: m?.tenant_id ?? r.tenant_id, role: m?.role ?? 'owner', via: 'session' }, patch);
}

const subjectOf = (r: RequestRow): SubjectRef =>
  // A Customer is ECOMKEY's subject: found across tenants, not inside one shop.
  r.subject_type === 'customer' ? { type: 'customer', id: r.subject_id, tenantId: null } : { type: r.subject_type, id: r.subject_id, tenantId: r.tenant_id };
const ledgerSubject = (r: RequestRow) => ({ tenantId: r.tenant_id, type: r.subject_type, id: r.subject_id });
const SYSTEM = { type: 'system', id: null } as const;

const STEPS: Readonly<Record<StepName, StepRun>> = {
  async build_export(tx, ctx, r) {
    const x = await buildPortableExport({ tx, ring: keyringFor(ctx.config), keys: ctx.keys }, subjectOf(r));
    const { token, bytes } = await storeExport(tx, ctx, r, x);
    // The link goes to the address the export itself holds: the person's own.
    const email = x.fields.find((f) => f.column === 'email' && typeof f.value === 'string' && ['subscribers', 'buyers', 'users'].includes(f.table))?.value as string | undefined;
    if (email) {
      const shop = (await findTenantName(tx, keyringFor(ctx.config), r.tenant_id, { open: true })) ?? 'ECOMKEY';
      await enqueueMail(tx, ctx, { ...exportReadyMail(email, ctx.config.publicUrl, shop, token), recipient: { type: r.subject_type, id: r.subject_id, tenantId: r.tenant_id } });
    }
    return { fields: x.fields.length, consents: x.consents.length, disclosures: x.disclosures.length, bytes, mailed: Boolean(email) };
  },
  async erase(tx, ctx, r) {
    const report = await eraseSubject({ tx, ring: keyringFor(ctx.config), keys: ctx.keys }, subjectOf(r));
    return { tables: report.tables };
  },
  async restrict(tx, ctx, r) {
    const write = r.kind === 'objection' ? objectToProcessing : restrictProcessing;
    await tx.query("SELECT set_config('app.tenant_id', $1, true)", [r.tenant_id]);
    const row = await write({ tx, auditKey: ctx.keys.audit }, SYSTEM, { subject: ledgerSubject(r), purpose: r.purpose as never });
    return { restrictionId: row.id };
  },
  async withdraw_consents(tx, ctx, r) {
    await tx.query("SELECT set_config('app.tenant_id', $1, true)", [r.tenant_id]);
    const s = ledgerSubject(r);
    const given = (await currentConsents(tx, s)).filter((c) => c.given && (!r.purpose || c.purpose === r.purpose));
    for (const c of given) await withdrawConsent({ tx, auditKey: ctx.keys.audit }, SYSTEM, { subject: s, purpose: c.purpose, method: 'api', evidence: `request:${r.id}` });
    return { withdrawn: given.length, history: (await consentHistory(tx, s)).length };
  },
  async rectify(tx, ctx, r) {
    if (r.subject_type === 'customer') {
      // The profile was changed by `applyCorrection` before this transaction; the sealed request copy goes now.
      await tx.query('UPDATE subject_requests SET correction = NULL WHERE id = $1', [r.id]);
      return { applied: true };
    }
    // A Subscriber's or a Buyer's values change with this checkpoint, in one transaction, through their one path.
    const [held] = await tx.query<{ shop_correction: string | null }>('SELECT shop_correction FROM subject_requests WHERE id = $1', [r.id]);
    const patch = held?.shop_correction ? JSON.parse(await openColumn(tx, keyringFor(ctx.config), r.tenant_id, 'subject_requests.shop_correction', held.shop_correction)) as Correction : {};
    const fields = await rectifyShopSubject(tx, ctx.keys, { type: r.subject_type, id: r.subject_id, tenantId: r.tenant_id }, patch, SYSTEM);
    await tx.query('UPDATE subject_requests SET shop_correction = NULL WHERE id = $1', [r.id]);
    return { applied: true, fields };
  },
  async forward(tx, ctx, r) {
    const processors = await processorsOf(tx, r.tenant_id, { type: r.subject_type, id: r.subject_id });
    return { processors: await queueForwarding(tx, ctx, r, processors) };
  },
  async await_acks(tx, _ctx, r) {
    const rows = await tx.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM processor_notifications WHERE request_id = $1 GROUP BY state', [r.id]);
    const waiting = rows.filter((x) => x.state !== 'acknowledged').reduce((n, x) => n + x.n, 0);
    if (waiting > 0) throw new Waiting();
    return { acknowledged: rows.reduce((n, x) => n + x.n, 0) };
  },
};

export type StepView = { step: string; state: 'pending' | 'running' | 'done' | 'failed' | 'waiting'; attempts: number; code: string | null; result: StepResult | null; updatedAt: Date | null };

/** The plan of a request with each step's checkpoint. */
export async function stepsOf(tx: Sql, r: Pick<RequestRow, 'id' | 'kind'>): Promise<StepView[]> {
  const rows = await tx.query<{ step: string; state: StepView['state']; attempts: number; code: string | null; result: StepResult | null; updated_at: Date }>(
    'SELECT step, state, attempts, code, result, updated_at FROM subject_request_steps WHERE request_id = $1', [r.id]);
  const by = new Map(rows.map((x) => [x.step, x]));
  return (PLAN[r.kind] ?? []).map((step) => {
    const x = by.get(step);
    return x ? { step, state: x.state, attempts: x.attempts, code: x.code, result: x.result, updatedAt: x.updated_at } : { step, state: 'pending', attempts: 0, code: null, result: null, updatedAt: null };
  });
}

async function stepDone(ctx: AppContext, id: string, step: StepName): Promise<boolean> {
  const [cp] = await ctx.db.query<{ state: string }>('SELECT state FROM subject_request_steps WHERE request_id = $1 AND step = $2', [id, step]);
  return cp?.state === 'done';
}

async function mark(ctx: AppContext, r: RequestRow, step: StepName, state: 'failed' | 'waiting', code: string): Promise<void> {
  await inPlatform(ctx.db, (tx) => tx.query(
    `INSERT INTO subject_request_steps (request_id, tenant_id, step, state, code) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (request_id, step) DO UPDATE SET state = EXCLUDED.state, code = EXCLUDED.code, attempts = subject_request_steps.attempts + 1, updated_at = now()`,
    [r.id, r.tenant_id, step, state === 'waiting' ? 'running' : 'failed', code]));
}

/**
 * Runs what is left of a request's plan. Idempotent: done steps are skipped, a step's work and
 * its checkpoint commit together, and the request is fulfilled once, by the last step.
 */
export async function runFulfilment(ctx: AppContext, requestId: string): Promise<'fulfilled' | 'waiting' | 'skipped'> {
  const r = await inPlatform(ctx.db, (tx) => findRequest(tx, requestId));
  if (!r || r.state !== 'in_progress') return 'skipped';
  for (const step of PLAN[r.kind] ?? []) {
    try {
      if (step === 'rectify' && !(await stepDone(ctx, r.id, step))) await applyCorrection(ctx, (await inPlatform(ctx.db, (tx) => findRequest(tx, r.id)))!);
      const done = await inPlatform(ctx.db, async (tx) => {
        // The row lock makes two workers on one request take turns; the second then sees the step done.
        await tx.query('SELECT 1 FROM subject_requests WHERE id = $1 FOR UPDATE', [r.id]);
        const [cp] = await tx.query<{ state: string }>('SELECT state FROM subject_request_steps WHERE request_id = $1 AND step = $2', [r.id, step]);
        if (cp?.state === 'done') return true;
        const live = (await findRequest(tx, r.id))!;
        const result = await STEPS[step](tx, ctx, live);
        await tx.query(
          `INSERT INTO subject_request_steps (request_id, tenant_id, step, state, result) VALUES ($1, $2, $3, 'done', $4)
           ON CONFLICT (request_id, step) DO UPDATE SET state = 'done', code = NULL, result = EXCLUDED.result, updated_at = now()`,
          [r.id, r.tenant_id, step, JSON.stringify(result)]);
        return true;
      });
      if (!done) return 'waiting';
    } catch (err) {
      if (err instanceof Waiting) {
        await mark(ctx, r, step, 'waiting', 'awaiting_acknowledgement');
        return 'waiting';
      }
      await mark(ctx, r, step, 'failed', failureCode(err));
      throw err;
    }
  }
  await inPlatform(ctx.db, async (tx) => {
    const live = await findRequest(tx, r.id, true);
    if (live?.state === 'in_progress') await transition(tx, { auditKey: ctx.keys.audit }, r.id, 'fulfilled', { actor: SYSTEM, code: 'all_steps_done' });
  });
  return 'fulfilled';
}

/** Starts (or resumes) the fulfilment: verified → in_progress, and the job that runs the plan. */
export async function startFulfilment(tx: Sql, ctx: AppContext, id: string, actor: { type: 'user' | 'staff' | 'system' | 'api_key'; id: string | null }): Promise<RequestRow> {
  const r = await findRequest(tx, id, true);
  const row = r?.state === 'in_progress' ? r : await transition(tx, { auditKey: ctx.keys.audit }, id, 'in_progress', { actor, code: 'fulfilment_started' });
  await ctx.jobs.enqueue(tx, 'fulfil-request', { requestId: id });
  return row;
}
