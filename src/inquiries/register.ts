/**
 * The inquiry register: a question from the contact form or the inbound mail address is
 * recorded sealed, routed by its subject line, acknowledged to the sender and announced to the
 * staff who answer it — in one transaction, so an acknowledged inquiry is never lost — then
 * tracked until staff answer it by mail.
 * @clause C25 A "Security Policy Question" reaches security staff, logged and tracked.
 * @clause C41 A privacy inquiry is recorded, acknowledged and tracked to an answer.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { staffAddresses } from '../accounts/staff.ts';
import type { AuditActor } from '../audit/log.ts';
import { recordAudit } from '../audit/log.ts';
import { blindIndex } from '../crypto/blind-index.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { Sql } from '../db/index.ts';
import { inPlatform } from '../db/scope.ts';
import { loadHolidays } from '../dsr/requests.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { acknowledgementMail, answerMail, inquiryDueMail, newInquiryMail } from './mails.ts';
import { answerDue, ROLE_OF, topicOf, type Topic } from './routing.ts';

export type NewInquiry = {
  via: 'form' | 'mail'; from: string; subject: string; body: string; lang: 'vi' | 'en';
  userId?: string | null; messageId?: string | null;
};

export type InquiryRow = {
  id: string; reference: string; topic: Topic; via: 'form' | 'mail'; lang: 'vi' | 'en'; user_id: string | null;
  from_address: string; subject: string; body: string; received_at: Date; acknowledged_at: Date | null; due_at: Date;
  answered_at: Date | null; answered_by: string | null; answer: string | null;
};
export type Inquiry = Omit<InquiryRow, 'from_address' | 'subject' | 'body' | 'answer'> & { from: string; subject: string; body: string; answer: string | null };

const COLUMNS = 'id, reference, topic, via, lang, user_id, from_address, subject, body, received_at, acknowledged_at, due_at, answered_at, answered_by, answer';
// Sealed under the platform's mail key, each value bound to its column.
const sealAs = (ctx: AppContext, column: string, v: string) => seal(ctx.keys.mail, Buffer.from(v, 'utf8'), `inquiries.${column}`);
const openAs = (ctx: AppContext, column: string, v: string) => unseal(ctx.keys.mail, v, `inquiries.${column}`).toString('utf8');
export const senderIndex = (ctx: Pick<AppContext, 'keys'>, address: string) => blindIndex(ctx.keys.index, 'inquiries.from_address', 'email', address)!;

// Crockford-style letters and digits: no I, L, O or U to misread on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = () => `Q-${[...randomBytes(8)].map((b) => ALPHABET[b % 32]).join('')}`;

/** How many open inquiries one sender may have at once: a flood is refused, not queued. */
export const OPEN_PER_SENDER = 5;

function openRow(ctx: AppContext, r: InquiryRow): Inquiry {
  const { from_address, subject, body, answer, ...rest } = r;
  return { ...rest, from: openAs(ctx, 'from_address', from_address), subject: openAs(ctx, 'subject', subject), body: openAs(ctx, 'body', body), answer: answer === null ? null : openAs(ctx, 'answer', answer) };
}

/** Records, routes and acknowledges one inquiry. A redelivered inbound mail (same Message-ID) is the inquiry already recorded. */
export async function recordInquiry(ctx: AppContext, q: NewInquiry, now = new Date()): Promise<{ reference: string; topic: Topic; dueAt: Date; duplicate: boolean }> {
  return inPlatform(ctx.db, async (tx) => {
    if (q.messageId) {
      const [seen] = await tx.query<{ reference: string; topic: Topic; due_at: Date }>('SELECT reference, topic, due_at FROM inquiries WHERE message_id = $1', [q.messageId]);
      if (seen) return { reference: seen.reference, topic: seen.topic, dueAt: seen.due_at, duplicate: true };
    }
    const bidx = senderIndex(ctx, q.from);
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM inquiries WHERE from_address_bidx = $1 AND answered_at IS NULL', [bidx]);
    if (n >= OPEN_PER_SENDER) throw new AppError(429, 'inquiries_open_limit', `You have ${n} questions waiting for an answer; we will answer them before taking more`);
    const topic = topicOf(q.subject);
    const dueAt = answerDue(topic, now, await loadHolidays(tx));
    const reference = newReference();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO inquiries (reference, topic, via, message_id, user_id, lang, from_address, from_address_bidx, subject, body, received_at, acknowledged_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id`,
      [reference, topic, q.via, q.messageId ?? null, q.userId ?? null, q.lang, sealAs(ctx, 'from_address', q.from), bidx,
        sealAs(ctx, 'subject', q.subject), sealAs(ctx, 'body', q.body), now, dueAt]);
    const recipient = q.userId ? { type: 'customer' as const, id: q.userId } : { type: 'visitor' as const };
    await enqueueMail(tx, ctx, { ...acknowledgementMail(q.from, q.lang, { reference, topic, dueAt }), recipient });
    const staff = await staffAddresses(tx, ctx.keys, ROLE_OF[topic]);
    for (const s of staff) await enqueueMail(tx, ctx, { ...newInquiryMail(s.email, { reference, topic, dueAt }, ctx.config.publicUrl), recipient: { type: 'staff', id: s.id } });
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor: q.userId ? { type: 'user', id: q.userId } : { type: 'anonymous', id: null }, action: 'inquiry.received',
      target: { type: 'inquiry', id: row!.id }, details: { topic, via: q.via, routedTo: ROLE_OF[topic], staff: staff.length },
    });
    return { reference, topic, dueAt, duplicate: false };
  });
}

/** The inquiries of one topic, open ones first by due time. */
export async function listInquiries(ctx: AppContext, topic: Topic, limit = 200): Promise<Inquiry[]> {
  const rows = await inPlatform(ctx.db, (tx) => tx.query<InquiryRow>(
    `SELECT ${COLUMNS} FROM inquiries WHERE topic = $1 ORDER BY answered_at IS NOT NULL, due_at LIMIT $2`, [topic, limit]));
  return rows.map((r) => openRow(ctx, r));
}

export async function readInquiry(tx: Sql, ctx: AppContext, id: string): Promise<Inquiry | undefined> {
  const [row] = await tx.query<InquiryRow>(`SELECT ${COLUMNS} FROM inquiries WHERE id = $1`, [id]);
  return row && openRow(ctx, row);
}

/** Staff answer: mailed to the sender, recorded sealed; an inquiry is answered once. */
export async function answerInquiry(ctx: AppContext, staff: { id: string; role: string } & AuditActor, id: string, answer: string, now = new Date()): Promise<Inquiry> {
  return inPlatform(ctx.db, async (tx) => {
    const [row] = await tx.query<InquiryRow>(`SELECT ${COLUMNS} FROM inquiries WHERE id = $1 FOR UPDATE`, [id]);
    // Another team's inquiry looks like no inquiry at all.
    if (!row || ROLE_OF[row.topic] !== staff.role) throw notFound('inquiry');
    if (row.answered_at) throw conflict('inquiry_answered', 'This inquiry has been answered already');
    const q = openRow(ctx, row);
    await tx.query('UPDATE inquiries SET answered_at = $2, answered_by = $3, answer = $4 WHERE id = $1', [id, now, staff.id, sealAs(ctx, 'answer', answer)]);
    const recipient = q.user_id ? { type: 'customer' as const, id: q.user_id } : { type: 'visitor' as const };
    await enqueueMail(tx, ctx, { ...answerMail(q.from, q.lang, { reference: q.reference, answer }), recipient });
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor: { type: staff.type, id: staff.id }, action: 'inquiry.answered', target: { type: 'inquiry', id },
      details: { topic: q.topic, late: now.getTime() > q.due_at.getTime() },
    });
    return { ...q, answered_at: now, answered_by: staff.id, answer };
  });
}

/** How long before an answer's due time its staff are reminded (once). */
export const REMIND_HOURS_BEFORE = 4;

/** The scheduled check: each unanswered inquiry due within REMIND_HOURS_BEFORE (or late) reminds its team once; returns how many. */
export async function remindInquiries(ctx: Pick<AppContext, 'db' | 'keys' | 'jobs' | 'config'>, now = new Date()): Promise<number> {
  return inPlatform(ctx.db, async (tx) => {
    const due = await tx.query<{ id: string; reference: string; topic: Topic; due_at: Date }>(
      `SELECT id, reference, topic, due_at FROM inquiries WHERE answered_at IS NULL AND reminded_at IS NULL AND due_at <= $1 FOR UPDATE SKIP LOCKED`,
      [new Date(now.getTime() + REMIND_HOURS_BEFORE * 3_600_000)]);
    for (const q of due) {
      const staff = await staffAddresses(tx, ctx.keys, ROLE_OF[q.topic]);
      for (const s of staff) await enqueueMail(tx, ctx, { ...inquiryDueMail(s.email, { reference: q.reference, topic: q.topic, dueAt: q.due_at }, now, ctx.config.publicUrl), recipient: { type: 'staff', id: s.id } });
      await tx.query('UPDATE inquiries SET reminded_at = $2 WHERE id = $1', [q.id, now]);
      await recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: { type: 'system', id: null }, action: 'inquiry.reminded', target: { type: 'inquiry', id: q.id }, details: { topic: q.topic, staff: staff.length } });
    }
    return due.length;
  });
}
