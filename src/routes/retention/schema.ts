import { z } from 'zod';

/** One retention rule with what its purge would delete now: codes, periods, citations and counts, never a value. */
export const PlanLineOut = z.object({
  id: z.string(),
  table: z.string(),
  column: z.string().nullable(),
  keep: z.string(),
  keepText: z.string(),
  from: z.string(),
  why: z.string(),
  citation: z.string(),
  purged: z.boolean(),
  dueNow: z.number().int().nullable(),
  held: z.number().int(),
});
export const RetentionPlanOut = z.object({ rules: z.array(PlanLineOut) });
