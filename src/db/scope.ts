import type { Db, Sql } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs fn in a transaction that can see only one tenant's rows: the role drops to pledge_app,
 * which row-level security binds to app.tenant_id. A query that forgets its tenant filter
 * still cannot reach another tenant.
 */
export function inTenant<T>(db: Db, tenantId: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
  // Inlined as a literal to save a round trip; safe because only a well-formed uuid gets here.
  if (!UUID.test(tenantId)) throw new Error('inTenant: tenant id is not a uuid');
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL ROLE pledge_app; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
    return fn(tx);
  });
}

/** A transaction with platform rights (accounts, policies, staff). Never use it for tenant rows. */
export function inPlatform<T>(db: Db, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

export const isUuid = (s: string): boolean => UUID.test(s);
