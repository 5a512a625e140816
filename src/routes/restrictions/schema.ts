import { z } from 'zod';
import { LIFT_GROUND_KEYS, type LiftGround } from '../../domain/taxonomy/index.ts';
import { freeText, taxonomyKey } from '../../guard/schema.ts';

const Key = taxonomyKey();

export const RestrictionParams = z.strictObject({ id: z.uuid() });

export const RestrictionCreate = z.strictObject({
  kind: z.enum(['restriction', 'objection']),
  /** Absent: every purpose. Checked against the taxonomy (unknown_purpose). */
  purpose: Key.optional(),
  category: Key.optional(),
  reason: freeText({ max: 2000, cards: 'refuse' }).optional(),
});

/** Staff lift only on a legal ground of the taxonomy, citing its instrument; the subject lifts their own in the privacy center. */
export const RestrictionLift = z.strictObject({
  ground: z.enum(LIFT_GROUND_KEYS as [LiftGround, ...LiftGround[]]),
  reference: freeText({ max: 500, cards: 'refuse' }),
});

export const StaffRestrictionParams = z.strictObject({ tenantId: z.uuid(), id: z.uuid() });

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
