import { z } from 'zod';
import { SUBJECT_SOURCES } from '../../domain/taxonomy/index.ts';
import { cursorParam, freeText, identifier } from '../../guard/schema.ts';

export const SubscriberParams = z.strictObject({ id: z.uuid() });

export const SubscriberOut = z.object({
  id: z.uuid(),
  channel: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.string(),
  legalBasis: z.string(),
  createdAt: z.string(),
});
export type SubscriberOut = z.infer<typeof SubscriberOut>;

export const SubscriberList = z.object({ items: z.array(SubscriberOut), nextCursor: z.string().nullable() });

export const SubscriberListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam().optional(),
});

/** Lawful bases a Customer may record for holding a Subscriber's data (C10: one is required). */
export const LegalBasis = z.enum(['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest']);

export const SubscriberCreate = z.strictObject({
  channel: z.enum(['messenger', 'zalo', 'telegram', 'web', 'import', 'api']),
  externalId: identifier(/^[\x21-\x7e]+$/, { max: 200, digitsExpected: 'platform user ids (Messenger PSIDs, Zalo and Telegram ids) are long digit runs; sealed at rest' }).optional(),
  displayName: freeText({ max: 200, cards: 'refuse' }),
  phone: identifier(/^\+?[0-9 ().-]+$/, { min: 3, max: 40 }).optional(),
  email: z.email().max(320).optional(),
  /** Where the data came from: a key of the source taxonomy (`channel:zalo`, `google_api.contacts`, `import:csv`, …), never free text (C01, C20). */
  source: z.enum(SUBJECT_SOURCES),
  legalBasis: LegalBasis,
});
