import type { RouteModule } from '../../http/routes.ts';
import { queueMessage } from '../../channels/outbound.ts';
import { auditActor, type UserActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { DENY_CODES, denialError, type DenyCode } from '../../domain/gate-errors.ts';
import { AppError, notFound } from '../../errors.ts';
import { pathSubject } from '../../http/declare.ts';
import { ChannelState, KeywordCreate, KeywordList, KeywordOut, KeywordParams, SendBody, SendOut, SubscriberParams } from './schema.ts';
import { BUILT_IN_OPT_WORDS, storedPhrase } from '../../channels/opt-words.ts';
import { badRequest, conflict } from '../../errors.ts';
import { recordAudit } from '../../audit/log.ts';

const tags = ['messaging'];

/** The shop's messages to one Subscriber, through the one send path; and their channel state. */
export const messagingRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);

  app.post('/api/subscribers/:id/messages', {
    config: {
      feature: 'messaging.send', can: CAN.messageSubscribers,
      subject: { admit: 'per_subject', why: 'The send gate asks the gate for this Subscriber with the message\'s own purpose and use (src/channels/outbound.ts)' },
    },
    schema: { params: SubscriberParams, body: SendBody, response: { 202: SendOut }, tags },
  }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const q = await inTenant(ctx.db, actor.tenantId, (tx) => queueMessage(tx, { ring, auditKey: ctx.keys.audit, jobs: ctx.jobs }, { party: 'tenant', audit: auditActor(actor) }, {
      tenantId: actor.tenantId, subscriberId: req.params.id, kind: req.body.kind, text: req.body.text, tag: req.body.tag,
    }));
    if (!q) throw notFound('subscriber');
    if (q.status === 'refused') {
      // The gate's own codes keep their status and title; the send gate's (opted_out, window_closed, …) are 403s.
      const extra = { clause: q.clause, ...(q.id ? { messageId: q.id } : {}) };
      throw (DENY_CODES as readonly string[]).includes(q.code!) ? denialError(q.code as DenyCode, extra) : new AppError(403, q.code!, 'The message may not be sent', extra);
    }
    return reply.code(202).send({ id: q.id, status: 'queued' as const });
  });

  app.get('/api/subscribers/:id/channel', {
    config: { feature: 'channels.subscribers', can: CAN.readSubjects, subject: { admit: 'ledger', locate: pathSubject('subscriber'), why: 'The person\'s own opt-in and opt-outs: shown even while restricted (C11, C34)' } },
    schema: { params: SubscriberParams, response: { 200: ChannelState }, tags },
  }, async (req) => {
    const actor = req.actor as UserActor;
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [s] = await tx.query<{ id: string; channel_account_id: string | null; opt_in_source: string | null; opt_in_at: Date | null }>(
        'SELECT id, channel_account_id, opt_in_source, opt_in_at FROM subscribers WHERE id = $1', [req.params.id]);
      if (!s) throw notFound('subscriber');
      const events = await tx.query<{ id: string; kind: string; signal: string; language: string | null; channel_account_id: string; created_at: Date }>(
        'SELECT id, kind, signal, language, channel_account_id, created_at FROM opt_events WHERE subscriber_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200', [s.id]);
      return {
        subscriberId: s.id, channelAccountId: s.channel_account_id, optInSource: s.opt_in_source, optInAt: s.opt_in_at ? new Date(s.opt_in_at).toISOString() : null,
        state: events[0]?.kind === 'opt_out' ? 'opted_out' as const : 'subscribed' as const,
        history: events.map((e) => ({ id: e.id, kind: e.kind, signal: e.signal, language: e.language, channelAccountId: e.channel_account_id, createdAt: new Date(e.created_at).toISOString() })),
      };
    });
  });
  // The tenant's own stop and start phrases, beside the built-in ones (C11: the list is data).
  const keywords = { noPersonalData: 'A shop\'s stop and start phrases: words, not anyone\'s data', can: CAN.manageChannels } as const;
  type KeywordRow = { id: string; phrase: string; kind: string; language: string };

  app.get('/api/opt-keywords', { config: keywords, schema: { response: { 200: KeywordList }, tags } }, async (req) => {
    const actor = req.actor as UserActor;
    const items = await inTenant(ctx.db, actor.tenantId, (tx) => tx.query<KeywordRow>('SELECT id, phrase, kind, language FROM opt_keywords ORDER BY created_at'));
    return { builtIn: BUILT_IN_OPT_WORDS.map((w) => ({ phrase: w.phrase, kind: w.kind, language: w.language })), items };
  });

  app.post('/api/opt-keywords', { config: keywords, schema: { body: KeywordCreate, response: { 201: KeywordOut }, tags } }, async (req, reply) => {
    const actor = req.actor as UserActor;
    const phrase = storedPhrase(req.body.phrase);
    if (!phrase) throw badRequest('phrase_invalid', 'A phrase is letters, digits and spaces, up to 60 characters');
    const row = await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [r] = await tx.query<KeywordRow>(
        `INSERT INTO opt_keywords (tenant_id, phrase, kind, language) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, phrase) DO NOTHING RETURNING id, phrase, kind, language`,
        [actor.tenantId, phrase, req.body.kind, req.body.language]);
      if (!r) throw conflict('phrase_exists', 'This phrase is already in the list');
      await recordAudit(tx, ctx.keys.audit, { tenantId: actor.tenantId, actor: auditActor(actor), action: 'opt_keyword.added', target: { type: 'opt_keyword', id: r.id }, details: { kind: r.kind, language: r.language } });
      return r;
    });
    return reply.code(201).send(row);
  });

  app.delete('/api/opt-keywords/:id', { config: keywords, schema: { params: KeywordParams, tags } }, async (req, reply) => {
    const actor = req.actor as UserActor;
    await inTenant(ctx.db, actor.tenantId, async (tx) => {
      const [r] = await tx.query<{ id: string }>('DELETE FROM opt_keywords WHERE id = $1 RETURNING id', [req.params.id]);
      if (!r) throw notFound('phrase');
      await recordAudit(tx, ctx.keys.audit, { tenantId: actor.tenantId, actor: auditActor(actor), action: 'opt_keyword.removed', target: { type: 'opt_keyword', id: r.id } });
    });
    return reply.code(204).send();
  });
};
