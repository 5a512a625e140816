import type { Db, Sql } from '../db/index.ts';
import { hashEntry, verifyChain, type AuditEntry, type ChainProblem } from './chain.ts';
import { assertAuditSafe, sealReason } from './details.ts';

export type AuditActor = { type: 'user' | 'staff' | 'api_key' | 'system' | 'subject' | 'anonymous'; id: string | null };

export type AuditEvent = {
  tenantId: string | null;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  /** Words a person gave (a staff member's access reason): stored sealed. */
  reason?: string;
  /** Ids, codes and field names only: never a personal value (`assertAuditSafe` refuses anything else). */
  details?: Record<string, unknown>;
};

/**
 * Appends to the tenant's chain (or 'platform') inside the caller's transaction, so the entry
 * exists exactly when the change it records does.
 */
export async function recordAudit(tx: Sql, key: Buffer, ev: AuditEvent): Promise<void> {
  const chain = ev.tenantId ?? 'platform';
  assertAuditSafe(ev.action, { action: ev.action, target: ev.target ?? null, details: ev.details ?? null });
  // Claim the next seq and read the previous hash in one statement; the row lock it takes
  // serialises writers of one chain until commit, while other tenants' chains go on in parallel.
  const [head] = await tx.query<{ seq: number; hash: string }>(
    `INSERT INTO audit_heads (chain, tenant_id, seq, hash) VALUES ($1, $2, 1, '')
     ON CONFLICT (chain) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash`,
    [chain, ev.tenantId],
  );
  if (!head) throw new Error('audit head missing');
  const entry: AuditEntry = {
    chain,
    seq: Number(head.seq),
    tenantId: ev.tenantId,
    at: new Date().toISOString(),
    actorType: ev.actor.type,
    actorId: ev.actor.id,
    action: ev.action,
    targetType: ev.target?.type ?? null,
    targetId: ev.target?.id ?? null,
    reason: ev.reason ? sealReason(key, ev.reason, chain) : null,
    details: ev.details ?? {},
    prevHash: head.hash,
  };
  const hash = hashEntry(key, entry);
  await tx.query(
    `WITH appended AS (
       INSERT INTO audit_log (chain, seq, tenant_id, at, actor_type, actor_id, action, target_type, target_id, reason, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING hash)
     UPDATE audit_heads SET hash = (SELECT hash FROM appended) WHERE chain = $1`,
    [entry.chain, entry.seq, entry.tenantId, entry.at, entry.actorType, entry.actorId, entry.action, entry.targetType, entry.targetId, entry.reason, JSON.stringify(entry.details), entry.prevHash, hash],
  );
}

type Row = {
  chain: string; seq: number; tenant_id: string | null; at: Date; actor_type: string; actor_id: string | null; action: string;
  target_type: string | null; target_id: string | null; reason: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
};

/** Verifies every chain (platform rights: reads all tenants). Returns the problems found. */
export async function verifyAuditLog(db: Db, key: Buffer): Promise<{ chains: number; entries: number; problems: ChainProblem[] }> {
  const rows = await db.query<Row>('SELECT * FROM audit_log ORDER BY chain, seq');
  const heads = new Map((await db.query<{ chain: string; seq: number; hash: string }>('SELECT chain, seq, hash FROM audit_heads')).map((h) => [h.chain, h]));
  const byChain = new Map<string, Array<AuditEntry & { hash: string }>>();
  for (const r of rows) {
    const list = byChain.get(r.chain) ?? [];
    list.push({
      chain: r.chain, seq: Number(r.seq), tenantId: r.tenant_id, at: new Date(r.at).toISOString(), actorType: r.actor_type, actorId: r.actor_id,
      action: r.action, targetType: r.target_type, targetId: r.target_id, reason: r.reason, details: r.details, prevHash: r.prev_hash, hash: r.hash,
    });
    byChain.set(r.chain, list);
  }
  for (const chain of heads.keys()) if (!byChain.has(chain)) byChain.set(chain, []);
  const problems = [...byChain].flatMap(([chain, entries]) => verifyChain(key, chain, entries, heads.get(chain)));
  return { chains: byChain.size, entries: rows.length, problems };
}
