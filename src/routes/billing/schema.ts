import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';
import { freeText } from '../../guard/schema.ts';

const Brand = z.enum(['visa', 'mastercard', 'amex', 'napas', 'jcb', 'unionpay', 'discover', 'diners', 'maestro', 'mir', 'rupay']);

/**
 * The paid plan (C08): the contact fields it needs beyond registration (phone, physical
 * address) and what the processor returned to the browser: its token, last four and brand.
 * No field takes a card number, and one anywhere in the body is refused (C02).
 */
export const UpgradeBody = z.strictObject({
  plan: z.literal('paid'),
  phone: identifier(/^\+?[0-9 ().-]+$/, { min: 6, max: 25 }),
  physicalAddress: freeText({ max: 500, multiline: true, cards: 'refuse' }),
  /** Overrides of the billing contact; default to the signed-in user's registration data. */
  contactName: freeText({ max: 200, cards: 'refuse' }).optional(),
  company: freeText({ max: 200, cards: 'refuse' }).optional(),
  paymentToken: identifier(/^tok_[A-Za-z0-9_]{8,120}$/, { max: 124, digitsExpected: 'a processor token (tok_…): the card stays with the processor' }),
  last4: identifier(/^\d{4}$/, { max: 4 }),
  brand: Brand,
});
export type UpgradeBody = z.infer<typeof UpgradeBody>;

export const BillingOut = z.object({
  plan: z.enum(['free', 'paid']),
  contact: z
    .object({ name: z.string(), email: z.string(), company: z.string(), phone: z.string(), physicalAddress: z.string() })
    .nullable(),
  paymentMethod: z.object({ brand: Brand, last4: z.string(), processor: z.string(), createdAt: z.string() }).nullable(),
});
export type BillingOut = z.infer<typeof BillingOut>;
