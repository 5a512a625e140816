import { currentProcessing, pendingAdmission } from '../http/processing.ts';
import { inlineParams } from './literal.ts';
import type { Db, Sql } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURPOSE = /^[a-z_]{1,40}$/;

/**
 * The settings the purpose wall reads (migration 008): the current request's purpose and the
 * subject the gate admitted. Without a processing context both stay empty, and row-level
 * security hides the content of every subject with a live restriction or objection.
 */
function purposeSettings(tenantId: string): string {
  const p = currentProcessing();
  if (!p || !PURPOSE.test(p.purpose)) return '';
  const subject = p.subject && p.subject.tenantId === tenantId && UUID.test(p.subject.id) ? p.subject.id : '';
  return `, set_config('app.purpose', '${p.purpose}', true), set_config('app.subject_id', '${subject}', true)`;
}

/**
 * Runs fn in a transaction that can see only one tenant's rows: the role drops to pledge_app,
 * which row-level security binds to app.tenant_id. A query that forgets its tenant filter
 * still cannot reach another tenant.
 */
export function inTenant<T>(db: Db, tenantId: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
  // Inlined as a literal to save a round trip; safe because only a well-formed uuid gets here.
  if (!UUID.test(tenantId)) throw new Error('inTenant: tenant id is not a uuid');
  const pending = pendingAdmission(tenantId);
  const setup = `SET LOCAL ROLE pledge_app; SELECT set_config('app.tenant_id', '${tenantId}', true)${purposeSettings(tenantId)}`;
  // The pipeline's admission of the subject rides with BEGIN; a refusal rolls the transaction back unused.
  if (!pending) return db.transaction(fn, setup);
  return db.transaction(fn, `${setup}; ${pending.sql}`, (rows) => pending.settle(rows.at(-1) ?? []));
}

/**
 * One read-only statement in a tenant's scope, in ONE round trip: the transaction, role, tenant
 * and query travel as a single batch. The hot path for reads by id; same wall as `inTenant`.
 */
export async function tenantRead<T>(db: Db, tenantId: string, text: string, params: readonly unknown[] = []): Promise<T[]> {
  if (!UUID.test(tenantId)) throw new Error('tenantRead: tenant id is not a uuid');
  // No BEGIN/COMMIT: a multi-statement simple query is one implicit transaction, so the local
  // settings hold for it and an error rolls it all back without leaving a failed block behind.
  // A pending admission is read in the same batch, and decided before the rows are handed back:
  // the statement is read-only, so a refused request has changed nothing and sees nothing.
  const pending = pendingAdmission(tenantId);
  const results = await db.batch(
    `SELECT set_config('transaction_read_only', 'on', true), set_config('role', 'pledge_app', true), ` +
      `set_config('app.tenant_id', '${tenantId}', true)${purposeSettings(tenantId)}; ${pending ? `${pending.sql}; ` : ''}${inlineParams(text, params)}`,
  );
  if (pending) pending.settle(results[1] ?? []);
  return results[pending ? 2 : 1] as T[];
}

/** A transaction with platform rights (accounts, policies, staff). Never use it for tenant rows. */
export function inPlatform<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

export const isUuid = (s: string): boolean => UUID.test(s);
