/**
 * A list broadcast through the one send path, in bulk: the same send-gate decision as
 * `queueMessage` (src/channels/outbound.ts, `decideFromFacts`) for every member, but with the
 * facts of a chunk of members read in four statements and the copies written in one multi-row
 * insert, with one delivery job per DELIVERY_BATCH copies — so 100,000 members cost a few hundred
 * statements, not a million. Refusals are stored with their code, as one at a time would be.
 * @clause C11 @clause C19 @clause C29
 */
import { recordAudit } from '../audit/log.ts';
import { admissionFromRows } from '../consents/snapshot.ts';
import { sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';
import type { Jobs } from '../jobs/runner.ts';
import type { Platform } from './events.ts';
import { decideFromFacts, DELIVER_MESSAGE_JOB, type Recipient, type Sender, type SendFacts } from './outbound.ts';

const CHUNK = 5_000;
export const DELIVERY_BATCH = 100;

type Deps = { ring: Keyring; auditKey: Buffer; jobs: Jobs };
export type BroadcastResult = { queued: number; refused: number };

// The admission query's rows (src/consents/snapshot.ts) for many Subscribers at once, each tagged with its id.
const LEDGER = `
SELECT subject_id AS sid, 'c' AS k, id::text AS id, purpose, given, recorded_at AS at, marketing, disclosure, category, NULL::text AS kind,
       NULL::timestamptz AS lifted_at, NULL::text AS lifted_by, NULL::text AS ref, seq
  FROM consent_records WHERE tenant_id = $1 AND subject_type = 'subscriber' AND subject_id = ANY($2::uuid[])
UNION ALL
SELECT subject_id, 'r', id::text, purpose, NULL, created_at, NULL, NULL, category, kind, lifted_at, lifted_by, lift_reference, NULL
  FROM processing_restrictions WHERE tenant_id = $1 AND subject_type = 'subscriber' AND subject_id = ANY($2::uuid[])
UNION ALL
SELECT id, 's', NULL, legal_basis, NULL, created_at, NULL, NULL, source, NULL, NULL, NULL, NULL, NULL FROM subscribers WHERE tenant_id = $1 AND id = ANY($2::uuid[])`;

const group = <T extends { sid: string }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const g = out.get(r.sid);
    if (g) g.push(r);
    else out.set(r.sid, [r]);
  }
  return out;
};

/** Queues a marketing copy of `text` for every Subscriber member of the list, each after the send gate. */
export async function queueBroadcast(tx: Sql, deps: Deps, sender: Sender, b: { tenantId: string; listId: string; text: string }): Promise<BroadcastResult> {
  const members = await tx.query<{ subject_id: string }>(`SELECT subject_id FROM marketing_list_members WHERE list_id = $1 AND subject_type = 'subscriber'`, [b.listId]);
  // One ciphertext of the one text: the copies are the same message.
  const body = await sealColumn(tx, deps.ring, b.tenantId, 'outbound_messages.body', b.text);
  let queued = 0;
  let refused = 0;
  for (let i = 0; i < members.length; i += CHUNK) {
    const ids = members.slice(i, i + CHUNK).map((m) => m.subject_id);
    const r = await queueChunk(tx, deps, sender, b, ids, body);
    queued += r.queued;
    refused += r.refused;
  }
  return { queued, refused };
}

async function queueChunk(tx: Sql, deps: Deps, sender: Sender, b: { tenantId: string; listId: string }, ids: readonly string[], body: string): Promise<BroadcastResult> {
  const recipients = await tx.query<Recipient>(
    'SELECT s.id, s.channel_account_id, a.platform, s.last_inbound_at FROM subscribers s LEFT JOIN channel_accounts a ON a.id = s.channel_account_id WHERE s.id = ANY($1::uuid[])', [ids]);
  const opts = await tx.query<{ subscriber_id: string; channel_account_id: string; kind: 'opt_out' | 'opt_in'; id: string }>(
    `SELECT DISTINCT ON (subscriber_id, channel_account_id) subscriber_id, channel_account_id, kind, id FROM opt_events
      WHERE subscriber_id = ANY($1::uuid[]) ORDER BY subscriber_id, channel_account_id, created_at DESC, id DESC`, [ids]);
  const sent = await tx.query<{ subscriber_id: string; n: number }>(
    `SELECT o.subscriber_id, count(*)::int AS n FROM outbound_messages o JOIN subscribers s ON s.id = o.subscriber_id
      WHERE o.subscriber_id = ANY($1::uuid[]) AND o.status IN ('queued', 'sent') AND o.created_at >= coalesce(s.last_inbound_at, '-infinity'::timestamptz)
      GROUP BY o.subscriber_id`, [ids]);
  const ledger = group(await tx.query<{ sid: string } & Record<string, unknown>>(LEDGER, [b.tenantId, ids]));
  const optOf = new Map(opts.map((o) => [`${o.subscriber_id}|${o.channel_account_id}`, o]));
  const sentOf = new Map(sent.map((s) => [s.subscriber_id, s.n]));
  const now = Date.now();
  const rows = { subscriber: [] as string[], account: [] as string[], status: [] as string[], code: [] as (string | null)[] };
  const refusals: { subscriberId: string; code: string; clause: string }[] = [];
  for (const r of recipients) {
    // On no channel account: nothing can be sent or stored for it, as with one message.
    if (!r.channel_account_id || !r.platform) continue;
    const o = optOf.get(`${r.id}|${r.channel_account_id}`);
    const facts: SendFacts = { optKind: o?.kind ?? null, optId: o?.id ?? null, sent: sentOf.get(r.id) ?? 0 };
    const subject = { tenantId: b.tenantId, type: 'subscriber' as const, id: r.id };
    const snapshot = admissionFromRows(subject, ledger.get(r.id) ?? []).snapshot;
    const d = decideFromFacts(sender.party, { tenantId: b.tenantId, kind: 'marketing', tag: null, optEventId: null }, { ...r, platform: r.platform as Platform }, facts, snapshot, now);
    rows.subscriber.push(r.id);
    rows.account.push(r.channel_account_id);
    rows.status.push(d.allow ? 'queued' : 'refused');
    rows.code.push(d.allow ? null : d.code);
    if (!d.allow) refusals.push({ subscriberId: r.id, code: d.code, clause: d.clause });
  }
  if (rows.subscriber.length === 0) return { queued: 0, refused: 0 };
  const inserted = await tx.query<{ id: string; subscriber_id: string; status: string }>(
    `INSERT INTO outbound_messages (tenant_id, subscriber_id, channel_account_id, kind, body, status, refused_code, list_id)
     SELECT $1, t.s, t.a, 'marketing', $2, t.st, t.c, $3 FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) AS t(s, a, st, c)
     RETURNING id, subscriber_id, status`,
    [b.tenantId, body, b.listId, rows.subscriber, rows.account, rows.status, rows.code],
  );
  const queuedIds = inserted.filter((m) => m.status === 'queued').map((m) => m.id);
  for (let i = 0; i < queuedIds.length; i += DELIVERY_BATCH) {
    await deps.jobs.enqueue(tx, DELIVER_MESSAGE_JOB, { tenantId: b.tenantId, messageIds: queuedIds.slice(i, i + DELIVERY_BATCH) });
  }
  const idOf = new Map(inserted.map((m) => [m.subscriber_id, m.id]));
  for (const f of refusals) {
    await recordAudit(tx, deps.auditKey, {
      tenantId: b.tenantId, actor: sender.audit, action: 'message.refused', target: { type: 'subscriber', id: f.subscriberId },
      details: { messageId: idOf.get(f.subscriberId), kind: 'marketing', code: f.code, clause: f.clause },
    });
  }
  // As one at a time: a member who is on no channel, or gone, counts as refused.
  return { queued: queuedIds.length, refused: ids.length - queuedIds.length };
}
