import { z } from 'zod';
import { freeText, taxonomyKey, secretToken } from '../../guard/schema.ts';
import { ConsentOut, NoticeOut } from '../consents/schema.ts';
import { RestrictionOut } from '../restrictions/schema.ts';

const Key = taxonomyKey();

export const TenantParams = z.strictObject({ tenantId: z.uuid() });
export const RestrictionIdParams = z.strictObject({ id: z.uuid() });

export const SignInBody = z.strictObject({ email: z.email().max(320), lang: z.enum(['vi', 'en']).optional() });
export const SignInOut = z.object({ status: z.literal('link_sent') });
export const SessionBody = z.strictObject({ token: secretToken(10, 200) });

export const ShopOut = z.object({ tenantId: z.uuid(), name: z.string() });

export const MeOut = z.object({
  signedIn: z.boolean(),
  as: z.enum(['subject', 'customer']).optional(),
  subjectType: z.string().optional(),
  tenantId: z.uuid().optional(),
  shop: z.string().optional(),
  csrfToken: z.string().optional(),
});

export const CenterConsents = z.object({
  current: z.array(ConsentOut),
  history: z.array(ConsentOut),
  /** The notices one may consent to now, and every notice a past record was given to. */
  notices: z.array(NoticeOut),
  restrictions: z.array(RestrictionOut),
});

/** `given` is required: the page's checkbox is never pre-ticked, and nothing is sent until the person acts. */
export const CenterConsentBody = z.strictObject({ purpose: Key, given: z.boolean(), noticeId: z.uuid().optional() });

export const CenterRestrictionBody = z.strictObject({
  kind: z.enum(['restriction', 'objection']),
  purpose: Key.optional(),
  category: Key.optional(),
  reason: freeText({ max: 2000, cards: 'refuse' }).optional(),
});
