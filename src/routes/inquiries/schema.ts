import { z } from 'zod';
import { Email } from '../../accounts/fields.ts';
import { freeText, identifier } from '../../guard/schema.ts';

const Lang = z.enum(['vi', 'en']);
const Subject = freeText({ max: 200, cards: 'refuse' });
const Message = freeText({ max: 5000, multiline: true, cards: 'refuse' });

export const InquiryBody = z.strictObject({ email: Email, subject: Subject, message: Message, lang: Lang.default('vi') });

/** What the mail provider posts for one inbound mail. */
export const InboundMailBody = z.object({
  messageId: identifier(/^[\x21-\x7e]+$/, { max: 500, digitsExpected: 'a Message-ID is often a timestamp and counter; it is compared, never shown' }),
  from: freeText({ max: 320, cards: 'refuse' }),
  subject: Subject.or(z.literal('').transform(() => '(no subject)')),
  text: Message,
  lang: Lang.optional(),
});

export const InquiryReceived = z.object({ reference: z.string(), topic: z.enum(['security', 'privacy']), dueAt: z.string() });
export const TopicQuery = z.strictObject({ topic: z.enum(['security', 'privacy']).optional() });
export const InquiryParams = z.strictObject({ id: z.uuid() });
export const AnswerBody = z.strictObject({ answer: freeText({ max: 10_000, multiline: true, cards: 'refuse' }) });

export const InquiryOut = z.object({
  id: z.uuid(), reference: z.string(), topic: z.enum(['security', 'privacy']), via: z.enum(['form', 'mail']), lang: z.enum(['vi', 'en']),
  from: z.string(), subject: z.string(), body: z.string(), receivedAt: z.string(), acknowledgedAt: z.string().nullable(), dueAt: z.string(),
  answeredAt: z.string().nullable(), answer: z.string().nullable(), overdue: z.boolean(),
});
export const InquiryList = z.object({ items: z.array(InquiryOut) });
export const HoursOut = z.object({
  timeZone: z.literal('Asia/Ho_Chi_Minh'), open: z.boolean(), localTime: z.string(), closesAt: z.string().nullable(), opensAt: z.string(),
  week: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
});
