import { auditActor } from '../../auth/actor.ts';
import { CAN, isStaff } from '../../auth/permissions.ts';
import { isCategoryKey } from '../../domain/taxonomy/index.ts';
import { forbidden, notFound, unprocessable } from '../../errors.ts';
import type { RouteModule } from '../../http/routes.ts';
import { listIncidents, notifyCustomers, readIncident, recordAuthorityReport, recordIncident } from '../../incidents/register.ts';
import { authorityReport } from '../../incidents/report.ts';
import { affectedData } from '../../incidents/affected.ts';
import { inPlatform } from '../../db/scope.ts';
import { presentIncident } from './presenter.ts';
import { AffectedOut, AuthorityReportBody, IncidentList, IncidentOut, IncidentParams, NotifyOut, RecordIncidentBody, ReportOut } from './schema.ts';

const tags = ['staff'];
const register = 'The register holds codes, times, counts and staff\'s description of the incident; no one\'s personal data';

/** The breach register (C24), for the privacy officer. */
export const incidentRoutes: RouteModule = (app, ctx) => {
  const officer = { access: 'staff' as const, can: CAN.privacyOfficer };

  app.post('/api/staff/incidents', { config: { ...officer, noPersonalData: register }, schema: { body: RecordIncidentBody, response: { 201: IncidentOut }, tags } }, async (req, reply) => {
    if (!isStaff(req.actor)) throw forbidden('privacy_officer_only', 'Only the privacy officer may do this');
    const unknown = req.body.categories.find((c) => !isCategoryKey(c));
    if (unknown) throw unprocessable('unknown_category', `${unknown} is not a data category of the taxonomy`);
    const inc = await recordIncident(ctx, { ...auditActor(req.actor), id: req.actor.staffId }, { ...req.body, detectedAt: new Date(req.body.detectedAt) });
    return reply.code(201).send(presentIncident(inc));
  });

  app.get('/api/staff/incidents', { config: { ...officer, noPersonalData: register }, schema: { response: { 200: IncidentList }, tags } }, async () => ({
    items: (await listIncidents(ctx.db)).map((i) => presentIncident(i)),
  }));

  app.get('/api/staff/incidents/:id/report', { config: { ...officer, noPersonalData: register }, schema: { params: IncidentParams, response: { 200: ReportOut }, tags } }, async (req) => {
    const inc = await readIncident(ctx.db, req.params.id);
    if (!inc) throw notFound('incident');
    return authorityReport(inc, { organisation: 'ECOMKEY', email: ctx.config.mailFrom });
  });

  app.get('/api/staff/incidents/:id/affected', { config: { ...officer, noPersonalData: 'Table and column names with row counts: whose data, never the data' }, schema: { params: IncidentParams, response: { 200: AffectedOut }, tags } }, async (req) => {
    const inc = await readIncident(ctx.db, req.params.id);
    if (!inc) throw notFound('incident');
    const tables = await inPlatform(ctx.db, (tx) => affectedData(tx, inc, inc.notices.map((n) => n.tenant_id)));
    return { incidentId: inc.id, tables };
  });

  app.post('/api/staff/incidents/:id/notify', {
    config: { ...officer, feature: 'incidents.notify', subject: { admit: 'many', why: 'Mails the owners of every affected shop; the mail job asks the gate for each recipient' } },
    schema: { params: IncidentParams, response: { 202: NotifyOut }, tags },
  }, async (req, reply) => reply.code(202).send({ mails: await notifyCustomers(ctx, auditActor(req.actor), req.params.id) }));

  app.post('/api/staff/incidents/:id/authority-report', { config: { ...officer, noPersonalData: register }, schema: { params: IncidentParams, body: AuthorityReportBody, response: { 200: IncidentOut }, tags } }, async (req) => {
    await recordAuthorityReport(ctx, auditActor(req.actor), req.params.id, { reportedAt: new Date(req.body.reportedAt), reference: req.body.reference });
    return presentIncident((await readIncident(ctx.db, req.params.id))!);
  });
};
