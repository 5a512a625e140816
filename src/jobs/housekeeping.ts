/**
 * Housekeeping keeps the retention promises the code makes: what has expired or served its
 * purpose is deleted by scheduled jobs, in batches. Each batch is deleted and audited in one
 * transaction (a count and the kind, never a value), so a run cut short loses nothing and the
 * next run carries on where it stopped.
 * @clause C38
 */
import type { AppContext } from '../app/context.ts';
import { recordAudit } from '../audit/log.ts';

/** One kind of row that outlives its use: where it lives and when it is done with. */
export type PurgeKind = { kind: string; table: string; where: string };

export const PURGES = {
  // Stored answers hold personal data; the key is honoured for 24 hours (idempotency_keys.expires_at).
  idempotencyKeys: { kind: 'idempotency_keys', table: 'idempotency_keys', where: 'expires_at < now()' },
  emailTokens: { kind: 'email_tokens', table: 'email_tokens', where: 'expires_at < now()' },
  privacyCenterLinks: { kind: 'subject_link_tokens', table: 'subject_link_tokens', where: 'expires_at < now()' },
  userSessions: { kind: 'sessions', table: 'sessions', where: 'expires_at < now()' },
  subjectSessions: { kind: 'subject_sessions', table: 'subject_sessions', where: 'expires_at < now()' },
  // $1: days a sent mail is kept (MAIL_RETENTION_DAYS), for a delivery question; then its text goes.
  deliveredMail: { kind: 'outbox.sent', table: 'outbox', where: `sent_at < now() - make_interval(days => $1)` },
  // C38: a minor's parental-consent notice is kept only until it has left (or can never leave).
  minorNotices: { kind: 'outbox.minor_notice', table: 'outbox', where: `kind = 'parental_consent_notice' AND (sent_at IS NOT NULL OR attempts >= 5)` },
} as const satisfies Record<string, PurgeKind>;

// Large enough that a batch's fixed cost (transaction, audit entry) is small beside its deletes.
export const PURGE_BATCH = 5000;

/** Deletes the rows of `p` in batches, each with its audit entry; returns how many went. */
export async function purge(ctx: Pick<AppContext, 'db' | 'keys'>, p: PurgeKind, params: readonly unknown[] = [], batch = PURGE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      // ctid: every table here has a key, but not the same one; SKIP LOCKED leaves rows in use to the next run.
      // Counted in the database: a batch's rows never travel to the process.
      const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
        `WITH gone AS (DELETE FROM ${p.table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${p.table} WHERE ${p.where} LIMIT ${batch} FOR UPDATE SKIP LOCKED)) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        params,
      );
      if (n > 0) {
        await recordAudit(tx, ctx.keys.audit, {
          tenantId: null, actor: { type: 'system', id: null }, action: 'housekeeping.purged', details: { kind: p.kind, rows: n },
        });
      }
      return n;
    });
    total += n;
    if (n < batch) return total;
  }
}
