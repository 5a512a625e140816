import { z } from 'zod';
import { secretToken } from '../../guard/schema.ts';
import { BirthDate, Email, GivenPassword, lineText, Locale, multiLineText, NewPassword } from '../../accounts/fields.ts';

/** Registration asks exactly these (C17): nothing about payment, and an unknown field is refused. */
export const SignUpBody = z.strictObject({
  name: lineText(200),
  company: lineText(200),
  email: Email,
  billingAddress: multiLineText(500),
  password: NewPassword,
  dateOfBirth: BirthDate,
  locale: Locale.default('vi'),
});

export const SignUpOut = z.object({ status: z.enum(['verification_sent', 'parental_consent_required']) });

/** Tokens are 43 url-safe characters; a wider bound lets a mangled link answer token_invalid rather than a schema error. */
export const VerifyEmailBody = z.strictObject({ token: secretToken(1, 200) });
export const VerifyEmailOut = z.object({ status: z.literal('verified') });

export const ResendVerificationBody = z.strictObject({ email: Email, locale: Locale.optional() });
export const ResendVerificationOut = z.object({ status: z.literal('verification_sent') });

export const SignInBody = z.strictObject({ email: Email, password: GivenPassword });

export const SessionUser = z.object({ id: z.uuid(), email: z.string(), name: z.string(), locale: Locale });
export const SignInOut = z.object({ user: SessionUser, csrfToken: z.string(), acceptanceRequired: z.boolean() });

export const StaffUser = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(['privacy_officer', 'support', 'security']) });
export const StaffSignInOut = z.object({ staff: StaffUser, csrfToken: z.string() });

/** What the web shell asks on load: who am I, and what must I send with writes. */
export const SessionOut = z.object({
  signedIn: z.boolean(),
  realm: z.enum(['customer', 'staff']).optional(),
  via: z.enum(['session', 'api_key']).optional(),
  user: z
    .object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      locale: Locale.optional(),
      role: z.enum(['owner', 'admin', 'agent', 'privacy_officer', 'support', 'security']),
      tenantId: z.uuid().optional(),
    })
    .optional(),
  csrfToken: z.string().optional(),
  acceptanceRequired: z.boolean().optional(),
});
export type SessionOut = z.infer<typeof SessionOut>;
