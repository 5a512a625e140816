import { z } from 'zod';

const Key = z.string().trim().min(1).max(100);

export const RestrictionParams = z.strictObject({ id: z.uuid() });

export const RestrictionCreate = z.strictObject({
  kind: z.enum(['restriction', 'objection']),
  /** Absent: every purpose. Checked against the taxonomy (unknown_purpose). */
  purpose: Key.optional(),
  category: Key.optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
});

/** A merchant or staff lifts only on a legal ground, citing it; the subject lifts their own in the privacy center. */
export const RestrictionLift = z.strictObject({
  by: z.enum(['subject', 'legal_ground']),
  reference: z.string().trim().min(1).max(500).optional(),
});

export const RestrictionOut = z.object({
  id: z.uuid(),
  subject: z.object({ type: z.string(), id: z.uuid() }),
  kind: z.enum(['restriction', 'objection']),
  purpose: z.string().nullable(),
  category: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  active: z.boolean(),
  lifted: z.object({ at: z.string(), by: z.enum(['subject', 'legal_ground']), reference: z.string().nullable() }).nullable(),
});
export type RestrictionOut = z.infer<typeof RestrictionOut>;

export const RestrictionList = z.object({ items: z.array(RestrictionOut) });
