import { z } from 'zod';

export const DeadJobParams = z.strictObject({ id: z.uuid() });

/** A job that failed every try: its name, how often it ran and the code it failed with; never its data. */
export const DeadJobOut = z.object({
  id: z.uuid(),
  name: z.string(),
  tries: z.number().int(),
  code: z.string(),
  createdAt: z.string(),
  failedAt: z.string(),
});

export const DeadJobList = z.object({ items: z.array(DeadJobOut), waiting: z.number().int() });
export const RetryOut = z.object({ id: z.uuid(), status: z.literal('queued') });
