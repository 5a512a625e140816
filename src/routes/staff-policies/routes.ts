import type { RouteModule } from '../../http/routes.ts';
import { CAN } from '../../auth/permissions.ts';
import { auditActor } from '../../auth/actor.ts';
import { canPublishPolicy } from '../../auth/permissions.ts';
import { forbidden } from '../../errors.ts';
import { publishPolicyVersion } from '../../policies/publish.ts';
import { PublishPolicyBody, PublishPolicyOut } from './schema.ts';
import { presentPublished } from './presenter.ts';

/**
 * The privacy officer publishes a new version; a significant one e-mails every user and asks
 * everyone to accept again (see publishPolicyVersion).
 * @clause C40
 */
export const staffPolicyRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/staff/policies',
    { config: { access: 'staff', feature: 'policies.publish', can: CAN.publishPolicy, subject: { admit: 'many', why: 'Mails every Customer of a significant change (C40): the mail job asks the gate for each' } }, schema: { body: PublishPolicyBody, response: { 201: PublishPolicyOut }, tags: ['staff'] } },
    async (req, reply) => {
      if (!canPublishPolicy(req.actor)) throw forbidden('privacy_officer_only', 'Only the privacy officer may publish a policy version');
      const published = await publishPolicyVersion(ctx, auditActor(req.actor), req.body);
      return reply.code(201).send(presentPublished(published));
    },
  );
};
