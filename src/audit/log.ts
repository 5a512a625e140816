import type { Db, Sql } from '../db/index.ts';
import { CHAIN_OPENED, hashEntry, signHead, verifyChain, type AuditEntry, type ChainHead, type ChainProblem } from './chain.ts';
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

/** The entry `ev` becomes at `seq` of `chain`, after the entry hashed `prevHash`. */
function entryOf(key: Buffer, chain: string, seq: number, prevHash: string, ev: AuditEvent): AuditEntry {
  return {
    chain, seq, tenantId: ev.tenantId, at: new Date().toISOString(), actorType: ev.actor.type, actorId: ev.actor.id, action: ev.action,
    targetType: ev.target?.type ?? null, targetId: ev.target?.id ?? null, reason: ev.reason ? sealReason(key, ev.reason, chain) : null,
    details: ev.details ?? {}, prevHash,
  };
}

/**
 * The entries a batch of events appends to `chain` after its head (`seq`, `hash`), each hashed
 * over the one before, and the signed new head: for a writer that claimed `events.length` seqs
 * at once and appends them with one statement. Pure apart from the clock.
 */
export function chainEntries(key: Buffer, chain: string, head: { seq: number; hash: string }, events: readonly AuditEvent[]): {
  entries: Array<AuditEntry & { hash: string }>; mac: string;
} {
  let prev = head.hash;
  const entries = events.map((ev, i) => {
    assertAuditSafe(ev.action, { action: ev.action, target: ev.target ?? null, details: ev.details ?? null });
    const e = entryOf(key, chain, head.seq + 1 + i, prev, ev);
    prev = hashEntry(key, e);
    return { ...e, hash: prev };
  });
  return { entries, mac: signHead(key, chain, head.seq + events.length, prev) };
}

/**
 * Appends to the tenant's chain (or 'platform') inside the caller's transaction, so the entry
 * exists exactly when the change it records does.
 */
export async function recordAudit(tx: Sql, key: Buffer, ev: AuditEvent): Promise<void> {
  const chain = ev.tenantId ?? 'platform';
  assertAuditSafe(ev.action, { action: ev.action, target: ev.target ?? null, details: ev.details ?? null });
  // Claim the next seq and read the previous hash in one statement; the row lock it takes
  // serialises writers of one chain until commit, while other tenants' chains go on in parallel.
  // `scoped` tells a tenant transaction (row-level security on) from a platform one, for free.
  const [head] = await tx.query<{ seq: number; hash: string; scoped: string | null }>(
    `INSERT INTO audit_heads (chain, tenant_id, seq, hash) VALUES ($1, $2, 1, '')
     ON CONFLICT (chain) DO UPDATE SET seq = audit_heads.seq + 1
     RETURNING seq, hash, NULLIF(current_setting('app.tenant_id', true), '') AS scoped`,
    [chain, ev.tenantId],
  );
  if (!head) throw new Error('audit head missing');
  const entry = entryOf(key, chain, Number(head.seq), head.hash, ev);
  const hash = hashEntry(key, entry);
  await tx.query(
    `WITH appended AS (
       INSERT INTO audit_log (chain, seq, tenant_id, at, actor_type, actor_id, action, target_type, target_id, reason, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING hash)
     UPDATE audit_heads SET hash = (SELECT hash FROM appended), mac = $14 WHERE chain = $1`,
    [entry.chain, entry.seq, entry.tenantId, entry.at, entry.actorType, entry.actorId, entry.action, entry.targetType, entry.targetId, entry.reason, JSON.stringify(entry.details), entry.prevHash, hash,
      signHead(key, entry.chain, entry.seq, hash)],
  );
  // A tenant chain's first entry is announced on the platform chain, so deleting that whole chain
  // (entries and head) later shows as a missing chain.
  if (entry.seq === 1 && ev.tenantId !== null) {
    const opened: AuditEvent = { tenantId: null, actor: ev.actor, action: CHAIN_OPENED, target: { type: 'tenant', id: ev.tenantId } };
    if (head.scoped === null) await recordAudit(tx, key, opened);
    else await announceFromTenant(tx, key, opened);
  }
}

/**
 * The same platform entry, from a tenant transaction: row-level security hides the platform
 * chain there, so two narrow functions (migration 007) claim its next seq and append it, and the
 * HMACs are computed here in between.
 */
async function announceFromTenant(tx: Sql, key: Buffer, ev: AuditEvent): Promise<void> {
  const [claim] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_announce_claim()');
  if (!claim) throw new Error('audit platform head missing');
  const entry: AuditEntry = {
    chain: 'platform', seq: Number(claim.seq), tenantId: null, at: new Date().toISOString(), actorType: ev.actor.type, actorId: ev.actor.id,
    action: ev.action, targetType: ev.target!.type, targetId: ev.target!.id, reason: null, details: {}, prevHash: claim.hash,
  };
  const hash = hashEntry(key, entry);
  await tx.query('SELECT audit_announce_append($1, $2, $3, $4, $5, $6)', [entry.seq, entry.at, entry.actorType, entry.actorId, hash, signHead(key, 'platform', entry.seq, hash)]);
}

type Row = {
  chain: string; seq: number; tenant_id: string | null; at: Date; actor_type: string; actor_id: string | null; action: string;
  target_type: string | null; target_id: string | null; reason: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
};

/** Verifies every chain (platform rights: reads all tenants). Returns the problems found. */
export async function verifyAuditLog(db: Db, key: Buffer): Promise<{ chains: number; entries: number; problems: ChainProblem[] }> {
  const rows = await db.query<Row>('SELECT * FROM audit_log ORDER BY chain, seq');
  const heads = new Map(
    (await db.query<ChainHead & { chain: string }>('SELECT chain, seq, hash, mac FROM audit_heads')).map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash, mac: h.mac }]),
  );
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
  problems.push(...(await missingChains(db, byChain)));
  return { chains: byChain.size, entries: rows.length, problems };
}

/**
 * Signs the heads written before heads were signed (migration 007), but only those whose chain
 * verifies in every other respect: an upgraded install adopts its history once, on the
 * operator's word (`pledge audit verify --adopt-unsigned-heads`), and never a broken one.
 */
export async function adoptUnsignedHeads(db: Db, key: Buffer): Promise<{ adopted: string[]; refused: string[] }> {
  const unsigned = await db.query<{ chain: string; seq: number; hash: string }>('SELECT chain, seq, hash FROM audit_heads WHERE mac IS NULL ORDER BY chain');
  if (unsigned.length === 0) return { adopted: [], refused: [] };
  const { problems } = await verifyAuditLog(db, key);
  const adopted: string[] = [];
  const refused: string[] = [];
  for (const h of unsigned) {
    const other = problems.filter((p) => p.chain === h.chain && p.problem !== 'head_signature_invalid');
    if (other.length > 0) {
      refused.push(h.chain);
      continue;
    }
    await db.query('UPDATE audit_heads SET mac = $3 WHERE chain = $1 AND seq = $2 AND mac IS NULL', [h.chain, h.seq, signHead(key, h.chain, Number(h.seq), h.hash)]);
    adopted.push(h.chain);
  }
  return { adopted, refused };
}

/**
 * Chains that must exist but do not: every tenant chain the platform chain announced, and the
 * platform chain itself once anything was ever audited or published (a wholly deleted platform
 * chain would otherwise take every announcement with it).
 */
async function missingChains(db: Db, byChain: ReadonlyMap<string, ReadonlyArray<AuditEntry>>): Promise<ChainProblem[]> {
  const platform = byChain.get('platform') ?? [];
  const problems: ChainProblem[] = [];
  const [published] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM policy_versions) AS any');
  if (platform.length === 0 && (byChain.size > (byChain.has('platform') ? 1 : 0) || published?.any)) {
    problems.push({ chain: 'platform', seq: 0, problem: 'chain_missing' });
  }
  for (const e of platform) {
    if (e.action !== CHAIN_OPENED || !e.targetId) continue;
    if (!byChain.get(e.targetId)?.length) problems.push({ chain: e.targetId, seq: 0, problem: 'chain_missing' });
  }
  return problems;
}
