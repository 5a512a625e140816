import { z } from 'zod';
import { freeText, identifier, taxonomyKey } from '../../guard/schema.ts';
import { CONSENT_METHODS } from '../../consents/types.ts';

/**
 * Purpose and category keys are plain strings here on purpose: the taxonomy refuses an unknown
 * one with its own code (`unknown_purpose`, `purpose_forbidden`, `unknown_category`), not a
 * generic validation error.
 */
const Key = taxonomyKey();

export const SubjectParams = z.strictObject({ type: taxonomyKey(40), id: z.uuid() });
export const RecordParams = z.strictObject({ recordId: z.uuid() });

export const ConsentCreate = z.strictObject({
  purpose: Key,
  /** Required and explicit: there is no pre-ticked default, and silence is not consent. */
  given: z.boolean(),
  noticeId: z.uuid().optional(),
  method: z.enum(CONSENT_METHODS),
  evidence: freeText({ max: 2000, cards: 'refuse' }).optional(),
  marketing: z.boolean().optional(),
  disclosure: z.boolean().optional(),
  category: Key.optional(),
});

export const ConsentWithdraw = z.strictObject({
  purpose: Key,
  method: z.enum(CONSENT_METHODS),
  evidence: freeText({ max: 2000, cards: 'refuse' }).optional(),
});

export const NoticeRef = z.object({ id: z.uuid(), slug: z.string(), version: z.number().int(), lang: z.string(), contentHash: z.string() });

export const ConsentOut = z.object({
  id: z.uuid(),
  subject: z.object({ type: z.string(), id: z.uuid() }),
  purpose: z.string(),
  given: z.boolean(),
  marketing: z.boolean(),
  disclosure: z.boolean(),
  category: z.string().nullable(),
  method: z.string(),
  evidence: z.string().nullable(),
  notice: NoticeRef.nullable(),
  recordedAt: z.string(),
  recordedBy: z.object({ type: z.string(), id: z.string().nullable() }),
});
export type ConsentOut = z.infer<typeof ConsentOut>;

export const ConsentsOut = z.object({ current: z.array(ConsentOut), history: z.array(ConsentOut) });

export const NoticeOut = z.object({
  id: z.uuid(),
  owner: z.enum(['tenant', 'platform']),
  slug: z.string(),
  version: z.number().int(),
  lang: z.string(),
  purposes: z.array(z.string()),
  marketing: z.boolean(),
  disclosure: z.boolean(),
  category: z.string().nullable(),
  wording: z.string(),
  contentHash: z.string(),
  createdAt: z.string(),
});
export type NoticeOut = z.infer<typeof NoticeOut>;

export const ProofOut = z.object({ record: ConsentOut, notice: NoticeOut.nullable(), intact: z.boolean() });

export const NoticeCreate = z.strictObject({
  slug: identifier(/^[a-z0-9][a-z0-9_-]{0,63}$/, { max: 64 }),
  lang: z.enum(['vi', 'en']),
  wording: freeText({ max: 20000, multiline: true, cards: 'refuse' }),
  purposes: z.array(Key).min(1).max(8),
  marketing: z.boolean().optional(),
  disclosure: z.boolean().optional(),
  category: Key.optional(),
});
export const NoticeList = z.object({ items: z.array(NoticeOut) });
