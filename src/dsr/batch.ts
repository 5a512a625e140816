/**
 * Erasure of many requests at once: the `erase` step of every in-progress erasure request of a
 * small batch, done with one statement per table per (tenant, subject type) and checkpointed in
 * the same transaction. A crash rolls the whole batch back (each store's erasure stays one
 * transaction); a rerun, or each request's own `fulfil-request` job, carries on from the
 * checkpoints, so the rest of each plan (forwarding, acknowledgements) runs as usual.
 * @clause C33
 */
import type { AppContext } from '../app/context.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { inPlatform } from '../db/scope.ts';
import { eraseSubjects } from './erase.ts';

export type BatchResult = { erased: number; skipped: number };

/** Runs the `erase` step of the given requests that are in progress and not yet erased. */
export async function eraseRequestBatch(ctx: AppContext, requestIds: readonly string[]): Promise<BatchResult> {
  if (requestIds.length === 0) return { erased: 0, skipped: 0 };
  return inPlatform(ctx.db, async (tx) => {
    // Locked like a single fulfilment locks its request: a worker on one of them waits, then sees the step done.
    const rows = await tx.query<{ id: string; tenant_id: string; subject_type: 'customer' | 'subscriber' | 'buyer'; subject_id: string }>(
      `SELECT r.id, r.tenant_id, r.subject_type, r.subject_id FROM subject_requests r
        WHERE r.id = ANY($1) AND r.kind = 'erasure' AND r.state = 'in_progress'
          AND NOT EXISTS (SELECT 1 FROM subject_request_steps s WHERE s.request_id = r.id AND s.step = 'erase' AND s.state = 'done')
        ORDER BY r.id FOR UPDATE OF r`, [[...requestIds]]);
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      // A Customer is ECOMKEY's subject, found across tenants; a shop's subjects inside their shop.
      const key = r.subject_type === 'customer' ? 'customer' : `${r.tenant_id}:${r.subject_type}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const d = { tx, ring: keyringFor(ctx.config), keys: ctx.keys };
    for (const group of groups.values()) {
      const first = group[0]!;
      const ids = [...new Set(group.map((r) => r.subject_id))];
      const report = await eraseSubjects(d, { type: first.subject_type, ids, tenantId: first.subject_type === 'customer' ? null : first.tenant_id });
      const result = JSON.stringify({ tables: report.tables, batch: report.subjects });
      await tx.query(
        `INSERT INTO subject_request_steps (request_id, tenant_id, step, state, result)
         SELECT r.id, r.tenant_id, 'erase', 'done', $2::jsonb FROM unnest($1::uuid[], $3::uuid[]) AS r(id, tenant_id)
         ON CONFLICT (request_id, step) DO UPDATE SET state = 'done', code = NULL, result = EXCLUDED.result, updated_at = now()`,
        [group.map((r) => r.id), result, group.map((r) => r.tenant_id)]);
    }
    return { erased: rows.length, skipped: requestIds.length - rows.length };
  });
}
