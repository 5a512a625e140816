/**
 * Group commit for recording consents. Concurrent records of one tenant are collected for a
 * couple of milliseconds and committed as ONE tenant transaction (row-level security on, never
 * platform rights): one statement checks every subject, notice and key, one claims the audit
 * seqs, one writes every record, idempotency key (with its stored answer: one write, no claim
 * then update) and audit entry, then one COMMIT. Each caller is answered only after that commit.
 * One batch per tenant is in flight at a time, so two batches never wait on the same audit head;
 * other tenants' batches commit in parallel.
 *
 * Only the plain case is batched: a present subject, a notice that covers the record, a new key.
 * Anything else (a replay, a key used twice in one batch, a missing notice, a new audit chain,
 * any error of the whole batch) is answered `alone`: the caller records it on the one-at-a-time
 * path, which gives the exact answer. So a failing item never fails its neighbours.
 * @clause C22 the record, its proof of notice and its audit entry commit together.
 */
import { randomUUID } from 'node:crypto';
import { chainEntries, type AuditEvent } from '../audit/log.ts';
import { sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Db, Sql } from '../db/index.ts';
import { inTenant } from '../db/scope.ts';
import type { CategoryKey, PurposeKey } from '../domain/taxonomy/index.ts';
import { outsideProcessing } from '../http/processing.ts';
import { assertNoticeCovers, assertNoticeOwner } from './notices.ts';
import { NOTICE_COLUMNS, type ConsentMethod, type ConsentRow, type LedgerActor, type NoticeRow, type SubjectRef } from './types.ts';

/** One consent given, as the route validated it. */
export type BatchedConsent = {
  readonly subject: SubjectRef;
  readonly actor: LedgerActor;
  readonly purpose: PurposeKey;
  readonly category: CategoryKey | null;
  readonly noticeId: string;
  readonly method: ConsentMethod;
  readonly evidence: string | null;
  readonly marketing: boolean;
  readonly disclosure: boolean;
  /** The merchant's Idempotency-Key and the request's hash (`requestHash`), if a key was sent. */
  readonly idempotency: { readonly key: string; readonly requestHash: string } | null;
  /** The answer to store for a replay of the key: the route's presenter. */
  readonly present: (row: ConsentRow) => unknown;
};

export type BatchOutcome = { kind: 'recorded'; row: ConsentRow; body: unknown } | { kind: 'alone' };

// A couple of milliseconds: long enough to gather what arrives together, short beside a commit.
const WINDOW_MS = 2;
const MAX_BATCH = 256;

const CHECK = `
SELECT subject_in_tenant(i.t, i.s) AS subject_ok,
       EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.tenant_id = $1 AND k.scope = 'tenant' AND k.key = i.k AND k.expires_at > now()) AS key_taken,
       ${NOTICE_COLUMNS.split(', ').map((c) => `cn.${c}`).join(', ')}
  FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::text[]) WITH ORDINALITY AS i(t, s, notice, k, ord)
  LEFT JOIN consent_notices cn ON cn.id = i.notice
 ORDER BY i.ord`;

// A new chain's first entry is announced on the platform chain: that stays on the one-at-a-time path.
const CLAIM = `
INSERT INTO audit_heads (chain, tenant_id, seq, hash) VALUES ($1, $2, $3, '')
ON CONFLICT (chain) DO UPDATE SET seq = audit_heads.seq + $3
RETURNING seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now`;

const WRITE = `
WITH keys AS (
  INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, response_status, response_body)
  SELECT $1, 'tenant', u.k, u.h, 201, u.b::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS u(k, h, b)
  ON CONFLICT (tenant_id, scope, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
        created_at = now(), expires_at = now() + interval '24 hours'
    WHERE idempotency_keys.expires_at <= now()
  RETURNING 1),
records AS (
  INSERT INTO consent_records (id, tenant_id, subject_type, subject_id, purpose, marketing, disclosure, category, given, notice_id, notice_hash,
                               method, evidence, recorded_at, recorded_by_type, recorded_by_id, idempotency_key)
  SELECT u.id, $1, u.st, u.sid, u.p, u.m, u.d, u.c, true, u.nid, u.nh, u.me, u.ev, $5, u.bt, u.bi, u.ik
    FROM unnest($6::uuid[], $7::text[], $8::uuid[], $9::text[], $10::bool[], $11::bool[], $12::text[], $13::uuid[], $14::text[], $15::text[],
                $16::text[], $17::text[], $18::uuid[], $19::text[]) AS u(id, st, sid, p, m, d, c, nid, nh, me, ev, bt, bi, ik)
  RETURNING 1),
entries AS (
  INSERT INTO audit_log (chain, seq, tenant_id, at, actor_type, actor_id, action, target_type, target_id, reason, details, prev_hash, hash)
  SELECT $20, u.seq, $1, u.at, u.atype, u.aid, u.action, u.tt, u.ti, NULL, u.det::jsonb, u.prev, u.hash
    FROM unnest($21::int8[], $22::timestamptz[], $23::text[], $24::uuid[], $25::text[], $26::text[], $27::uuid[], $28::text[], $29::text[], $30::text[])
      AS u(seq, at, atype, aid, action, tt, ti, det, prev, hash)
  RETURNING 1),
head AS (UPDATE audit_heads SET hash = $31, mac = $32 WHERE chain = $20 RETURNING 1)
SELECT (SELECT count(*) FROM keys) AS keys, (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM head) AS heads`;

type Checked = NoticeRow & { subject_ok: boolean; key_taken: boolean };
/** The audit chain's key, and the keyring that seals stored answers. */
export type BatchKeys = { readonly audit: Buffer; readonly ring: Keyring };

/** Thrown inside the batch's transaction to roll it back; every item then goes `alone`. */
class BatchAbandoned extends Error {}

/** Commits the plain items of one tenant's batch in one transaction; the others go `alone`. */
async function commitBatch(tx: Sql, keys: BatchKeys, tenantId: string, items: readonly BatchedConsent[]): Promise<BatchOutcome[]> {
  const checked = await tx.query<Checked>(CHECK, [
    tenantId, items.map((i) => i.subject.type), items.map((i) => i.subject.id), items.map((i) => i.noticeId), items.map((i) => i.idempotency?.key ?? null),
  ]);
  const seen = new Set<string>();
  const plain = items.map((item, n): NoticeRow | null => {
    const c = checked[n];
    if (!c?.subject_ok || c.key_taken) return null;
    const key = item.idempotency?.key;
    // The second use of a key in one batch waits for the first to commit, then replays its answer.
    if (key !== undefined) {
      if (seen.has(key)) return null;
      seen.add(key);
    }
    try {
      const notice = assertNoticeOwner(item.subject, c.id ? c : undefined);
      assertNoticeCovers(notice, { purpose: item.purpose, marketing: item.marketing, disclosure: item.disclosure, category: item.category });
      return notice;
    } catch {
      return null;
    }
  });
  const todo = items.flatMap((item, n) => (plain[n] ? [{ item, n, notice: plain[n] }] : []));
  const outcomes: BatchOutcome[] = items.map(() => ({ kind: 'alone' }));
  if (todo.length === 0) return outcomes;

  const [head] = await tx.query<{ seq: number; hash: string; now: Date }>(CLAIM, [tenantId, tenantId, todo.length]);
  if (!head || Number(head.seq) === todo.length) throw new BatchAbandoned('a new audit chain');
  const recordedAt = new Date(head.now);
  const rows = todo.map(({ item, notice }): ConsentRow => ({
    id: randomUUID(), subject_type: item.subject.type, subject_id: item.subject.id, purpose: item.purpose, given: true,
    marketing: item.marketing, disclosure: item.disclosure, category: item.category, method: item.method, evidence: item.evidence,
    notice_id: notice.id, notice_hash: notice.content_hash, notice_slug: notice.slug, notice_version: notice.version, notice_lang: notice.lang,
    recorded_at: recordedAt, recorded_by_type: item.actor.type, recorded_by_id: item.actor.id,
  }));
  const events: AuditEvent[] = todo.map(({ item }, j) => ({
    tenantId, actor: item.actor, action: 'consent.given', target: { type: item.subject.type, id: item.subject.id },
    // Ids and codes only: the evidence may be personal and stays in the ledger.
    details: { recordId: rows[j]!.id, purpose: item.purpose, method: item.method, marketing: item.marketing, disclosure: item.disclosure, category: item.category, noticeId: item.noticeId },
  }));
  const { entries, mac } = chainEntries(keys.audit, tenantId, { seq: Number(head.seq) - todo.length, hash: head.hash }, events);
  const bodies = todo.map(({ item }, j) => item.present(rows[j]!));
  // Sealed like every stored answer (src/http/idempotency.ts): the evidence may name the person.
  const sealAnswer = async (body: unknown) =>
    JSON.stringify({ sealed: await sealColumn(tx, keys.ring, tenantId, 'idempotency_keys.response_body', JSON.stringify(body ?? null)) });
  const keyed = await Promise.all(todo.flatMap(({ item }, j) => (item.idempotency ? [{ ...item.idempotency, body: bodies[j] }] : []))
    .map(async (k) => ({ ...k, body: await sealAnswer(k.body) })));
  const col = <T>(f: (r: ConsentRow, j: number) => T): T[] => rows.map(f);
  const ent = <T>(f: (e: (typeof entries)[number]) => T): T[] => entries.map(f);
  const [written] = await tx.query<{ keys: number; records: number; heads: number }>(WRITE, [
    tenantId, keyed.map((k) => k.key), keyed.map((k) => k.requestHash), keyed.map((k) => k.body), recordedAt,
    col((r) => r.id), col((r) => r.subject_type), col((r) => r.subject_id), col((r) => r.purpose), col((r) => r.marketing), col((r) => r.disclosure),
    col((r) => r.category), col((r) => r.notice_id), col((r) => r.notice_hash), col((r) => r.method), col((r) => r.evidence),
    col((r) => r.recorded_by_type), col((r) => r.recorded_by_id), col((_r, j) => todo[j]!.item.idempotency?.key ?? null),
    tenantId, ent((e) => e.seq), ent((e) => e.at), ent((e) => e.actorType), ent((e) => e.actorId), ent((e) => e.action), ent((e) => e.targetType),
    ent((e) => e.targetId), ent((e) => JSON.stringify(e.details)), ent((e) => e.prevHash), ent((e) => e.hash), entries.at(-1)!.hash, mac,
  ]);
  // A key another writer took since the check: roll everything back and answer each alone (exactly once).
  if (!written || Number(written.keys) !== keyed.length || Number(written.records) !== rows.length || Number(written.heads) !== 1) {
    throw new BatchAbandoned('a key was taken meanwhile');
  }
  todo.forEach(({ n }, j) => (outcomes[n] = { kind: 'recorded', row: rows[j]!, body: bodies[j] }));
  return outcomes;
}

type Queue = { waiting: Array<{ item: BatchedConsent; resolve: (o: BatchOutcome) => void }>; timer: NodeJS.Timeout | null; busy: boolean };

/** The per-tenant queues of one store. */
class ConsentBatcher {
  private readonly queues = new Map<string, Queue>();
  constructor(private readonly db: Db, private readonly keys: BatchKeys) {}

  /** Resolves once the item's batch has committed (`recorded`), or with `alone`. Never rejects. */
  submit(item: BatchedConsent): Promise<BatchOutcome> {
    return new Promise((resolve) => {
      const tenantId = item.subject.tenantId;
      let q = this.queues.get(tenantId);
      if (!q) this.queues.set(tenantId, (q = { waiting: [], timer: null, busy: false }));
      q.waiting.push({ item, resolve });
      this.schedule(tenantId, q, WINDOW_MS);
    });
  }

  private schedule(tenantId: string, q: Queue, ms: number): void {
    if (q.busy || q.timer) return;
    // Outside the request's context: the batch carries no one request's purpose or admission.
    q.timer = outsideProcessing(() => setTimeout(() => {
      q.timer = null;
      void this.flush(tenantId, q);
    }, ms));
  }

  private async flush(tenantId: string, q: Queue): Promise<void> {
    const batch = q.waiting.splice(0, MAX_BATCH);
    q.busy = true;
    let outcomes: BatchOutcome[];
    try {
      outcomes = await inTenant(this.db, tenantId, (tx) => commitBatch(tx, this.keys, tenantId, batch.map((w) => w.item)));
    } catch {
      // Rolled back as a whole (a key taken meanwhile, a new chain, a store error): each is answered on its own.
      outcomes = batch.map(() => ({ kind: 'alone' }));
    }
    q.busy = false;
    batch.forEach((w, i) => w.resolve(outcomes[i] ?? { kind: 'alone' }));
    // What arrived meanwhile has waited a whole batch already: go at once.
    if (q.waiting.length > 0) this.schedule(tenantId, q, 0);
    else this.queues.delete(tenantId);
  }
}

const batchers = new WeakMap<Db, ConsentBatcher>();

/** Records a consent given in the next batch of its tenant (see the top of this file). */
export function recordConsentBatched(db: Db, keys: BatchKeys, item: BatchedConsent): Promise<BatchOutcome> {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new ConsentBatcher(db, keys)));
  return b.submit(item);
}
