import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { healthRoutes } from '../routes/health/routes.ts';
import { subscriberRoutes } from '../routes/subscribers/routes.ts';
import { authRoutes } from '../routes/auth/routes.ts';
import { staffAuthRoutes } from '../routes/staff-auth/routes.ts';
import { staffTenantRoutes } from '../routes/staff-tenants/routes.ts';
import { meRoutes } from '../routes/me/routes.ts';
import { apiKeyRoutes } from '../routes/api-keys/routes.ts';
import { devMailboxRoutes } from '../routes/dev-mailbox/routes.ts';
import { policyRoutes } from '../routes/policies/routes.ts';
import { staffPolicyRoutes } from '../routes/staff-policies/routes.ts';
import { retentionRoutes } from '../routes/retention/routes.ts';
import { incidentRoutes } from '../routes/incidents/routes.ts';
import { recordsRoutes } from '../routes/records/routes.ts';
import { inquiryRoutes } from '../routes/inquiries/routes.ts';
import { communityRoutes } from '../routes/community/routes.ts';
import { transferRoutes } from '../routes/transfers/routes.ts';
import { webRoutes } from '../web/routes.ts';
import { consentRoutes } from '../routes/consents/routes.ts';
import { restrictionRoutes } from '../routes/restrictions/routes.ts';
import { gateRoutes } from '../routes/gate/routes.ts';
import { privacyCenterRoutes } from '../routes/privacy-center/routes.ts';
import { processorRoutes } from '../routes/processors/routes.ts';
import { disclosureRoutes } from '../routes/disclosures/routes.ts';
import { freeTextRoutes } from '../routes/free-text/routes.ts';
import { billingRoutes } from '../routes/billing/routes.ts';
import { requestRoutes } from '../routes/requests/routes.ts';
import { privacyCenterHeldRoutes } from '../routes/privacy-center/held.ts';
import { privacyCenterExportRoutes } from '../routes/privacy-center/export.ts';
import { jobRoutes } from '../routes/jobs/routes.ts';
import { channelRoutes } from '../routes/channels/routes.ts';
import { webhookRoutes } from '../routes/webhooks/routes.ts';
import { messagingRoutes } from '../routes/messaging/routes.ts';
import { listRoutes } from '../routes/lists/routes.ts';
import { orderRoutes } from '../routes/orders/routes.ts';
import { subscriberImportRoutes } from '../routes/subscriber-import/routes.ts';
import { subscriberAttributeRoutes } from '../routes/subscribers/attributes.ts';
import { inboxRoutes } from '../routes/requests/inbox.ts';
import { intakeRoutes } from '../routes/requests/intake.ts';
import { requestProcessorRoutes } from '../routes/requests/processors.ts';
import { collectRoutes } from '../routes/collect/routes.ts';
import { bannerConsentRoutes } from '../routes/banner-consents/routes.ts';
import { analyticsRoutes } from '../routes/analytics/routes.ts';

export type ZodFastify = FastifyInstance<
  RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider
>;

/** A resource's routes: one folder per resource, its schemas beside its routes. */
export type RouteModule = (app: ZodFastify, ctx: AppContext) => void | Promise<void>;

const MODULES: RouteModule[] = [healthRoutes, subscriberRoutes, authRoutes, staffAuthRoutes, staffTenantRoutes, meRoutes, apiKeyRoutes, devMailboxRoutes, policyRoutes, staffPolicyRoutes, processorRoutes, disclosureRoutes, consentRoutes, restrictionRoutes, gateRoutes, privacyCenterRoutes, freeTextRoutes, billingRoutes, requestRoutes, privacyCenterHeldRoutes, jobRoutes, privacyCenterExportRoutes, retentionRoutes, incidentRoutes, recordsRoutes, inquiryRoutes, communityRoutes, transferRoutes, channelRoutes, webhookRoutes, messagingRoutes, listRoutes, orderRoutes, subscriberImportRoutes, subscriberAttributeRoutes, inboxRoutes, intakeRoutes, requestProcessorRoutes, collectRoutes, bannerConsentRoutes, analyticsRoutes, webRoutes];

export async function registerRoutes(app: ZodFastify, ctx: AppContext): Promise<void> {
  for (const m of MODULES) await m(app, ctx);
}
