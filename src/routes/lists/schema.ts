import { z } from 'zod';
import { freeText } from '../../guard/schema.ts';

export const ListParams = z.strictObject({ id: z.uuid() });
export const ListCreate = z.strictObject({ label: freeText({ max: 120, cards: 'refuse' }), channel: z.enum(['email', 'channel']) });
export const ListOut = z.object({ id: z.uuid(), label: z.string(), channel: z.string(), createdAt: z.string() });
export const MemberAdd = z.strictObject({ subjectType: z.enum(['subscriber', 'buyer', 'customer']), subjectId: z.uuid() });
export const MemberOut = z.object({ listId: z.uuid(), subjectType: z.string(), subjectId: z.uuid(), consentRef: z.string() });
export const BroadcastCreate = z.strictObject({ text: freeText({ max: 2000, multiline: true, cards: 'refuse' }) });
export const BroadcastOut = z.object({ queued: z.number().int(), refused: z.number().int() });
