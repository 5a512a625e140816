import { z } from 'zod';

export const SubscriberParams = z.strictObject({ id: z.uuid() });

export const SubscriberOut = z.object({
  id: z.uuid(),
  channel: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.string(),
  legalBasis: z.string(),
  createdAt: z.string(),
});
export type SubscriberOut = z.infer<typeof SubscriberOut>;

export const SubscriberList = z.object({ items: z.array(SubscriberOut), nextCursor: z.string().nullable() });

export const SubscriberListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.iso.datetime().optional(),
});
