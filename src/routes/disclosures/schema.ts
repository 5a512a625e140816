import { z } from 'zod';
import { taxonomyKey, cursorParam } from '../../guard/schema.ts';
import { lineText } from '../../accounts/fields.ts';
import { RECIPIENT_KINDS } from '../../disclosures/rules.ts';

export const DisclosureParams = z.strictObject({ id: z.uuid() });

/** Taxonomy keys are checked by the command, so an unknown one gets its own stable code. */
const Key = taxonomyKey();

export const DisclosureCreate = z.strictObject({
  recipientKind: z.enum(RECIPIENT_KINDS),
  /** The processor's id, for `recipientKind: processor` only. */
  recipientId: z.uuid().optional(),
  /** The receiving organisation (authority, court, company); a processor is named by its id. */
  recipientName: lineText(200).optional(),
  /**
   * One of the six bases of C04. Optional here on purpose: a missing basis is refused by the
   * ledger with `disclosure_basis_missing` and audited, an unknown one with `unknown_disclosure_basis`.
   */
  basis: z.union([z.literal(''), taxonomyKey()]).optional(),
  /** What the recipient will do with the data: only `service` is ever allowed; `marketing` is refused by the gate (C28). */
  recipientUse: z.enum(['service', 'marketing']),
  /** For `subject_request`: the recorded request of every subject named (C04). */
  requestId: z.uuid().optional(),
  /** The court order, legal request or case number; required for a court and for law, life and fraud (C27). */
  orderReference: lineText(200).optional(),
  purpose: Key,
  categories: z.array(Key).min(1).max(50),
  subjects: z.array(z.strictObject({ type: Key, id: z.uuid() })).min(1).max(500),
  /** For `subject_permission`: the consent record relied on (checked against the one in force). */
  consentRecordId: z.uuid().optional(),
  /** When the data left, if it was before now. */
  disclosedAt: z.iso.datetime({ offset: true }).optional(),
});
export type DisclosureCreate = z.infer<typeof DisclosureCreate>;

export const DisclosureOut = z.object({
  id: z.uuid(),
  recipient: z.object({ kind: z.string(), id: z.uuid().nullable(), name: z.string() }),
  basis: z.string(),
  orderReference: z.string().nullable(),
  agreementId: z.uuid().nullable(),
  consentRecordId: z.uuid().nullable(),
  purpose: z.string(),
  categories: z.array(z.string()),
  subjects: z.array(z.object({ type: z.string(), id: z.uuid(), evidence: z.string().nullable() })),
  disclosedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.object({ type: z.string(), id: z.string().nullable() }),
});
export type DisclosureOut = z.infer<typeof DisclosureOut>;

export const DisclosureList = z.object({ items: z.array(DisclosureOut), nextCursor: z.string().nullable() });

export const DisclosureListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam().optional(),
  /** Only the disclosures naming this subject (both or neither). */
  subjectType: Key.optional(),
  subjectId: z.uuid().optional(),
});
