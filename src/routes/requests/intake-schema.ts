import { z } from 'zod';
import { exemptString, freeText, identifier, secretToken, taxonomyKey } from '../../guard/schema.ts';

const lineText = (max: number) => freeText({ max, cards: 'refuse' });
import { FILED_KINDS, InboxItem } from './inbox-schema.ts';

const Kind = z.enum(FILED_KINDS as [string, ...string[]]);
export const TenantParams = z.strictObject({ tenantId: z.uuid() });
export const CodeParams = z.strictObject({ code: identifier(/^[0-9a-f]{24}$/, { max: 24, digitsExpected: 'a random hex code' }) });
export const TokenParams = z.strictObject({ token: secretToken(10, 200) });

/** The unauthenticated form: an address on the shop's list and what is asked; confirmed by an e-mailed link. */
export const FormBody = z.strictObject({ email: z.email().max(320), kind: Kind, lang: z.enum(['vi', 'en']).optional() });
export const FormOut = z.object({ status: z.literal('confirmation_sent') });
export const ConfirmBody = z.strictObject({ token: secretToken(10, 200) });
export const ConfirmOut = z.object({ requestId: z.uuid(), statusCode: z.string().nullable(), state: z.string(), dueAt: z.string().nullable() });

/**
 * A signed-in person's request; a rectification carries the new values (C16): a Customer's
 * profile fields, a Subscriber's name, phone and address, a Buyer's name, phone, e-mail and
 * postal address. A field the person does not have is refused by the route.
 */
export const CenterRequestBody = z.strictObject({
  kind: Kind,
  purpose: taxonomyKey().optional(),
  correction: z.strictObject({
    name: lineText(200).optional(), company: lineText(200).optional(), billingAddress: lineText(500).optional(),
    displayName: lineText(200).optional(), phone: identifier(/^\+?[0-9 ().-]+$/, { min: 3, max: 40 }).optional(), email: z.email().max(320).optional(),
    address: lineText(500).optional(),
  }).optional(),
});
export const CenterRequestList = z.object({ items: z.array(InboxItem) });
export const StatusOut = z.object({ items: z.array(z.object({ kind: z.string(), state: z.string(), receivedAt: z.string(), dueAt: z.string().nullable(), closedAt: z.string().nullable() })) });

export const MetaBody = z.object({ signed_request: exemptString(z.string().min(10).max(4096), 'verified by its HMAC signature, then only the id in it is used, never stored') });
export const MetaOut = z.object({ url: z.string(), confirmation_code: z.string() });
