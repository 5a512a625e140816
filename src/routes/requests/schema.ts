import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

export const REQUEST_KINDS = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal', 'disclosure'] as const;
export const RECEIVED_VIA = ['privacy_center', 'bot', 'email', 'phone', 'letter', 'in_person', 'api'] as const;

/** A request a subject made, as the merchant received it: its kind, how, and the merchant's reference (never its wording). */
export const RequestCreate = z.strictObject({
  kind: z.enum(REQUEST_KINDS),
  receivedVia: z.enum(RECEIVED_VIA),
  evidenceRef: identifier(/^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,119}$/, { max: 120, digitsExpected: 'ticket and message ids are long numbers' }),
});

export const RequestOut = z.object({
  id: z.uuid(),
  subject: z.object({ type: z.string(), id: z.uuid() }),
  kind: z.enum(REQUEST_KINDS),
  receivedVia: z.enum(RECEIVED_VIA),
  evidenceRef: z.string(),
  receivedAt: z.string(),
});
export const RequestList = z.object({ items: z.array(RequestOut) });
