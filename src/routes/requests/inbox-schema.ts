import { z } from 'zod';
import { identifier, taxonomyKey } from '../../guard/schema.ts';
import { DENY_REASONS, EXTENSION_REASONS, RECEIVED_VIA, STATES } from '../../dsr/requests.ts';
import { REQUEST_KINDS } from '../../dsr/deadlines.ts';

export const FILED_KINDS = REQUEST_KINDS.filter((k) => k !== 'disclosure') as Exclude<(typeof REQUEST_KINDS)[number], 'disclosure'>[];
const Kind = z.enum(FILED_KINDS as [string, ...string[]]);
export const EvidenceRef = identifier(/^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,119}$/, { max: 120, digitsExpected: 'ticket and message ids are long numbers' });

export const RequestParams = z.strictObject({ id: z.uuid() });
export const InboxQuery = z.strictObject({ state: z.enum(STATES).optional(), overdue: z.enum(['1', '0']).optional() });

/** A request a merchant (or staff) enters from a call, a letter or an e-mail, with its evidence reference. */
export const InboxCreate = z.strictObject({
  subject: z.strictObject({ type: z.enum(['subscriber', 'buyer']), id: z.uuid() }),
  kind: Kind,
  receivedVia: z.enum(RECEIVED_VIA),
  evidenceRef: EvidenceRef,
  /** The merchant checked who is asking (a call-back, a signed letter); otherwise it waits unverified. */
  identityVerified: z.boolean(),
  purpose: taxonomyKey().optional(),
  gdpr: z.boolean().optional(),
});
export const DenyBody = z.strictObject({ reason: z.enum(DENY_REASONS) });
export const ExtendBody = z.strictObject({ reason: z.enum(EXTENSION_REASONS) });

const Counts = z.object({ table: z.string(), rows: z.number(), categories: z.array(z.string()) });
export const InboxItem = z.object({
  id: z.uuid(), tenantId: z.uuid(), subject: z.object({ type: z.string(), id: z.uuid() }), kind: z.string(), state: z.enum(STATES), receivedVia: z.string(),
  evidenceRef: z.string(), receivedAt: z.string(), confirmedAt: z.string().nullable(), ackDueAt: z.string().nullable(), acknowledgedAt: z.string().nullable(),
  dueAt: z.string().nullable(), dueRule: z.string().nullable(), timeLeftSeconds: z.number().nullable(), overdue: z.boolean(),
  extended: z.boolean(), extensionReason: z.string().nullable(), denyReason: z.string().nullable(), duplicateOf: z.uuid().nullable(), processorInvolved: z.boolean(),
});
export const InboxList = z.object({ items: z.array(InboxItem), counts: z.record(z.string(), z.number()) });
export const RequestDetail = InboxItem.extend({
  events: z.array(z.object({ from: z.string().nullable(), to: z.string(), code: z.string().nullable(), actorType: z.string(), at: z.string() })),
  steps: z.array(z.object({ step: z.string(), state: z.string(), attempts: z.number(), code: z.string().nullable(), result: z.unknown(), updatedAt: z.string().nullable() })),
  processors: z.array(z.object({ processorId: z.uuid(), processorName: z.string(), channel: z.string(), state: z.string(), attempts: z.number(), lastCode: z.string().nullable(), deliveredAt: z.string().nullable(), acknowledgedAt: z.string().nullable() })),
  /** What the data map finds for the subject now: counts per table and category, never a value. */
  found: z.array(Counts),
  citation: z.string().nullable(),
});
export const FiledOut = z.object({ request: InboxItem, duplicateOf: z.uuid().nullable() });
