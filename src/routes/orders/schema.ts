import { z } from 'zod';
import { cursorParam, freeText, identifier } from '../../guard/schema.ts';

export const OrderParams = z.strictObject({ id: z.uuid() });

const Item = z.strictObject({
  sku: identifier(/^[A-Za-z0-9_.:#/-]+$/, { max: 64, digitsExpected: 'product codes are often digit runs; a product\'s, not a person\'s' }).optional(),
  name: freeText({ max: 200, cards: 'refuse' }),
  quantity: z.number().int().min(1).max(100_000),
  /** In the currency's minor unit (đồng have none: 150000 is 150.000 ₫). */
  unitPrice: z.number().int().min(0).max(1_000_000_000_000),
});

export const OrderCreate = z.strictObject({
  reference: identifier(/^[A-Za-z0-9_.:#/-]+$/, { max: 64, digitsExpected: 'order numbers are digit runs; the shop\'s, not a person\'s' }).optional(),
  currency: z.enum(['VND', 'USD']).default('VND'),
  items: z.array(Item).min(1).max(200),
  /** The Buyer: matched by e-mail, then phone, among the shop's Buyers, else created. Their data serves this order (C19). */
  buyer: z.strictObject({
    name: freeText({ max: 200, cards: 'refuse' }),
    email: z.email().max(320).optional(),
    phone: identifier(/^\+?[0-9 ().-]+$/, { min: 3, max: 40 }).optional(),
    address: freeText({ max: 500, multiline: true, cards: 'refuse' }).optional(),
  }),
  deliveryAddress: freeText({ max: 500, multiline: true, cards: 'refuse' }).optional(),
  /** Where the order came from: the shop's system through the API, or its checkout form. */
  source: z.enum(['api', 'form:checkout']).default('api'),
});

export const OrderOut = z.object({
  id: z.uuid(),
  buyerId: z.uuid(),
  reference: z.string().nullable(),
  currency: z.string(),
  items: z.array(z.object({ sku: z.string().optional(), name: z.string(), quantity: z.number().int(), unitPrice: z.number().int() })),
  total: z.number().int(),
  deliveryAddress: z.string().nullable(),
  createdAt: z.string(),
});
export type OrderOut = z.infer<typeof OrderOut>;
export const OrderCreated = OrderOut.extend({ buyerMatched: z.boolean() });
export const OrderList = z.object({ items: z.array(OrderOut), nextCursor: z.string().nullable() });
export const OrderListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: cursorParam().optional() });
