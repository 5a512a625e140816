import { z } from 'zod';
import { MESSAGE_TAGS } from '../../channels/send-rules.ts';
import { freeText } from '../../guard/schema.ts';

export const SubscriberParams = z.strictObject({ id: z.uuid() });
export const SendBody = z.strictObject({
  kind: z.enum(['reply', 'marketing']),
  text: freeText({ max: 2000, multiline: true, cards: 'refuse' }),
  tag: z.enum(MESSAGE_TAGS).optional(),
});
export const SendOut = z.object({ id: z.uuid(), status: z.enum(['queued']) });
export const OptEventOut = z.object({ id: z.uuid(), kind: z.string(), signal: z.string(), language: z.string().nullable(), channelAccountId: z.uuid(), createdAt: z.string() });
export const ChannelState = z.object({
  subscriberId: z.uuid(), channelAccountId: z.uuid().nullable(), optInSource: z.string().nullable(), optInAt: z.string().nullable(),
  state: z.enum(['subscribed', 'opted_out']), history: z.array(OptEventOut),
});

export const KeywordCreate = z.strictObject({
  phrase: freeText({ max: 60, cards: 'refuse' }),
  kind: z.enum(['opt_out', 'opt_in']),
  language: z.enum(['vi', 'en']),
});
export const KeywordParams = z.strictObject({ id: z.uuid() });
export const KeywordOut = z.object({ id: z.uuid(), phrase: z.string(), kind: z.string(), language: z.string() });
export const KeywordList = z.object({ builtIn: z.array(KeywordOut.omit({ id: true })), items: z.array(KeywordOut) });
