/**
 * The contact page and the community page, rendered on the server from the API's answers; their
 * forms post without JavaScript and are forwarded to the API (page-forms.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { csrfTokenFor } from '../auth/sessions.ts';
import type { Warning } from '../community/posts.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { ThreadOut } from '../routes/community/schema.ts';
import type { HoursOut, InquiryReceived } from '../routes/inquiries/schema.ts';
import { apiFor } from './api-call.ts';
import type { SendPage } from './console-routes.ts';
import { FORM_POST, formBody, formRoutes, formState, redirectForRefusal } from './page-forms.ts';
import { communityPage } from './pages/community.tsx';
import { contactPage } from './pages/contact.tsx';
import { NO_FORM_STATE, type FormState } from './pages/form-parts.tsx';

const RULES: Record<string, { required: boolean; maxLength: number }> = {
  email: { required: true, maxLength: 254 }, subject: { required: true, maxLength: 200 }, message: { required: true, maxLength: 5000 },
  username: { required: true, maxLength: 40 }, city: { required: true, maxLength: 80 }, body: { required: true, maxLength: 5000 },
};
const rule = (f: string) => RULES[f];

export function registerPublicPages(app: ZodFastify, ctx: AppContext, send: SendPage, pageConfig: object): void {
  const csrfOf = (req: FastifyRequest) => (req.actor.kind === 'user' && req.actor.sessionHash ? csrfTokenFor(ctx.keys.csrf, req.actor.sessionHash) : null);

  async function showContact(req: FastifyRequest, reply: FastifyReply, form: FormState = NO_FORM_STATE, status = 200) {
    const hours = await apiFor(app, req)<z.output<typeof HoursOut>>('GET', '/api/contact-hours');
    if (!hours.ok) throw new Error('contact hours unavailable');
    const sent = (req.query as Record<string, string>).sent;
    reply.code(status);
    return send(req, reply, (v) => contactPage(v, hours.body, form, sent && /^Q-[0-9A-Z]{8}$/.test(sent) ? sent : null));
  }

  async function showCommunity(req: FastifyRequest, reply: FastifyReply, opts: { form?: FormState; warnings?: readonly Warning[]; status?: number } = {}) {
    const posts = await apiFor(app, req)<z.output<typeof ThreadOut>>('GET', '/api/community/posts?thread=feedback');
    if (!posts.ok) throw new Error('posts unavailable');
    reply.code(opts.status ?? 200);
    const posted = (req.query as Record<string, string>).done === 'posted';
    return send(req, reply, (v) => communityPage(v, { posts: posts.body.items, csrf: csrfOf(req), form: opts.form ?? NO_FORM_STATE, warnings: opts.warnings ?? [], posted }));
  }

  app.get('/contact', pageConfig, async (req, reply) => showContact(req, reply));
  app.get('/community', pageConfig, async (req, reply) => showCommunity(req, reply));

  formRoutes(app, (scope) => {
    scope.post('/contact', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const body = { email: values.email ?? '', subject: values.subject ?? '', message: values.message ?? '', lang: values.lang === 'en' ? 'en' : 'vi' };
      const r = await apiFor(app, req)<z.output<typeof InquiryReceived>>('POST', '/api/inquiries', { body });
      if (r.ok) return reply.redirect(`/contact?sent=${r.body.reference}`, 303);
      return showContact(req, reply, formState(r.problem, values, rule), r.status);
    });

    scope.post('/community', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const body = { kind: values.kind ?? '', thread: 'feedback', username: values.username ?? '', city: values.city ?? '', body: values.body ?? '',
        lang: values.lang === 'en' ? 'en' : 'vi', confirmed: values.confirmed === 'true' };
      const r = await apiFor(app, req)('POST', '/api/community/posts', { body, csrf: values._csrf });
      if (r.ok) return reply.redirect('/community?done=posted', 303);
      const sent = redirectForRefusal(reply, r, '/signin', '/community');
      if (sent) return sent;
      const warnings = (r.problem as { warnings?: Warning[] }).warnings ?? [];
      return showCommunity(req, reply, { form: formState(r.problem, values, rule), warnings, status: r.status });
    });
  });
}
