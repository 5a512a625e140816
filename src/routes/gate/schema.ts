import { z } from 'zod';

/** Keys stay strings: the gate itself refuses an unknown purpose, category or use with its code. */
export const GateDecideBody = z.strictObject({
  subject: z.strictObject({ type: z.string().max(40), id: z.uuid() }),
  purpose: z.string().trim().min(1).max(100),
  categories: z.array(z.string().trim().min(1).max(100)).max(50),
  use: z.string().trim().min(1).max(40).optional(),
  /** The declared feature asking; defaults to `messaging.broadcast`. */
  feature: z.string().trim().min(1).max(80).optional(),
});

export const GateAllowOut = z.object({
  allow: z.literal(true),
  basis: z.string(),
  evidence: z.string().nullable(),
  clause: z.string(),
  feature: z.string(),
});
