import { keyringFor } from '../../crypto/envelope.ts';
import type { RouteModule } from '../../http/routes.ts';
import type { Actor, StaffActor } from '../../auth/actor.ts';
import { canManageProcessors, isStaff, isUser } from '../../auth/permissions.ts';
import { listProcessors, recordAgreement, recordAgreementIn, registerProcessor, registerProcessorIn } from '../../disclosures/processors.ts';
import { forbidden } from '../../errors.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import { presentAgreement, presentProcessor } from './presenter.ts';
import { AgreementCreate, AgreementOut, ProcessorCreate, ProcessorList, ProcessorOut, ProcessorParams } from './schema.ts';

const tags = ['processors'];

/**
 * Service providers and their agreements (C26): a merchant's own under /api/processors (it also
 * sees ECOMKEY's, read only); ECOMKEY's own under /api/staff/processors, for its privacy officer.
 */
export const processorRoutes: RouteModule = (app, ctx) => {
  app.get('/api/processors', { config: { noPersonalData: 'Service providers and their agreements name organisations and taxonomy keys (C26)' }, schema: { response: { 200: ProcessorList }, tags } }, async (req) => {
    const actor = req.actor;
    if (!isUser(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
    const list = await listProcessors(ctx, actor.tenantId);
    return { items: list.map((p) => presentProcessor(p.processor, p.agreements)) };
  });

  app.post('/api/processors', { config: { noPersonalData: 'Registers a service provider (an organisation)' }, schema: { body: ProcessorCreate, response: { 201: ProcessorOut }, tags } }, async (req, reply) => {
    const actor = req.actor;
    if (!isUser(actor) || !canManageProcessors(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin registers providers');
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => ({
      status: 201, body: presentProcessor(await registerProcessorIn(ctx, tx, actor, req.body), []),
    }));
    return sendIdempotent(reply, r);
  });

  app.post('/api/processors/:id/agreements', { config: { noPersonalData: 'A provider\'s agreement: dates, taxonomy keys, retention' }, schema: { params: ProcessorParams, body: AgreementCreate, response: { 201: AgreementOut }, tags } }, async (req, reply) => {
    const actor = req.actor;
    if (!isUser(actor) || !canManageProcessors(actor)) throw forbidden('tenant_forbidden', 'Only an owner or admin files agreements');
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => ({
      status: 201, body: presentAgreement(await recordAgreementIn(ctx, tx, actor, req.params.id, req.body)),
    }));
    return sendIdempotent(reply, r);
  });

  const staff = { access: 'staff' as const };
  const staffOnly = (a: Actor): StaffActor => {
    if (!isStaff(a) || !canManageProcessors(a)) throw forbidden('privacy_officer_only', 'Only the privacy officer manages ECOMKEY\'s providers');
    return a;
  };

  app.get('/api/staff/processors', { config: { ...staff, noPersonalData: 'ECOMKEY\'s own service providers' }, schema: { response: { 200: ProcessorList }, tags: ['staff'] } }, async (req) => {
    staffOnly(req.actor);
    const list = await listProcessors(ctx, null);
    return { items: list.map((p) => presentProcessor(p.processor, p.agreements)) };
  });

  app.post('/api/staff/processors', { config: { ...staff, noPersonalData: 'Registers one of ECOMKEY\'s service providers' }, schema: { body: ProcessorCreate, response: { 201: ProcessorOut }, tags: ['staff'] } }, async (req, reply) => {
    const actor = staffOnly(req.actor);
    return reply.code(201).send(presentProcessor(await registerProcessor(ctx, actor, req.body), []));
  });

  app.post(
    '/api/staff/processors/:id/agreements',
    { config: { ...staff, noPersonalData: 'An ECOMKEY provider\'s agreement' }, schema: { params: ProcessorParams, body: AgreementCreate, response: { 201: AgreementOut }, tags: ['staff'] } },
    async (req, reply) => {
      const actor = staffOnly(req.actor);
      return reply.code(201).send(presentAgreement(await recordAgreement(ctx, actor, req.params.id, req.body)));
    },
  );
};
