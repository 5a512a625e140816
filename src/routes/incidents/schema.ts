import { z } from 'zod';
import { freeText, identifier } from '../../guard/schema.ts';
import { Instant } from '../../accounts/fields.ts';

const Text = (max: number) => freeText({ max, multiline: true, cards: 'refuse' });
const Key = identifier(/^[a-z][a-z0-9_.]{0,79}$/, { max: 80 });

export const IncidentParams = z.strictObject({ id: z.uuid() });

export const RecordIncidentBody = z.strictObject({
  // Required: the 72-hour clock runs from it.
  detectedAt: Instant,
  summary: Text(2000),
  measures: Text(2000),
  consequences: Text(2000),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  categories: z.array(Key).min(1).max(40),
  subjectTypes: z.array(z.enum(['customer', 'subscriber', 'buyer', 'visitor', 'staff'])).min(1),
  approxSubjects: z.number().int().min(0).max(1_000_000_000),
  affectedTenantIds: z.array(z.uuid()).max(10_000),
});

export const AuthorityReportBody = z.strictObject({
  reportedAt: Instant,
  reference: identifier(/^[\x21-\x7e ]+$/, { max: 120, digitsExpected: 'an authority\'s case number' }),
});

const Notice = z.object({ tenantId: z.uuid(), dueAt: z.string(), queuedAt: z.string().nullable(), mails: z.number().int(), sent: z.number().int(), state: z.enum(['due', 'queued', 'sent']) });
export const IncidentOut = z.object({
  id: z.uuid(),
  detectedAt: z.string(),
  severity: z.string(),
  categories: z.array(z.string()),
  authority: z.object({ dueAt: z.string(), reportedAt: z.string().nullable(), reference: z.string().nullable(), hoursLeft: z.number(), overdue: z.boolean() }),
  notices: z.array(Notice),
});
export const IncidentList = z.object({ items: z.array(IncidentOut) });
export const NotifyOut = z.object({ mails: z.number().int() });
export const ReportOut = z.object({
  incidentId: z.uuid(), dueAt: z.string(),
  fields: z.array(z.object({ key: z.string(), vi: z.string(), en: z.string(), value: z.string() })),
});
export const AffectedOut = z.object({
  incidentId: z.uuid(),
  tables: z.array(z.object({ table: z.string(), columns: z.array(z.string()), subjectTypes: z.array(z.string()), rows: z.number().int() })),
});
