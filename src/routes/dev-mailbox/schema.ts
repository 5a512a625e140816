import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

export const MailboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only mail to this address (case-insensitive), so a test or a developer finds theirs among many. */
  to: identifier(/^[^\s@]+@[^\s@]+$/, { max: 254 }).optional(),
});

export const MailboxOut = z.object({
  items: z.array(z.object({ id: z.number().int(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() })),
});
