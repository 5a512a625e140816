import { currentProcessing, pendingAdmission } from '../http/processing.ts';
import { executeSql, prepared, type Batch } from './prepared.ts';
import type { Db, Sql } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURPOSE = /^[a-z_]{1,40}$/;

// The settings every tenant transaction carries: the role row-level security binds to
// app.tenant_id, and the purpose wall's settings (migration 008). Prepared once per connection.
const SETTINGS = `set_config('role', 'pledge_app', true), set_config('app.tenant_id', $1, true),
  set_config('app.purpose', $2, true), set_config('app.subject_id', $3, true)`;
const TX_SETUP = prepared(`SELECT ${SETTINGS}`);
const READ_SETUP = prepared(`SELECT set_config('transaction_read_only', 'on', true), ${SETTINGS}`);

/**
 * The values of the purpose wall: the current request's purpose and the subject the gate
 * admitted. Without a processing context both stay empty, and row-level security hides the
 * content of every subject with a live restriction or objection.
 */
function purposeValues(tenantId: string): [string, string] {
  const p = currentProcessing();
  if (!p || !PURPOSE.test(p.purpose)) return ['', ''];
  const subject = p.subject && p.subject.tenantId === tenantId && UUID.test(p.subject.id) ? p.subject.id : '';
  return [p.purpose, subject];
}

/**
 * Runs fn in a transaction that can see only one tenant's rows: the role drops to pledge_app,
 * which row-level security binds to app.tenant_id. A query that forgets its tenant filter
 * still cannot reach another tenant.
 */
export function inTenant<T>(db: Db, tenantId: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error('inTenant: tenant id is not a uuid');
  const pending = pendingAdmission(tenantId);
  const setup = executeSql(TX_SETUP, [tenantId, ...purposeValues(tenantId)]);
  // The pipeline's admission of the subject rides with BEGIN; a refusal rolls the transaction back unused.
  if (!pending) return db.transaction(fn, { text: setup, prepare: [TX_SETUP] });
  const batch: Batch = { text: `${setup}; ${executeSql(pending.statement, pending.params)}`, prepare: [TX_SETUP, pending.statement] };
  return db.transaction(fn, batch, (rows) => pending.settle(rows.at(-1) ?? []));
}

/**
 * One read-only statement in a tenant's scope, in ONE round trip: the settings, the pending
 * admission and the query travel as a single batch of prepared statements. The hot path for
 * reads by id; same wall as `inTenant`.
 */
export async function tenantRead<T>(db: Db, tenantId: string, text: string, params: readonly unknown[] = []): Promise<T[]> {
  if (!UUID.test(tenantId)) throw new Error('tenantRead: tenant id is not a uuid');
  // One read-only transaction (`Db.read`): the local settings hold for it alone. A pending admission is read in the same batch, and decided before the rows are handed back:
  // the statement is read-only, so a refused request has changed nothing and sees nothing.
  const pending = pendingAdmission(tenantId);
  const read = prepared(text);
  const parts = [executeSql(READ_SETUP, [tenantId, ...purposeValues(tenantId)])];
  if (pending) parts.push(executeSql(pending.statement, pending.params));
  parts.push(executeSql(read, params));
  const results = await db.read(parts, pending ? [READ_SETUP, pending.statement, read] : [READ_SETUP, read]);
  if (pending) pending.settle(results.at(-2) ?? []);
  return (results.at(-1) ?? []) as T[];
}

/** A transaction with platform rights (accounts, policies, staff). Never use it for tenant rows. */
export function inPlatform<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

export const isUuid = (s: string): boolean => UUID.test(s);
