import type { RouteModule } from '../../http/routes.ts';
import { auditActor } from '../../auth/actor.ts';
import { canReadSubjects, canWriteSubjects, isUser } from '../../auth/permissions.ts';
import type { UserActor } from '../../auth/actor.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import { HELD_COLUMNS, resolveHeld, type HeldAction, type HoldDeps, type HeldRow } from '../../guard/hold.ts';
import { createNote, receiveMessage } from '../../guard/records.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import type { Sql } from '../../db/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { MESSAGE_SELECT, NOTE_SELECT, presentHeld, presentMessage, presentNote, type MessageRow, type NoteRow } from './presenter.ts';
import { HeldActionParams, HeldList, HeldOut, HeldParams, InboundMessage, MessageOut, NoteCreate, NoteList, NoteOut, SubscriberParams } from './schema.ts';

function writer(actor: Actor): UserActor {
  if (!isUser(actor) || !canWriteSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
  return actor;
}
function reader(actor: Actor): UserActor {
  if (!isUser(actor) || !canReadSubjects(actor)) throw forbidden('tenant_forbidden', 'Not allowed');
  return actor;
}

/** Notes, inbound bot messages and the holds of sensitive data they produced (C02, C14). */
export const freeTextRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  const deps = (tx: Sql, actor: UserActor): HoldDeps => ({ tx, ring, auditKey: ctx.keys.audit, actor: auditActor(actor) });

  app.post('/api/subscribers/:id/notes', { schema: { params: SubscriberParams, body: NoteCreate, response: { 201: NoteOut }, tags: ['subscribers'] } }, async (req, reply) => {
    const actor = writer(req.actor);
    const author = actor.via === 'api_key' ? { type: 'api_key' as const, id: actor.apiKeyId ?? actor.userId } : { type: 'user' as const, id: actor.userId };
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => {
      const id = await createNote(deps(tx, actor), actor.tenantId, req.params.id, author, req.body.text);
      const [row] = await tx.query<NoteRow>(`${NOTE_SELECT} WHERE n.id = $1`, [id]);
      return { status: 201, body: await presentNote(tx, ring, row!) };
    });
    // A held disclosure queued a mail to the person: send it now that it is committed.
    if (r.body.sensitiveHeld) void ctx.mailer.flush();
    return sendIdempotent(reply, r);
  });

  app.get('/api/subscribers/:id/notes', { schema: { params: SubscriberParams, response: { 200: NoteList }, tags: ['subscribers'] } }, async (req) => {
    const actor = reader(req.actor);
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const rows = await tx.query<NoteRow>(`${NOTE_SELECT} WHERE n.subscriber_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 200`, [req.params.id]);
      const items = [];
      for (const r of rows) items.push(await presentNote(tx, ring, r));
      return { items };
    });
  });

  app.post('/api/messages/inbound', { schema: { body: InboundMessage, response: { 201: MessageOut }, tags: ['messages'] } }, async (req, reply) => {
    const actor = writer(req.actor);
    const r = await idempotent(ctx.db, req, { tenantId: actor.tenantId }, async (tx) => {
      const id = await receiveMessage(deps(tx, actor), actor.tenantId, req.body);
      const [row] = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
      return { status: 201, body: await presentMessage(tx, ring, row!) };
    });
    if (r.body.sensitiveHeld) void ctx.mailer.flush();
    return sendIdempotent(reply, r);
  });

  app.get('/api/subscribers/:id/held-sensitive', { schema: { params: SubscriberParams, response: { 200: HeldList }, tags: ['subscribers'] } }, async (req) => {
    const actor = reader(req.actor);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) =>
      tx.query<HeldRow>(`SELECT ${HELD_COLUMNS} FROM held_sensitive_data WHERE subject_type = 'subscriber' AND subject_id = $1 ORDER BY created_at DESC LIMIT 200`, [req.params.id]),
    );
    return { items: rows.map(presentHeld) };
  });

  // The person's answer, passed on by the shop that holds the data (C10: ECOMKEY acts on its instructions).
  app.post('/api/held-sensitive/:id/:action', { schema: { params: HeldActionParams, response: { 200: HeldOut }, tags: ['subscribers'] } }, async (req) => {
    const actor = writer(req.actor);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => resolveHeld(deps(tx, actor), req.params.id, req.params.action as HeldAction));
    return presentHeld(row);
  });

  app.delete('/api/held-sensitive/:id', { schema: { params: HeldParams, response: { 200: HeldOut }, tags: ['subscribers'] } }, async (req) => {
    const actor = writer(req.actor);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => resolveHeld(deps(tx, actor), req.params.id, 'delete'));
    return presentHeld(row);
  });
};
