import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';
import { DIMENSIONS } from '../../analytics/daily.ts';
import { PRESETS } from '../../analytics/ranges.ts';

const Origin = identifier(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { max: 200, digitsExpected: 'a port number' });
export const SiteCreate = z.strictObject({
  origins: z.array(Origin).min(1).max(10),
  noticeVersion: identifier(/^[A-Za-z0-9._-]{1,40}$/, { max: 40 }).optional(),
  searchParam: identifier(/^[A-Za-z0-9_-]{1,40}$/, { max: 40 }).optional(),
  retentionMonths: z.number().int().min(1).max(60).optional(),
});
export const SiteOut = z.object({ id: z.uuid(), origins: z.array(z.string()), noticeVersion: z.string(), searchParam: z.string().nullable(), retentionMonths: z.number().int() });
export const SiteParams = z.strictObject({ id: z.uuid() });
const Day = identifier(/^\d{4}-\d{2}-\d{2}$/, { max: 10, digitsExpected: 'a date' });
const RangeFields = {
  range: z.enum(PRESETS).optional(), from: Day.optional(), to: Day.optional(),
  /** The first form of the API: the last N days, today included. */
  days: z.coerce.number().int().min(1).max(400).optional(),
};
export const RangeQuery = z.strictObject(RangeFields);
export const BreakdownParams = z.strictObject({ id: z.uuid(), dim: z.enum(DIMENSIONS) });
export const BreakdownQuery = z.strictObject({ ...RangeFields, format: z.enum(['json', 'csv']).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

const Span = z.object({ from: z.string(), to: z.string() });
const Totals = z.object({ visitors: z.number(), visits: z.number(), pageviews: z.number(), events: z.number(), bounces: z.number(), bounceRate: z.number().nullable(), avgDurationMs: z.number().nullable() });
const Consent = z.object({ choices: z.number(), analytics: z.number(), marketing: z.number(), gpc: z.number() });
export const BreakdownRowOut = z.object({ value: z.string(), visitors: z.number(), visits: z.number(), pageviews: z.number(), events: z.number(), bounces: z.number() });
export const OverviewOut = z.object({
  visitors: z.number(), pageviews: z.number(), events: z.number(),
  topPages: z.array(z.object({ path: z.string(), views: z.number() })),
  consent: Consent,
  range: Span.extend({ preset: z.enum(PRESETS), days: z.number(), previous: Span }),
  totals: Totals, previous: Totals.extend({ consent: Consent }),
  daily: z.array(z.object({ day: z.string(), visitors: z.number(), visits: z.number(), pageviews: z.number() })),
  breakdowns: z.record(z.enum(DIMENSIONS), z.array(BreakdownRowOut)),
});
export const BreakdownOut = z.object({ dimension: z.enum(DIMENSIONS), range: Span, rows: z.array(BreakdownRowOut) });
