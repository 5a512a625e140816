import type { AppContext } from '../app/context.ts';
import { undeliverableMail, type UndeliverableMail } from '../mail/outbox.ts';
import type { DeadJob } from './runner.ts';

/** A mail that failed every try is a dead `deliver-mail` job to staff: its kind is all they see of it. */
const mailAsDeadJob = (m: UndeliverableMail): DeadJob => ({ id: m.id, name: `deliver-mail (${m.kind})`, tries: m.tries, code: m.code, createdAt: m.createdAt, failedAt: m.failedAt });

/** What failed every try: queue jobs and undeliverable mail in one list, newest failure first. */
export async function listDeadLetters(ctx: Pick<AppContext, 'db' | 'jobs'>, limit = 100): Promise<DeadJob[]> {
  const [jobs, mail] = await Promise.all([ctx.jobs.deadLetters(limit), undeliverableMail(ctx.db, limit)]);
  return [...jobs, ...mail.map(mailAsDeadJob)].sort((a, b) => new Date(b.failedAt).getTime() - new Date(a.failedAt).getTime()).slice(0, limit);
}
