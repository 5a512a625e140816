import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { readTenantSubscribers } from '../../accounts/staff-access.ts';
import { canStaffReadTenantData, isStaff } from '../../auth/permissions.ts';
import { badRequest, forbidden } from '../../errors.ts';
import { presentSubscriber } from '../subscribers/presenter.ts';
import { SubscriberList, SubscriberListQuery } from '../subscribers/schema.ts';
import { AccessReason, AccessReasonHeaders, TenantParams } from './schema.ts';

/** Staff reads of a tenant's personal data: each one needs a reason and leaves an audit entry. */
export const staffTenantRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/staff/tenants/:tenantId/subscribers',
    {
      config: { access: 'staff', feature: 'staff.subscribers.read', can: CAN.staffReadTenantData, subject: { admit: 'many', why: 'A page of a tenant\'s contacts for support, with a recorded reason; content stays behind the purpose wall' } },
      schema: { params: TenantParams, headers: AccessReasonHeaders, querystring: SubscriberListQuery, response: { 200: SubscriberList }, tags: ['staff'] },
    },
    async (req) => {
      const actor = req.actor;
      if (!isStaff(actor) || !canStaffReadTenantData(actor)) throw forbidden('staff_only', 'Only ECOMKEY staff may do this');
      const reason = AccessReason.safeParse(req.headers['x-access-reason'] ?? '');
      if (!reason.success) {
        throw badRequest('access_reason_required', 'Say why you need this data in the x-access-reason header (at least 10 characters)');
      }
      const { rows, nextCursor } = await readTenantSubscribers(ctx, actor, req.params.tenantId, reason.data, req.query);
      return { items: rows.map((r) => presentSubscriber(ctx.keys, r)), nextCursor };
    },
  );
};
