import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

/** A queue job's uuid, or `mail-<n>` for a mail that failed every try (src/mail/outbox.ts). */
export const DeadJobParams = z.strictObject({
  id: z.union([z.uuid(), identifier(/^mail-[1-9]\d{0,17}$/, { max: 23, digitsExpected: 'an outbox row number' })]),
});

/** A job that failed every try: its name, how often it ran and the code it failed with; never its data. */
export const DeadJobOut = z.object({
  id: z.string(),
  name: z.string(),
  tries: z.number().int(),
  code: z.string(),
  createdAt: z.string(),
  failedAt: z.string(),
});

export const DeadJobList = z.object({ items: z.array(DeadJobOut), waiting: z.number().int() });
export const RetryOut = z.object({ id: z.string(), status: z.literal('queued') });
