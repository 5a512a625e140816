import { z } from 'zod';
import { GivenPassword, lineText, Locale, multiLineText } from '../../accounts/fields.ts';

export const ProfileOut = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  company: z.string(),
  billingAddress: z.string(),
  locale: Locale,
  role: z.enum(['owner', 'admin', 'agent']),
  tenantId: z.uuid(),
  tenantName: z.string(),
});
export type ProfileOut = z.infer<typeof ProfileOut>;

/** The fields a user may change (C32); e-mail is not one of them. At least one must be given. */
export const ProfilePatchBody = z
  .strictObject({ name: lineText(200).optional(), company: lineText(200).optional(), billingAddress: multiLineText(500).optional(), locale: Locale.optional() })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Give at least one field to change' });

const Field = z.enum(['name', 'company', 'billingAddress', 'locale']);
export const HistoryOut = z.object({
  items: z.array(
    z.object({
      changedAt: z.string(),
      changedBy: z.string(),
      fields: z.array(z.string()),
      changes: z.array(z.object({ field: Field, from: z.string(), to: z.string() })).nullable(),
    }),
  ),
});

export const CloseBody = z.strictObject({ password: GivenPassword });
export const ClosureOut = z.object({
  closedAt: z.string(), shopsClosed: z.number().int(), contactsErased: z.number().int(),
  retained: z.array(z.object({ table: z.string(), rows: z.number().int(), ground: z.string(), period: z.string(), until: z.string(), clause: z.string().nullable() })),
  erased: z.array(z.object({ table: z.string(), rows: z.number().int(), action: z.string() })),
});
