import { z } from 'zod';
import { taxonomyKey } from '../../guard/schema.ts';

/** Keys stay strings: the gate itself refuses an unknown purpose, category or use with its code. */
export const GateDecideBody = z.strictObject({
  subject: z.strictObject({ type: taxonomyKey(40), id: z.uuid() }),
  purpose: taxonomyKey(),
  categories: z.array(taxonomyKey()).max(50),
  use: taxonomyKey(40).optional(),
  /** The declared feature asking; defaults to `messaging.broadcast`. */
  feature: taxonomyKey(80).optional(),
});

export const GateAllowOut = z.object({
  allow: z.literal(true),
  basis: z.string(),
  evidence: z.string().nullable(),
  clause: z.string(),
  feature: z.string(),
});
