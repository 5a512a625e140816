import { CAN } from '../../auth/permissions.ts';
import { auditActor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/log.ts';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import type { Sql } from '../../db/index.ts';
import { listDeadLetters } from '../../jobs/dead-letters.ts';
import { retryMail } from '../../mail/outbox.ts';
import { presentDeadJob } from './presenter.ts';
import { DeadJobList, DeadJobParams, RetryOut } from './schema.ts';

const tags = ['staff'];
const why = 'Job names, ids, counts and failure codes: a job\'s data is never shown';

/** The dead-letter list: jobs that failed every try, for staff to look at and send back to the queue. */
export const jobRoutes: RouteModule = (app, ctx) => {
  app.get('/api/staff/jobs/dead', { config: { access: 'staff', can: CAN.operateJobs, noPersonalData: why }, schema: { response: { 200: DeadJobList }, tags } }, async () => ({
    items: (await listDeadLetters(ctx)).map(presentDeadJob),
    waiting: ctx.jobs.backlog(),
  }));

  app.post('/api/staff/jobs/dead/:id/retry', { config: { access: 'staff', can: CAN.operateJobs, noPersonalData: why }, schema: { params: DeadJobParams, response: { 202: RetryOut }, tags } }, async (req, reply) => {
    const { id } = req.params;
    const audit = (tx: Sql) => recordAudit(tx, ctx.keys.audit, { tenantId: null, actor: auditActor(req.actor), action: 'job.retried', target: { type: 'job', id } });
    if (id.startsWith('mail-')) {
      const found = await ctx.db.transaction(async (tx) => (await retryMail(tx, ctx.jobs, id)) && (await audit(tx), true));
      if (!found) throw notFound('dead job');
    } else {
      if (!(await ctx.jobs.retry(id))) throw notFound('dead job');
      await ctx.db.transaction(audit);
    }
    return reply.code(202).send({ id: req.params.id, status: 'queued' as const });
  });
};
