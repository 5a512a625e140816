/**
 * Large Subscriber imports as a job with progress (C10). The route checks every row first (any
 * bad row fails the file, nothing stored), then stages the checked rows sealed and enqueues this
 * job. The job stores CHUNK rows per transaction, each transaction also advancing `done_rows`, so
 * a crashed worker resumes where the last commit left off and the shop sees progress. If storing
 * fails, the rows this import stored are deleted with their keys and the import is `failed`:
 * nothing of it stays. On success the staged rows are cleared.
 * @clause C10
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor, openColumn, sealColumn } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform, inTenant } from '../db/scope.ts';
import { insertSubscriber } from '../subjects/subscribers.ts';
import type { ImportCheck } from './subscribers.ts';

export const IMPORT_JOB = 'import-subscribers';
export const CHUNK = 500;
const STAGED = 'subscriber_imports.rows_sealed';
type Rows = ImportCheck['rows'];

/** Stages checked rows and enqueues the job, in the caller's transaction. */
export async function stageImport(tx: Sql, ctx: AppContext, tenantId: string, rows: Rows, legalBasis: string): Promise<string> {
  const sealed = await sealColumn(tx, keyringFor(ctx.config), tenantId, STAGED, JSON.stringify(rows));
  const [r] = await tx.query<{ id: string }>('INSERT INTO subscriber_imports (tenant_id, legal_basis, total_rows, rows_sealed) VALUES ($1, $2, $3, $4) RETURNING id', [tenantId, legalBasis, rows.length, sealed]);
  await ctx.jobs.enqueue(tx, IMPORT_JOB, { tenantId, importId: r!.id });
  return r!.id;
}

type ImportRow = { id: string; legal_basis: string; state: string; total_rows: number; done_rows: number; rows_sealed: string | null };
const system = { type: 'system' as const, id: null };

/** One chunk in one transaction; true when the import is finished (done or already ended). */
export async function storeChunk(ctx: AppContext, tenantId: string, importId: string): Promise<boolean> {
  return inTenant(ctx.db, tenantId, async (tx) => {
    const [imp] = await tx.query<ImportRow>('SELECT id, legal_basis, state, total_rows, done_rows, rows_sealed FROM subscriber_imports WHERE id = $1 FOR UPDATE', [importId]);
    if (!imp || imp.state === 'done' || imp.state === 'failed' || !imp.rows_sealed) return true;
    const rows = JSON.parse(await openColumn(tx, keyringFor(ctx.config), tenantId, STAGED, imp.rows_sealed)) as Rows;
    const chunk = rows.slice(imp.done_rows, imp.done_rows + CHUNK);
    for (const r of chunk) {
      const row = await insertSubscriber(tx, ctx.keys, tenantId, { channel: 'import', ...r, source: 'import:csv', legalBasis: imp.legal_basis });
      await tx.query("UPDATE subscribers SET opt_in_source = 'import', import_id = $2 WHERE id = $1", [row.id, importId]);
    }
    const done = imp.done_rows + chunk.length;
    const finished = done >= imp.total_rows;
    await tx.query(
      `UPDATE subscriber_imports SET done_rows = $2, state = $3, rows_sealed = CASE WHEN $4 THEN NULL ELSE rows_sealed END, finished_at = CASE WHEN $4 THEN now() END WHERE id = $1`,
      [importId, done, finished ? 'done' : 'running', finished],
    );
    if (finished) await recordAudit(tx, ctx.keys.audit, { tenantId, actor: system, action: 'subscribers.imported', target: { type: 'subscriber_import', id: importId }, details: { rows: done, legalBasis: imp.legal_basis } });
    return finished;
  });
}

/** Removes every Subscriber this import stored, with their keys, and marks it failed: no partial import. */
async function undo(ctx: AppContext, tenantId: string, importId: string, code: string): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    await tx.query("DELETE FROM subject_keys WHERE subject_type = 'subscriber' AND tenant_id = $1 AND subject_id IN (SELECT id FROM subscribers WHERE tenant_id = $1 AND import_id = $2)", [tenantId, importId]);
    await tx.query('DELETE FROM subscribers WHERE tenant_id = $1 AND import_id = $2', [tenantId, importId]);
    await tx.query("UPDATE subscriber_imports SET state = 'failed', failure_code = $3, rows_sealed = NULL, finished_at = now() WHERE tenant_id = $1 AND id = $2", [tenantId, importId, code]);
    await recordAudit(tx, ctx.keys.audit, { tenantId, actor: system, action: 'subscribers.import_failed', target: { type: 'subscriber_import', id: importId }, details: { code } });
  });
}

/** A staging whose job never finished within 24 hours is removed with what it stored (called before a new staging). */
export async function expireStaleImports(ctx: AppContext, tenantId: string): Promise<void> {
  const stale = await inTenant(ctx.db, tenantId, (tx) => tx.query<{ id: string }>(
    "SELECT id FROM subscriber_imports WHERE rows_sealed IS NOT NULL AND created_at < now() - interval '24 hours'"));
  for (const s of stale) await undo(ctx, tenantId, s.id, 'expired');
}

export async function runImport(ctx: AppContext, data: Record<string, unknown>): Promise<void> {
  const tenantId = String(data.tenantId);
  const importId = String(data.importId);
  try {
    while (!(await storeChunk(ctx, tenantId, importId)));
  } catch {
    // The error itself may name a row's value (a constraint message): only a code is kept.
    await undo(ctx, tenantId, importId, 'store_failed');
  }
}

export type ImportProgress = { id: string; state: string; total: number; done: number; failureCode: string | null };
export async function importProgress(tx: Sql, id: string): Promise<ImportProgress | undefined> {
  const [r] = await tx.query<{ id: string; state: string; total_rows: number; done_rows: number; failure_code: string | null }>(
    'SELECT id, state, total_rows, done_rows, failure_code FROM subscriber_imports WHERE id = $1', [id]);
  return r && { id: r.id, state: r.state, total: r.total_rows, done: r.done_rows, failureCode: r.failure_code };
}
