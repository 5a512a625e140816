/**
 * The console's channel pages and their forms: channels (connect, rotate; secrets shown once),
 * a channel's Subscribers and the CSV import, one Subscriber's opt history, tags and fields,
 * their conversation, and the marketing lists with a broadcast form. Pages read in the tenant's
 * transaction; forms post without JavaScript and are forwarded to the JSON API, which decides
 * and audits (page-forms.ts, api-call.ts).
 * @clause C10 @clause C11 @clause C19
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { UserActor } from '../auth/actor.ts';
import { CAN } from '../auth/permissions.ts';
import { csrfTokenFor } from '../auth/sessions.ts';
import { isUuid } from '../db/scope.ts';
import { exemptString } from '../guard/schema.ts';
import { pathSubject, type Locator } from '../http/declare.ts';
import type { ZodFastify } from '../http/routes.ts';
import { apiFor } from './api-call.ts';
import { loadChannels, loadChannelSubscriber, loadChannelSubscribers, loadConversation, loadLists } from './channel-data.ts';
import type { SendPage } from './console-routes.ts';
import { FORM_POST, formBody, formRoutes, formState, IdParams, redirectForRefusal, type FormBody } from './page-forms.ts';
import { attributesRefusedPage, importRefusedPage, channelSubscriberPage, channelSubscribersPage, channelsPage, conversationPage, importProgressPage, listsPage, type ImportProgress, type ImportResult, type MadeSecrets } from './pages/console-channels.tsx';
import { NO_FORM_STATE, type FormState } from './pages/form-parts.tsx';
import type { FormProblem } from './shared/field-errors.ts';

const Params = z.strictObject({ id: exemptString(z.string().max(64), 'matched as a uuid, never stored') });
const Query = z.object({
  cursor: z.string().max(200).optional(), saved: z.string().max(4).optional(), imported: z.string().max(8).optional(),
  queued: z.string().max(8).optional(), refused: z.string().max(8).optional(), added: z.string().max(4).optional(), channel: z.string().max(64).optional(),
});

const merchantOf = (req: FastifyRequest): UserActor => req.actor as UserActor;
const noRule = () => undefined;
// The form's values without its hidden fields and empty optional ones (the API's schemas are strict).
const given = (values: FormBody, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => values[k]).map((k) => [k, values[k]]));
const count = (s: string | undefined) => (s !== undefined && /^\d{1,7}$/.test(s) ? Number(s) : undefined);

// A wrong id in a page's path is no Subscriber (a 404), not a malformed request.
const subscriberPath: Locator = { ...pathSubject('subscriber'), find: (req, tenantId, tx) => (isUuid((req.params as { id?: string }).id ?? '') ? pathSubject('subscriber').find(req, tenantId, tx) : null) };

export function registerChannelPages(app: ZodFastify, ctx: AppContext, send: SendPage): void {
  const signed = { access: 'user' as const, signIn: '/signin' as const, can: CAN.useConsole };
  const csrfOf = (req: FastifyRequest) => (req.actor.kind === 'user' && req.actor.sessionHash ? csrfTokenFor(ctx.keys.csrf, req.actor.sessionHash) : '');
  const query = (req: FastifyRequest) => Query.safeParse(req.query).data ?? {};
  const retryWithout = <T>(load: (cursor: string | undefined) => Promise<T>, cursor: string | undefined) =>
    load(cursor).catch((err: { code?: string }) => (err.code === 'cursor_invalid' ? load(undefined) : Promise.reject(err)));

  // Channels: ids, labels and counts; never a secret except the ones just made, in the answer that made them.
  const showChannels = async (req: FastifyRequest, reply: FastifyReply, extra: { made?: MadeSecrets; form?: FormState; status?: number } = {}) => {
    const channels = await loadChannels(ctx, merchantOf(req).tenantId);
    reply.code(extra.status ?? 200);
    return send(req, reply, (v) => channelsPage(v, { channels, csrf: csrfOf(req), form: extra.form ?? NO_FORM_STATE, ...(extra.made ? { made: extra.made } : {}) }));
  };
  app.get('/console/channels', { config: { ...signed, feature: 'channels.manage' }, schema: { hide: true } }, (req, reply) => showChannels(req, reply));

  const showLists = async (req: FastifyRequest, reply: FastifyReply, form: FormState = NO_FORM_STATE, status = 200) => {
    const q = query(req);
    const lists = await loadLists(ctx, merchantOf(req).tenantId);
    const queued = count(q.queued);
    const refused = count(q.refused);
    reply.code(status);
    return send(req, reply, (v) => listsPage(v, { lists, csrf: csrfOf(req), form, added: q.added === '1', result: queued !== undefined && refused !== undefined ? { queued, refused } : undefined }));
  };
  app.get('/console/channels/lists', { config: { ...signed, noPersonalData: 'The shop\'s lists: labels, kinds and member counts, no member named' }, schema: { hide: true } }, (req, reply) => showLists(req, reply));

  const subsConfig = { ...signed, feature: 'channels.subscribers' as const, subject: { admit: 'many' as const, why: 'A page of one channel\'s Subscribers with their opt state; content stays behind the purpose wall' } };
  const showSubscribers = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
    if (!isUuid(id)) return reply.callNotFound();
    const q = query(req);
    const data = await retryWithout((c) => loadChannelSubscribers(ctx, merchantOf(req).tenantId, id, c), q.cursor);
    if (!data) return reply.callNotFound();
    const imported = count(q.imported);
    const result: ImportResult | undefined = imported !== undefined ? { imported } : undefined;
    return send(req, reply, (v) => channelSubscribersPage(v, { ...data, csrf: csrfOf(req), form: NO_FORM_STATE, ...(result ? { result } : {}) }));
  };
  app.get('/console/channels/:id/subscribers', { config: subsConfig, schema: { hide: true, params: Params } }, (req, reply) => showSubscribers(req, reply, req.params.id));

  app.get('/console/channels/imports/:id', { config: { ...signed, noPersonalData: 'An import\'s state and row counts, read from the API' }, schema: { hide: true, params: Params } }, async (req, reply) => {
    if (!isUuid(req.params.id)) return reply.callNotFound();
    const r = await apiFor(app, req)<ImportProgress>('GET', `/api/subscriber-imports/${req.params.id}`);
    if (!r.ok) return reply.callNotFound();
    const channel = query(req).channel;
    const back = channel && isUuid(channel) ? `/console/channels/${channel}/subscribers` : '/console/channels';
    // While the job runs the page refreshes itself: progress without a script.
    if (r.body.state === 'queued' || r.body.state === 'running') reply.header('refresh', '2');
    return send(req, reply, (v) => importProgressPage(v, r.body, back));
  });

  // One Subscriber's own opt-in and opt-outs are shown whatever they restricted (C11, C34), as the API's channel state is.
  const oneConfig = { ...signed, feature: 'channels.subscribers' as const, subject: { admit: 'ledger' as const, locate: subscriberPath, why: 'The person\'s own opt-in, opt-outs, tags and fields, shown even while restricted (C11, C34)' } };
  const showSubscriber = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
    const data = await loadChannelSubscriber(ctx, merchantOf(req).tenantId, id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => channelSubscriberPage(v, { ...data, csrf: csrfOf(req), form: NO_FORM_STATE, saved: query(req).saved === '1' }));
  };
  app.get('/console/subscribers/:id', { config: oneConfig, schema: { hide: true, params: Params } }, (req, reply) => showSubscriber(req, reply, req.params.id));

  app.get('/console/subscribers/:id/conversation', {
    config: { ...signed, feature: 'console.conversation', subject: { admit: 'many', why: 'Read under the console\'s purpose: the purpose wall hides a restricted Subscriber\'s messages, and the page opens no text of a Subscriber it hides' } },
    schema: { hide: true, params: Params },
  }, async (req, reply) => {
    if (!isUuid(req.params.id)) return reply.callNotFound();
    const data = await loadConversation(ctx, merchantOf(req).tenantId, req.params.id);
    if (!data) return reply.callNotFound();
    return send(req, reply, (v) => conversationPage(v, data));
  });

  formRoutes(app, (scope) => {
    const refusedPage = (reply: FastifyReply, r: { status: number; problem: FormProblem }, back: string) => redirectForRefusal(reply, r, '/signin', back);

    scope.post('/console/channels', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const body = given(values, ['platform', 'platformAccount', 'label', 'accessToken', 'appSecret', 'oaSecretKey', 'appRef']);
      const r = await apiFor(app, req)<MadeSecrets>('POST', '/api/channels', { body, csrf: values._csrf });
      if (r.ok) return showChannels(req, reply, { made: r.body, status: 201 });
      // A secret typed into the form is never sent back to the page.
      const kept = given(values, ['platform', 'platformAccount', 'label', 'appRef']) as FormBody;
      return refusedPage(reply, r, '/console/channels') ?? showChannels(req, reply, { form: formState(r.problem, kept, noRule), status: r.status });
    });

    scope.post('/console/channels/:id/rotate', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)<MadeSecrets>('POST', `/api/channels/${encodeURIComponent(req.params.id)}/rotate`, { body: given(values, ['accessToken', 'appSecret', 'oaSecretKey']), csrf: values._csrf });
      if (r.ok) return showChannels(req, reply, { made: r.body });
      return refusedPage(reply, r, '/console/channels') ?? showChannels(req, reply, { form: formState(r.problem, {}, noRule), status: r.status });
    });

    // The CSV travels to the import API as the file it is (text/csv), with the form's CSRF token.
    scope.post('/console/channels/:id/import', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const id = req.params.id;
      const back = `/console/channels/${encodeURIComponent(id)}/subscribers`;
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8', 'x-csrf-token': values._csrf ?? '' };
      if (req.headers.cookie) headers.cookie = req.headers.cookie;
      const res = await app.inject({ method: 'POST', url: `/api/subscribers/import?legalBasis=${encodeURIComponent(values.legalBasis ?? '')}`, headers, remoteAddress: req.ip, payload: values.csv ?? '' });
      const answer = JSON.parse(res.body || '{}') as { imported?: number; id?: string; code?: string; problems?: ImportResult['problems'] } & FormProblem;
      if (res.statusCode === 201) return reply.redirect(`${back}?imported=${answer.imported ?? 0}`, 303);
      if (res.statusCode === 202) return reply.redirect(`/console/channels/imports/${answer.id}?channel=${encodeURIComponent(id)}`, 303);
      const sent = refusedPage(reply, { status: res.statusCode, problem: answer }, back);
      if (sent) return sent;
      reply.code(res.statusCode);
      return send(req, reply, (v) => importRefusedPage(v, id, values._csrf ?? '', formState(answer, { csv: values.csv ?? '' }, noRule), { problems: answer.problems ?? [] }));
    });

    // Tags and fields as PATCH /api/subscribers/:id/attributes takes them: each value typed by its field's definition.
    scope.post('/console/subscribers/:id/attributes', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const id = req.params.id;
      const api = apiFor(app, req);
      const defs = await api<{ items: { key: string; label: string; type: string }[] }>('GET', '/api/subscriber-fields');
      const fields: Record<string, unknown> = {};
      for (const d of defs.ok ? defs.body.items : []) {
        const raw = values[`f_${d.key}`];
        if (raw === undefined) continue;
        const v = raw.trim();
        fields[d.key] = v === '' ? null : d.type === 'number' ? (Number.isFinite(Number(v)) ? Number(v) : v) : d.type === 'boolean' ? (v === 'true' ? true : v === 'false' ? false : v) : v;
      }
      const tags = (values.tags ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const r = await api('PATCH', `/api/subscribers/${encodeURIComponent(id)}/attributes`, { body: { tags, fields }, csrf: values._csrf });
      if (r.ok) return reply.redirect(`/console/subscribers/${encodeURIComponent(id)}?saved=1`, 303);
      const back = `/console/subscribers/${encodeURIComponent(id)}`;
      const sent = refusedPage(reply, r, back);
      if (sent) return sent;
      if (!isUuid(id) || r.status === 404) return reply.callNotFound();
      reply.code(r.status);
      const defsShown = defs.ok ? defs.body.items : [];
      return send(req, reply, (v) => attributesRefusedPage(v, { id, defs: defsShown, csrf: values._csrf ?? '', form: formState(r.problem, values, noRule) }));
    });

    scope.post('/console/channels/lists', FORM_POST, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)('POST', '/api/lists', { body: { label: values.label ?? '', channel: values.channel ?? '' }, csrf: values._csrf });
      if (r.ok) return reply.redirect('/console/channels/lists', 303);
      return refusedPage(reply, r, '/console/channels/lists') ?? showLists(req, reply, formState(r.problem, values, noRule), r.status);
    });

    scope.post('/console/channels/lists/:id/broadcasts', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)<{ queued: number; refused: number }>('POST', `/api/lists/${encodeURIComponent(req.params.id)}/broadcasts`, { body: { text: values.text ?? '' }, csrf: values._csrf });
      if (r.ok) return reply.redirect(`/console/channels/lists?queued=${r.body.queued}&refused=${r.body.refused}`, 303);
      return refusedPage(reply, r, '/console/channels/lists') ?? showLists(req, reply, formState(r.problem, {}, noRule), r.status);
    });

    scope.post('/console/channels/lists/:id/members', { ...FORM_POST, schema: { params: IdParams } }, async (req, reply) => {
      const values = formBody(req.body);
      const r = await apiFor(app, req)('POST', `/api/lists/${encodeURIComponent(req.params.id)}/members`, { body: { subjectType: 'subscriber', subjectId: values.subjectId ?? '' }, csrf: values._csrf });
      if (r.ok) return reply.redirect('/console/channels/lists?added=1', 303);
      return refusedPage(reply, r, '/console/channels/lists') ?? showLists(req, reply, formState(r.problem, {}, noRule), r.status);
    });
  });
}
