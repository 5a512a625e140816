/**
 * A merger or acquisition transfer (C05). Staff record the acquirer and its public key; the
 * announcement puts the notice on every page of the site and e-mails every user; the export
 * starts only when every open account's mail has left and the notice has been up for the whole
 * period — checked here, and again by the database when the state changes — and is written
 * encrypted to the acquirer's key.
 * @clause C05 No transfer before every user is e-mailed and the site's notice has been shown for the period.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { openUser, USER_KEY } from '../accounts/users.ts';
import type { AuditActor } from '../audit/log.ts';
import { recordAudit } from '../audit/log.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { conflict, notFound } from '../errors.ts';
import { enqueueTrackedMail } from '../mail/outbox.ts';
import { transferNoticeMail } from './mails.ts';
import { noticeEndsAt, transferReadiness, type Readiness } from './readiness.ts';
import { acquirerKey, sealForAcquirer } from './seal.ts';

export const TRANSFER_JOB = 'merger-transfer';

export type TransferRow = {
  id: string; acquirer: string; acquirer_key_pem: string; acquirer_key_sha256: string; notice_days: number; state: string;
  announced_at: Date | null; started_at: Date | null; exported_at: Date | null; export_file: string | null; export_sha256: string | null; export_rows: string | null; created_at: Date;
};
export type NoticeRow = { user_id: string; queued_at: Date; sent_at: Date | null };
export type TransferStatus = { transfer: TransferRow; users: number; notices: NoticeRow[]; unnotified: number; readiness: Readiness };

type Ctx = Pick<AppContext, 'db' | 'keys' | 'jobs' | 'config'>;

// Secrets and what expires within hours or days: not the platform's data, and of no use to anyone after.
const NOT_EXPORTED = new Set(['sessions', 'email_tokens', 'subject_link_tokens', 'subject_sessions', 'idempotency_keys', 'schema_migrations',
  'subject_request_confirmations', 'subject_exports', 'transfers', 'transfer_notices']);

async function load(tx: Sql, id: string, lock = false): Promise<TransferRow> {
  const [t] = await tx.query<TransferRow>(`SELECT * FROM transfers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!t) throw notFound('transfer');
  return t;
}

export async function createTransfer(ctx: Ctx, actor: AuditActor & { id: string }, input: { acquirer: string; publicKeyPem: string; noticeDays?: number }): Promise<TransferRow> {
  const { sha256 } = acquirerKey(input.publicKeyPem);
  return inPlatform(ctx.db, async (tx) => {
    const [t] = await tx.query<TransferRow>(
      'INSERT INTO transfers (acquirer, acquirer_key_pem, acquirer_key_sha256, notice_days, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [input.acquirer, input.publicKeyPem, sha256, input.noticeDays ?? ctx.config.transfer.noticeDays, actor.id]);
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor, action: 'transfer.created', target: { type: 'transfer', id: t!.id }, details: { noticeDays: t!.notice_days, keySha256: sha256 } });
    return t!;
  });
}

/**
 * Puts the notice up (on the first call) and e-mails every open account not yet e-mailed; a
 * later call mails those who signed up since. Returns how many mails were queued.
 */
export async function announceTransfer(ctx: Ctx, actor: AuditActor, id: string): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const t = await load(tx, id, true);
    if (t.state !== 'draft' && t.state !== 'announced') throw conflict('transfer_not_announceable', `A ${t.state} transfer cannot be announced`);
    const announcedAt = t.announced_at ?? new Date();
    if (!t.announced_at) await tx.query("UPDATE transfers SET state = 'announced', announced_at = $2 WHERE id = $1", [id, announcedAt]);
    const notBefore = noticeEndsAt({ state: 'announced', announcedAt, noticeDays: t.notice_days })!;
    const users = await tx.query<{ id: string; email: string; name: string; wrapped_key: string | null; locale: 'vi' | 'en' }>(
      `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.locale FROM users u
        WHERE u.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM transfer_notices n WHERE n.transfer_id = $1 AND n.user_id = u.id)`, [id]);
    let mails = 0;
    for (const u of users) {
      const to = openUser(ctx.keys, u).email;
      if (!to) continue;
      const outboxId = await enqueueTrackedMail(tx, ctx, { ...transferNoticeMail(to, u.locale, { acquirer: t.acquirer, notBefore }, ctx.config.publicUrl), recipient: { type: 'customer', id: u.id } });
      await tx.query('INSERT INTO transfer_notices (transfer_id, user_id, outbox_id) VALUES ($1, $2, $3)', [id, u.id, outboxId]);
      mails += 1;
    }
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor, action: 'transfer.announced', target: { type: 'transfer', id }, details: { mails } });
    return mails;
  });
}

/** Marks notices whose mail the provider took; the outbox row is purged later, the notice keeps the time. */
async function syncSent(tx: Sql, id: string): Promise<void> {
  await tx.query(`UPDATE transfer_notices n SET sent_at = o.sent_at FROM outbox o
    WHERE n.transfer_id = $1 AND n.sent_at IS NULL AND o.id = n.outbox_id AND o.sent_at IS NOT NULL`, [id]);
}

async function statusIn(tx: Sql, id: string, now: Date): Promise<TransferStatus> {
  await syncSent(tx, id);
  const transfer = await load(tx, id);
  const notices = await tx.query<NoticeRow>('SELECT user_id, queued_at, sent_at FROM transfer_notices WHERE transfer_id = $1 ORDER BY queued_at, user_id', [id]);
  const [c] = await tx.query<{ users: number; unnotified: number }>(
    `SELECT count(*)::int AS users, count(*) FILTER (WHERE NOT EXISTS (
       SELECT 1 FROM transfer_notices n WHERE n.transfer_id = $1 AND n.user_id = u.id AND n.sent_at IS NOT NULL))::int AS unnotified
     FROM users u WHERE u.closed_at IS NULL`, [id]);
  const readiness = transferReadiness({ state: transfer.state, announcedAt: transfer.announced_at, noticeDays: transfer.notice_days }, c!.unnotified, now);
  return { transfer, users: c!.users, notices, unnotified: c!.unnotified, readiness };
}

export const transferStatus = (ctx: Ctx, id: string, now = new Date()): Promise<TransferStatus> => inPlatform(ctx.db, (tx) => statusIn(tx, id, now));

/** Starts the export, or refuses with what is missing. */
export async function startTransfer(ctx: Ctx, actor: AuditActor, id: string, now = new Date()): Promise<TransferStatus> {
  return inPlatform(ctx.db, async (tx) => {
    await load(tx, id, true);
    const s = await statusIn(tx, id, now);
    if (!s.readiness.ready) {
      const r = s.readiness;
      throw conflict(r.code, r.code === 'users_not_notified' ? `${r.unnotified} users have not been notified yet`
        : r.code === 'notice_period_running' ? `The site's notice must stay up until ${r.noticeEndsAt!.toISOString()}` : 'Announce the transfer first');
    }
    // The trigger of migration 032 refuses this update on its own if the checks above were ever skipped.
    await tx.query("UPDATE transfers SET state = 'exporting', started_at = now() WHERE id = $1", [id]);
    await ctx.jobs.enqueue(tx, TRANSFER_JOB, { transferId: id });
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor, action: 'transfer.started', target: { type: 'transfer', id }, details: { users: s.users } });
    return { ...s, transfer: { ...s.transfer, state: 'exporting' } };
  });
}

/** The job: every table of the platform as JSON lines, gzipped, sealed to the acquirer, written once. */
export async function exportTransfer(ctx: Ctx, id: string): Promise<void> {
  await inPlatform(ctx.db, async (tx) => {
    const t = await load(tx, id, true);
    if (t.state === 'exported') return;
    if (t.state !== 'exporting') throw new Error(`transfer ${id} is ${t.state}, not exporting`);
    const tables = (await tx.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"))
      .map((r) => r.t).filter((name) => !NOT_EXPORTED.has(name));
    const lines: string[] = [];
    let rows = 0;
    for (const table of tables) {
      for (const row of await tx.query(`SELECT * FROM "${table.replace(/"/g, '""')}"`)) {
        lines.push(JSON.stringify({ table, row }));
        rows += 1;
      }
    }
    const sealed = sealForAcquirer(t.acquirer_key_pem, gzipSync(Buffer.from(lines.join('\n'))));
    mkdirSync(ctx.config.transfer.dir, { recursive: true });
    const file = join(ctx.config.transfer.dir, `${id}.pledge-transfer`);
    writeFileSync(file, sealed);
    const sha256 = createHash('sha256').update(sealed).digest('hex');
    await tx.query("UPDATE transfers SET state = 'exported', exported_at = now(), export_file = $2, export_sha256 = $3, export_rows = $4 WHERE id = $1", [id, file, sha256, rows]);
    await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'transfer.exported', target: { type: 'transfer', id }, details: { tables: tables.length, rows, sha256 } });
  });
}

export type SiteNotice = { acquirer: string; announcedAt: Date; notBefore: Date };

/** The notice every page shows while a transfer is announced or under way. */
export async function activeNotice(db: Pick<AppContext, 'db'>['db']): Promise<SiteNotice | null> {
  const [t] = await inPlatform(db, (tx) => tx.query<{ acquirer: string; announced_at: Date; notice_days: number }>(
    "SELECT acquirer, announced_at, notice_days FROM transfers WHERE state IN ('announced', 'exporting') ORDER BY announced_at DESC LIMIT 1"));
  return t ? { acquirer: t.acquirer, announcedAt: t.announced_at, notBefore: noticeEndsAt({ state: 'announced', announcedAt: t.announced_at, noticeDays: t.notice_days })! } : null;
}
