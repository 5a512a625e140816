import type { RouteModule } from '../../http/routes.ts';
import { auditActor } from '../../auth/actor.ts';
import { CAN } from '../../auth/permissions.ts';
import type { UserActor } from '../../auth/actor.ts';
import { keyringFor } from '../../crypto/envelope.ts';
import { inTenant } from '../../db/scope.ts';
import { bodySubject, pathSubject, rowSubject } from '../../http/declare.ts';
import { HELD_COLUMNS, resolveHeld, type HeldAction, type HoldDeps, type HeldRow } from '../../guard/hold.ts';
import { createNote, receiveMessage } from '../../guard/records.ts';
import { idempotent, sendIdempotent } from '../../http/idempotency.ts';
import type { Sql } from '../../db/index.ts';
import { MESSAGE_SELECT, NOTE_SELECT, presentHeld, presentMessage, presentNote, type MessageRow, type NoteRow } from './presenter.ts';
import { HeldActionParams, HeldList, HeldOut, HeldParams, InboundMessage, MessageOut, NoteCreate, NoteList, NoteOut, SubscriberParams } from './schema.ts';

const writer = (a: unknown): UserActor => a as UserActor;
const reader = writer;
const tags = ['subscribers'];
const heldSubject = rowSubject('the subject of a held value', 'SELECT subject_type, subject_id FROM held_sensitive_data WHERE id = $1');
const ledger = (why: string) => ({ admit: 'ledger' as const, locate: heldSubject, why });

/** Notes, inbound bot messages and the holds of sensitive data they produced (C02, C14). */
export const freeTextRoutes: RouteModule = (app, ctx) => {
  const ring = keyringFor(ctx.config);
  const deps = (tx: Sql, actor: UserActor): HoldDeps => ({ tx, ring, auditKey: ctx.keys.audit, actor: auditActor(actor) });

  app.post('/api/subscribers/:id/notes', {
    config: { feature: 'subscribers.notes', can: CAN.writeSubjects, subject: { admit: 'gate', locate: pathSubject('subscriber') } },
    schema: { params: SubscriberParams, body: NoteCreate, response: { 201: NoteOut }, tags },
  }, async (req, reply) => {
    const actor = writer(req.actor);
    const author = actor.via === 'api_key' ? { type: 'api_key' as const, id: actor.apiKeyId ?? actor.userId } : { type: 'user' as const, id: actor.userId };
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const id = await createNote(deps(tx, actor), actor.tenantId, req.params.id, author, req.body.text);
      const [row] = await tx.query<NoteRow>(`${NOTE_SELECT} WHERE n.id = $1`, [id]);
      return { status: 201, body: await presentNote(tx, ring, row!) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subscribers/:id/notes', {
    config: { feature: 'subscribers.notes', can: CAN.readSubjects, subject: { admit: 'gate', locate: pathSubject('subscriber') } },
    schema: { params: SubscriberParams, response: { 200: NoteList }, tags },
  }, async (req) => {
    const actor = reader(req.actor);
    return inTenant(ctx.db, actor.tenantId, async (tx) => {
      const rows = await tx.query<NoteRow>(`${NOTE_SELECT} WHERE n.subscriber_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 200`, [req.params.id]);
      const items = [];
      for (const r of rows) items.push(await presentNote(tx, ring, r));
      return { items };
    });
  });

  app.post('/api/messages/inbound', {
    config: {
      feature: 'messages.inbound', can: CAN.writeSubjects, categories: ['user.content.message', 'user.name', 'user.contact'],
      subject: { admit: 'gate', locate: bodySubject('subscriber', 'subscriberId'), optional: true },
    },
    schema: { body: InboundMessage, response: { 201: MessageOut }, tags: ['messages'] },
  }, async (req, reply) => {
    const actor = writer(req.actor);
    const r = await idempotent(ctx.db, req, { ring: keyringFor(ctx.config), tenantId: actor.tenantId }, async (tx) => {
      const id = await receiveMessage(deps(tx, actor), actor.tenantId, req.body);
      const [row] = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
      return { status: 201, body: await presentMessage(tx, ring, row!) };
    });
    return sendIdempotent(reply, r);
  });

  app.get('/api/subscribers/:id/held-sensitive', {
    config: { feature: 'sensitive.holds', can: CAN.readSubjects, subject: { admit: 'ledger', locate: pathSubject('subscriber'), why: 'What is held and awaits the person\'s answer: codes and dates, never the value' } },
    schema: { params: SubscriberParams, response: { 200: HeldList }, tags },
  }, async (req) => {
    const actor = reader(req.actor);
    const rows = await inTenant(ctx.db, actor.tenantId, (tx) =>
      tx.query<HeldRow>(`SELECT ${HELD_COLUMNS} FROM held_sensitive_data WHERE subject_type = 'subscriber' AND subject_id = $1 ORDER BY created_at DESC LIMIT 200`, [req.params.id]),
    );
    return { items: rows.map(presentHeld) };
  });

  // The person's answer, passed on by the shop that holds the data (C10: ECOMKEY acts on its instructions).
  // Releasing puts the text to use, so the gate decides; restricting, objecting and deleting are the
  // person's rights and go through whatever they restricted before.
  app.post('/api/held-sensitive/:id/release', {
    config: { feature: 'sensitive.holds', can: CAN.writeSubjects, categories: ['user.content'], subject: { admit: 'gate', locate: heldSubject } },
    schema: { params: HeldParams, response: { 200: HeldOut }, tags },
  }, async (req) => {
    const actor = writer(req.actor);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => resolveHeld(deps(tx, actor), req.params.id, 'release'));
    return presentHeld(row);
  });

  app.post('/api/held-sensitive/:id/:action', {
    config: { feature: 'sensitive.holds', can: CAN.writeSubjects, subject: ledger('The person restricts or objects to what is held') },
    schema: { params: HeldActionParams, response: { 200: HeldOut }, tags },
  }, async (req) => {
    const actor = writer(req.actor);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => resolveHeld(deps(tx, actor), req.params.id, req.params.action as HeldAction));
    return presentHeld(row);
  });

  app.delete('/api/held-sensitive/:id', {
    config: { feature: 'sensitive.holds', can: CAN.writeSubjects, subject: ledger('The person has what is held erased') },
    schema: { params: HeldParams, response: { 200: HeldOut }, tags },
  }, async (req) => {
    const actor = writer(req.actor);
    const row = await inTenant(ctx.db, actor.tenantId, (tx) => resolveHeld(deps(tx, actor), req.params.id, 'delete'));
    return presentHeld(row);
  });
};
