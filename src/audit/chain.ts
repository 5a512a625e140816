import { createHmac } from 'node:crypto';

/** One audit entry as hashed; every field is covered, so any edit breaks the chain. */
export type AuditEntry = {
  chain: string;
  seq: number;
  tenantId: string | null;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  prevHash: string;
};

/** JSON with sorted keys, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * HMAC over the previous hash and this entry: without the key nobody can rewrite the chain
 * to hide an edit, insertion or deletion.
 */
export function hashEntry(key: Buffer, e: AuditEntry): string {
  // Exactly the entry's own fields: a stored row also carries its hash, which must not hash itself.
  const own: AuditEntry = {
    chain: e.chain, seq: e.seq, tenantId: e.tenantId, at: e.at, actorType: e.actorType, actorId: e.actorId, action: e.action,
    targetType: e.targetType, targetId: e.targetId, reason: e.reason, details: e.details, prevHash: e.prevHash,
  };
  return createHmac('sha256', key).update(e.prevHash).update('\n').update(canonicalJson(own)).digest('hex');
}

/**
 * HMAC over a chain's head (chain id, seq, last hash). Entries alone cannot show that the newest
 * ones were cut off: whoever deletes a tail and moves the head back must forge this too.
 * The 'audit-head' prefix keeps it from ever equalling an entry hash (those start with a hash or '').
 */
export function signHead(key: Buffer, chain: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`audit-head\n${chain}\n${seq}\n${hash}`).digest('hex');
}

/** The platform entry that records a tenant chain's first entry, so the chain cannot later vanish unnoticed. */
export const CHAIN_OPENED = 'audit.chain_opened';

export type ChainProblem = {
  chain: string;
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'sequence_gap' | 'head_mismatch' | 'head_signature_invalid' | 'chain_missing';
};

export type ChainHead = { seq: number; hash: string; mac: string | null };

/** Checks one chain, given in seq order, against the recorded head. Pure. */
export function verifyChain(
  key: Buffer,
  chain: string,
  entries: ReadonlyArray<AuditEntry & { hash: string }>,
  head: ChainHead | undefined,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevHash = '';
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) problems.push({ chain, seq: e.seq, problem: 'sequence_gap' });
    if (e.prevHash !== prevHash) problems.push({ chain, seq: e.seq, problem: 'broken_link' });
    if (hashEntry(key, e) !== e.hash) problems.push({ chain, seq: e.seq, problem: 'hash_mismatch' });
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
  }
  const last = entries.at(-1);
  if (!head || !last || head.seq !== last.seq || head.hash !== last.hash) {
    if (head || last) problems.push({ chain, seq: last?.seq ?? 0, problem: 'head_mismatch' });
  }
  if (head && head.mac !== signHead(key, chain, head.seq, head.hash)) problems.push({ chain, seq: head.seq, problem: 'head_signature_invalid' });
  return problems;
}
