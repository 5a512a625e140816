import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';
import { freeText } from '../../guard/schema.ts';

export const SubscriberParams = z.strictObject({ id: z.uuid() });
export const HeldParams = z.strictObject({ id: z.uuid() });

/** A merchant's note about a Subscriber: free text, so a pasted card is masked, not refused (C02). */
export const NoteCreate = z.strictObject({ text: freeText({ max: 10_000, multiline: true, cards: 'mask' }) });

/** A message a channel's bot received: masked before anything stores or logs it (C02). */
export const InboundMessage = z.strictObject({
  channel: z.enum(['messenger', 'zalo', 'telegram', 'web', 'import', 'api']),
  subscriberId: z.uuid().optional(),
  channelMessageRef: identifier(/^[\x21-\x7e]+$/, { max: 200, digitsExpected: 'channels number their messages with long digit runs (Telegram, Zalo msg ids); it is the channel\'s id, not content' }).optional(),
  text: freeText({ max: 20_000, multiline: true, cards: 'mask' }),
});

const Held = z.object({ heldId: z.uuid(), categories: z.array(z.string()) });

export const NoteOut = z.object({
  id: z.uuid(),
  subscriberId: z.uuid(),
  text: z.string(),
  /** True when a sensitive disclosure is held sealed pending the person's consent (C14). */
  sensitiveHeld: z.boolean(),
  held: Held.nullable(),
  createdAt: z.string(),
});
export type NoteOut = z.infer<typeof NoteOut>;
export const NoteList = z.object({ items: z.array(NoteOut) });

export const MessageOut = z.object({
  id: z.uuid(),
  subscriberId: z.uuid().nullable(),
  channel: z.string(),
  text: z.string(),
  sensitiveHeld: z.boolean(),
  held: Held.nullable(),
  receivedAt: z.string(),
});
export type MessageOut = z.infer<typeof MessageOut>;

export const HeldOut = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  target: z.object({ table: z.string(), id: z.uuid() }),
  categories: z.array(z.string()),
  status: z.enum(['held', 'released', 'restricted', 'objected', 'deleted']),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type HeldOut = z.infer<typeof HeldOut>;
export const HeldList = z.object({ items: z.array(HeldOut) });
export const HeldActionParams = z.strictObject({ id: z.uuid(), action: z.enum(['restrict', 'object']) });
