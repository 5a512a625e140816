import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

const Origin = identifier(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { max: 200, digitsExpected: 'a port number' });
export const SiteCreate = z.strictObject({
  origins: z.array(Origin).min(1).max(10),
  noticeVersion: identifier(/^[A-Za-z0-9._-]{1,40}$/, { max: 40 }).optional(),
  searchParam: identifier(/^[A-Za-z0-9_-]{1,40}$/, { max: 40 }).optional(),
  retentionMonths: z.number().int().min(1).max(60).optional(),
});
export const SiteOut = z.object({ id: z.uuid(), origins: z.array(z.string()), noticeVersion: z.string(), searchParam: z.string().nullable(), retentionMonths: z.number().int() });
export const SiteParams = z.strictObject({ id: z.uuid() });
export const RangeQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(400).optional() });
export const OverviewOut = z.object({
  visitors: z.number(), pageviews: z.number(), events: z.number(),
  topPages: z.array(z.object({ path: z.string(), views: z.number() })),
  consent: z.object({ choices: z.number(), analytics: z.number(), marketing: z.number(), gpc: z.number() }),
});
