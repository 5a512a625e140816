import { CAN } from '../../auth/permissions.ts';
import type { RouteModule } from '../../http/routes.ts';
import { describeKeep, retentionPlan } from '../../retention/plan.ts';
import { RetentionPlanOut } from './schema.ts';

/** The retention rules and what their purges would delete now, for staff (C36). */
export const retentionRoutes: RouteModule = (app, ctx) => {
  app.get('/api/staff/retention', {
    config: { access: 'staff', can: CAN.operateJobs, noPersonalData: 'Rule ids, periods, citations and row counts across tables; never a row' },
    schema: { response: { 200: RetentionPlanOut }, tags: ['staff'] },
  }, async () => ({
    rules: (await retentionPlan(ctx.db, ctx.config)).map((l) => ({
      id: l.id, table: l.table, column: l.column ?? null, keep: l.keep, keepText: describeKeep(l, ctx.config), from: l.from,
      why: l.why, citation: l.citation, purged: Boolean(l.purge), dueNow: l.dueNow, held: l.held,
    })),
  }));
};
