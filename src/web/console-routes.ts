/**
 * The merchant console's pages: a signed-in merchant (a browser session, policies accepted)
 * reviews its data subjects' consents with printable proofs, their restrictions, the
 * disclosure ledger and its processors. Each page declares its access, feature, permission and
 * subject like an API route, and the pipeline signs the visitor in (a redirect, not a 401),
 * checks acceptance and admits the subject; forms post to the JSON API, which decides and audits.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exemptString } from '../guard/schema.ts';
import type { AppContext } from '../app/context.ts';
import type { UserActor } from '../auth/actor.ts';
import { isUuid } from '../db/scope.ts';
import { CAN } from '../auth/permissions.ts';
import { rowSubject, typedPathSubject, type Locator } from '../http/declare.ts';
import type { ZodFastify } from '../http/routes.ts';
import { loadDisclosures, loadProcessors, loadProof, loadSubject, loadSubjects } from './console-data.ts';
import { disclosuresPage } from './pages/console-disclosures.tsx';
import { processorsPage } from './pages/console-processors.tsx';
import { proofPage } from './pages/console-proof.tsx';
import { staffPage } from './pages/console-staff.tsx';
import { comingSectionPage } from './pages/console-sections.tsx';
import { COMING_SECTIONS } from './pages/console-common.tsx';
import { listProcessors } from '../disclosures/processors.ts';
import { subjectPage, subjectsPage } from './pages/console-subjects.tsx';
import type { Page, View } from './view.ts';
import { listDeadLetters } from '../jobs/dead-letters.ts';
import { registerChannelPages } from './console-channel-routes.ts';

/** Renders a page in the site's layout (supplied by the web routes, which own the shell). */
export type SendPage = (req: FastifyRequest, reply: FastifyReply, build: (v: View) => Page) => Promise<FastifyReply>;

const Query = z.object({ cursor: z.string().max(200).optional(), subjectType: z.string().max(32).optional(), subjectId: z.string().max(64).optional() });
const SubjectParams = z.strictObject({ type: exemptString(z.string().max(40), 'matched against the subject types, never stored'), id: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
const RecordParams = z.strictObject({ id: exemptString(z.string().max(64), 'matched as a uuid, never stored') });

const param = (req: FastifyRequest, name: string): string => (req.params as Record<string, string>)[name] ?? '';

// A wrong type or id in a page's path is no subject (a 404), not a malformed request (a 400).
const pageSubject: Locator = {
  ...typedPathSubject, describe: ':type :id (a console page)',
  find: (req, tenantId, tx) => ((param(req, 'type') === 'subscriber' || param(req, 'type') === 'buyer') && isUuid(param(req, 'id')) ? typedPathSubject.find(req, tenantId, tx) : null),
};
const recordSubject = rowSubject('the subject of a consent record', 'SELECT subject_type, subject_id FROM consent_records WHERE id = $1');
const proofSubject: Locator = { ...recordSubject, find: (req, tenantId, tx) => (isUuid(param(req, 'id')) ? recordSubject.find(req, tenantId, tx) : null) };

/** The merchant the pipeline admitted (access 'user' and `canUseConsole` guarantee it). */
const merchantOf = (req: FastifyRequest): UserActor => req.actor as UserActor;

export function registerConsolePages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  const base = { access: 'user' as const, signIn: '/signin' as const, feature: 'console.view' as const, can: CAN.useConsole };
  // Lists: the transaction carries the console's purpose, and the database hides restricted subjects' content.
  const list = { config: { ...base, subject: { admit: 'many' as const, why: 'The tenant\'s subjects and ledger as lists; content stays behind the purpose wall' } }, schema: { hide: true } };
  // One subject's page shows their own choices and rights, restricted or not (C22, C34), as the consent API does.
  const ledger = (locate: Locator) => ({ ...base, subject: { admit: 'ledger' as const, locate, why: 'One subject\'s consents, restrictions and disclosures, shown whatever they restricted' } });
  const query = (req: FastifyRequest) => Query.safeParse(req.query).data ?? {};

  app.get('/console', { config: { access: 'any', noPersonalData: 'Sends each kind of visitor to their console' }, schema: { hide: true } }, async (req, reply) =>
    reply.redirect(req.actor.kind === 'staff' ? '/staff' : '/console/subjects'));

  app.get('/console/subjects', list, async (req, reply) => {
    const m = merchantOf(req);
    const data = await loadSubjects(ctx, m.tenantId, query(req).cursor).catch((err: { code?: string }) => {
      if (err.code === 'cursor_invalid') return loadSubjects(ctx, m.tenantId, undefined);
      throw err;
    });
    return send(req, reply, (v) => subjectsPage(v, data));
  });

  app.get('/console/subjects/:type/:id', { config: ledger(pageSubject), schema: { hide: true, params: SubjectParams } }, async (req, reply) => {
    const { type, id } = req.params;
    const data = await loadSubject(ctx, merchantOf(req).tenantId, type as 'subscriber' | 'buyer', id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => subjectPage(v, data));
  });

  app.get('/console/consents/:id/proof', { config: ledger(proofSubject), schema: { hide: true, params: RecordParams } }, async (req, reply) => {
    const data = await loadProof(ctx, merchantOf(req).tenantId, req.params.id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => proofPage(v, data, new Date()));
  });

  app.get('/console/disclosures', list, async (req, reply) => {
    const m = merchantOf(req);
    const q = query(req);
    const data = await loadDisclosures(ctx, m.tenantId, q.cursor).catch((err: { code?: string }) => {
      if (err.code === 'cursor_invalid') return loadDisclosures(ctx, m.tenantId, undefined);
      throw err;
    });
    const prefill = { ...(q.subjectType ? { subjectType: q.subjectType } : {}), ...(q.subjectId && isUuid(q.subjectId) ? { subjectId: q.subjectId } : {}) };
    return send(req, reply, (v) => disclosuresPage(v, data, prefill));
  });

  app.get('/console/processors', list, async (req, reply) => {
    const processors = await loadProcessors(ctx, merchantOf(req).tenantId);
    return send(req, reply, (v) => processorsPage(v, processors));
  });

  // Channels, their Subscribers, lists and conversations (issue 13).
  registerChannelPages(app, ctx, send);

  // Sections the next issues fill: signed in like the rest of the console, nothing read yet.
  for (const section of COMING_SECTIONS) {
    const config = { access: 'user' as const, signIn: '/signin' as const, can: CAN.useConsole, noPersonalData: 'An empty section: says what it will hold' };
    app.get(`/console/${section}`, { config, schema: { hide: true } }, async (req, reply) => send(req, reply, (v) => comingSectionPage(v, section)));
  }

  // The privacy officer's console; anyone else is sent to the staff sign-in.
  const officer = { access: 'staff' as const, signIn: '/staff/signin' as const, can: CAN.recordDisclosureStaff, noPersonalData: 'ECOMKEY\'s processors and the disclosure form; no subject\'s data' };
  app.get('/staff', { config: officer, schema: { hide: true } }, async (req, reply) => {
    const processors = await listProcessors(ctx, null);
    const deadJobs = await listDeadLetters(ctx, 50);
    return send(req, reply, (v) => staffPage(v, { signedIn: true, processors, deadJobs }));
  });
  app.get('/staff/signin', { config: { access: 'public', noPersonalData: 'The staff sign-in form' }, schema: { hide: true } }, async (req, reply) =>
    send(req, reply, (v) => staffPage(v, { signedIn: false })));
}
