/**
 * The profile page (C32), rendered on the server from the API's answers, and its forms, which
 * work without JavaScript: edit the profile, create and revoke API keys.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { csrfTokenFor } from '../auth/sessions.ts';
import type { ApiKeyCreated, ApiKeyList } from '../routes/api-keys/schema.ts';
import type { HistoryOut, ProfileOut } from '../routes/me/schema.ts';
import { apiFor, type ApiCaller } from './api-call.ts';
import { fieldRule } from './form-fields.ts';
import { FORM_POST, formBody, formRoutes, formState, IdParams, redirectForRefusal } from './page-forms.ts';
import { NO_FORM_STATE } from './pages/form-parts.tsx';
import { PROFILE_FIELDS, profilePage, type ProfileData } from './pages/profile.tsx';
import type { SendPage } from './console-routes.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { View } from './view.ts';

type Render = Parameters<typeof profilePage>[2];

async function loadProfile(api: ApiCaller, csrf: string): Promise<ProfileData | null> {
  const [profile, history, keys] = await Promise.all([
    api<z.output<typeof ProfileOut>>('GET', '/api/me'), api<z.output<typeof HistoryOut>>('GET', '/api/me/history'), api<z.output<typeof ApiKeyList>>('GET', '/api/api-keys'),
  ]);
  if (!profile.ok || !history.ok || !keys.ok) return null;
  return { profile: profile.body, history: history.body, keys: keys.body, csrf };
}


const profileRule = (f: string) => (PROFILE_FIELDS.includes(f as never) ? fieldRule('ProfilePatchBody', f, { required: f !== 'locale' }) : undefined);
const keyRule = (f: string) => (f === 'name' || f === 'role' ? fieldRule('ApiKeyCreate', f) : undefined);

export function registerProfilePages(app: ZodFastify, ctx: AppContext, send: SendPage, pageConfig: object): void {
  // The session's token, for the forms' hidden field (the API checks it as it checks a script's header).
  const csrfOf = (req: FastifyRequest) => (req.actor.kind === 'user' && req.actor.sessionHash ? csrfTokenFor(ctx.keys.csrf, req.actor.sessionHash) : '');

  async function show(req: FastifyRequest, reply: FastifyReply, opts: Partial<Render> & { status?: number } = {}) {
    const d = await loadProfile(apiFor(app, req), csrfOf(req));
    if (!d) return reply.redirect(`/signin?next=${encodeURIComponent('/profile')}`, 303);
    const flash = (v: View) => opts.flash ?? ((req.query as Record<string, string>).done === 'saved' ? v.t('profile.saved') : null);
    reply.code(opts.status ?? 200);
    return send(req, reply, (v) => profilePage(v, d, { profileForm: opts.profileForm ?? NO_FORM_STATE, keyForm: opts.keyForm ?? NO_FORM_STATE, closeForm: opts.closeForm ?? NO_FORM_STATE, newKey: opts.newKey ?? null, flash: flash(v) }));
  }

  app.get('/profile', pageConfig, async (req, reply) => show(req, reply));

  formRoutes(app, (scope) => {
    scope.post('/profile', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const api = apiFor(app, req);
      const me = await api<z.output<typeof ProfileOut>>('GET', '/api/me');
      if (!me.ok) return redirectForRefusal(reply, me, '/signin', '/profile') ?? reply.redirect('/profile', 303);
      // Only what changed is sent, so the history records real changes only.
      const patch = Object.fromEntries(PROFILE_FIELDS.filter((f) => f in values && values[f]!.trim() !== me.body[f]).map((f) => [f, values[f]]));
      if (Object.keys(patch).length === 0) return reply.redirect('/profile?done=saved', 303);
      const r = await api('PATCH', '/api/me', { body: patch, csrf: values._csrf });
      if (r.ok) return reply.redirect('/profile?done=saved', 303);
      const sent = redirectForRefusal(reply, r, '/signin', '/profile');
      if (sent) return sent;
      return show(req, reply, { status: r.status, profileForm: formState(r.problem, values, profileRule), flash: null });
    });

    scope.post('/profile/keys', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)<z.output<typeof ApiKeyCreated>>('POST', '/api/api-keys', { body: { name: values.name ?? '', role: values.role ?? 'agent' }, csrf: values._csrf });
      if (r.ok) return show(req, reply, { newKey: r.body.key });
      const sent = redirectForRefusal(reply, r, '/signin', '/profile');
      if (sent) return sent;
      return show(req, reply, { status: r.status, keyForm: formState(r.problem, values, keyRule) });
    });

    scope.post('/profile/close', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)('POST', '/api/me/close', { body: { password: values.password ?? '' }, csrf: values._csrf });
      // The session went with the account: the sign-in page says it is done.
      if (r.ok) return reply.redirect('/signin?closed=1', 303);
      const sent = redirectForRefusal(reply, r, '/signin', '/profile');
      if (sent) return sent;
      return show(req, reply, { status: r.status, closeForm: formState(r.problem, {}, () => undefined), flash: null });
    });

    scope.post('/profile/keys/:id/revoke', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)('DELETE', `/api/api-keys/${encodeURIComponent(req.params.id)}`, { csrf: values._csrf });
      if (!r.ok) return redirectForRefusal(reply, r, '/signin', '/profile') ?? reply.redirect('/profile', 303);
      return reply.redirect('/profile', 303);
    });
  });
}
