/**
 * The merchant console's pages: a signed-in merchant (a browser session, policies accepted)
 * reviews its data subjects' consents with printable proofs, their restrictions, the
 * disclosure ledger and its processors. Pages are rendered from data read here; their forms
 * post to the JSON API, which decides and audits.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exemptString } from '../guard/schema.ts';
import type { AppContext } from '../app/context.ts';
import type { UserActor } from '../auth/actor.ts';
import { isUuid } from '../db/scope.ts';
import { CAN } from '../auth/permissions.ts';
import type { ZodFastify } from '../http/routes.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import { loadDisclosures, loadProcessors, loadProof, loadSubject, loadSubjects } from './console-data.ts';
import { disclosuresPage } from './pages/console-disclosures.ts';
import { processorsPage } from './pages/console-processors.ts';
import { proofPage } from './pages/console-proof.ts';
import { staffPage } from './pages/console-staff.ts';
import { listProcessors } from '../disclosures/processors.ts';
import { subjectPage, subjectsPage } from './pages/console-subjects.ts';
import type { Page, View } from './view.ts';

/** Renders a page in the site's layout (supplied by the web routes, which own the shell). */
export type SendPage = (req: FastifyRequest, reply: FastifyReply, build: (v: View) => Page) => FastifyReply;

const Query = z.object({ cursor: z.string().max(200).optional(), subjectType: z.string().max(32).optional(), subjectId: z.string().max(64).optional() });
const SubjectParams = z.strictObject({ type: exemptString(z.string().max(40), 'matched against the subject types, never stored'), id: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
const RecordParams = z.strictObject({ id: exemptString(z.string().max(64), 'matched as a uuid, never stored') });

export function registerConsolePages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  // The pages sign the merchant in themselves (a redirect, not a 401) and read through the ledger's
  // own functions, in tenant transactions that carry the console's purpose to the database.
  const page = {
    config: {
      access: 'public' as const, feature: 'console.view' as const, can: CAN.anyone,
      subject: { admit: 'many' as const, why: 'Pages of the tenant\'s subjects, consents and ledger; content stays behind the purpose wall' },
    },
    schema: { hide: true },
  };

  /** The signed-in merchant, or a redirect: to sign-in (then back here), or to accept the policies first. */
  async function merchant(req: FastifyRequest, reply: FastifyReply): Promise<UserActor | null> {
    const actor = req.actor;
    if (actor.kind !== 'user' || actor.via !== 'session') {
      await reply.redirect(`/signin?next=${encodeURIComponent(req.url.split('?')[0]!)}`);
      return null;
    }
    if (await acceptanceMissing(ctx.db, actor.userId)) {
      await reply.redirect('/accept');
      return null;
    }
    return actor;
  }
  const query = (req: FastifyRequest) => Query.safeParse(req.query).data ?? {};

  app.get('/console', page, async (req, reply) => reply.redirect(req.actor.kind === 'staff' ? '/staff' : '/console/subjects'));

  app.get('/console/subjects', page, async (req, reply) => {
    const m = await merchant(req, reply);
    if (!m) return reply;
    const data = await loadSubjects(ctx, m.tenantId, query(req).cursor).catch((err: { code?: string }) => {
      if (err.code === 'cursor_invalid') return loadSubjects(ctx, m.tenantId, undefined);
      throw err;
    });
    return send(req, reply, (v) => subjectsPage(v, data));
  });

  // Params are checked here, so a wrong one gets the not-found answer rather than a 400.
  app.get('/console/subjects/:type/:id', { ...page, schema: { hide: true, params: SubjectParams } }, async (req, reply) => {
    const m = await merchant(req, reply);
    if (!m) return reply;
    const { type, id } = req.params;
    if ((type !== 'subscriber' && type !== 'buyer') || !isUuid(id)) return reply.callNotFound();
    const data = await loadSubject(ctx, m.tenantId, type, id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => subjectPage(v, data));
  });

  app.get('/console/consents/:id/proof', { ...page, schema: { hide: true, params: RecordParams } }, async (req, reply) => {
    const m = await merchant(req, reply);
    if (!m) return reply;
    if (!isUuid(req.params.id)) return reply.callNotFound();
    const data = await loadProof(ctx, m.tenantId, req.params.id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => proofPage(v, data, new Date()));
  });

  app.get('/console/disclosures', page, async (req, reply) => {
    const m = await merchant(req, reply);
    if (!m) return reply;
    const q = query(req);
    const data = await loadDisclosures(ctx, m.tenantId, q.cursor).catch((err: { code?: string }) => {
      if (err.code === 'cursor_invalid') return loadDisclosures(ctx, m.tenantId, undefined);
      throw err;
    });
    const prefill = { ...(q.subjectType ? { subjectType: q.subjectType } : {}), ...(q.subjectId && isUuid(q.subjectId) ? { subjectId: q.subjectId } : {}) };
    return send(req, reply, (v) => disclosuresPage(v, data, prefill));
  });

  app.get('/console/processors', page, async (req, reply) => {
    const m = await merchant(req, reply);
    if (!m) return reply;
    const list = await loadProcessors(ctx, m.tenantId);
    return send(req, reply, (v) => processorsPage(v, list));
  });

  // The privacy officer's console; anyone else is shown the staff sign-in.
  app.get('/staff', page, async (req, reply) => {
    const actor = req.actor;
    if (actor.kind !== 'staff' || actor.role !== 'privacy_officer') return send(req, reply, (v) => staffPage(v, { signedIn: false }));
    const processors = await listProcessors(ctx, null);
    const deadJobs = await ctx.jobs.deadLetters(50);
    return send(req, reply, (v) => staffPage(v, { signedIn: true, processors, deadJobs }));
  });
}
