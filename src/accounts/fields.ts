import { z } from 'zod';
import { vietnamToday } from '../domain/age.ts';
import { asFreeText, exemptString, rejectCards } from '../guard/schema.ts';

/**
 * Field schemas for account data. Text is refused, not silently altered, when it holds
 * control characters (PostgreSQL cannot store NUL; a tab or newline in a name is a paste
 * accident) or lone UTF-16 surrogates (they would reach the database as U+FFFD).
 */
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL_EXCEPT_NEWLINES = /(?![\n\r])\p{Cc}/u;

const clean = (s: z.ZodString, pattern: RegExp) =>
  s
    .refine((v) => !LONE_SURROGATE.test(v), { message: 'Contains an invalid character (unpaired surrogate)' })
    .refine((v) => !pattern.test(v), { message: 'Contains a control character' });

/** A one-line text: trimmed, 1..max characters; a card number in it is refused (C02). */
export const lineText = (max: number) => asFreeText(clean(z.string().trim().min(1).max(max), CONTROL).superRefine(rejectCards));

/** A multi-line text (an address): newlines allowed, other control characters not; no card numbers (C02). */
export const multiLineText = (max: number) =>
  asFreeText(clean(z.string().trim().min(1).max(max), CONTROL_EXCEPT_NEWLINES).superRefine(rejectCards));

/** E-mail addresses are compared case-insensitively, so they are stored lower-cased. */
export const Email = z.string().trim().max(254).pipe(z.email()).transform((v) => v.toLowerCase());

/** Long enough to resist guessing; bounded so a huge body cannot make scrypt work for nothing. */
export const NewPassword = exemptString(clean(z.string().min(10).max(200), CONTROL), 'a password: hashed with scrypt, never stored or logged');
/** At sign-in any stored password may be tried; only the bound is checked. */
export const GivenPassword = exemptString(z.string().min(1).max(200), 'a password: compared with its hash, never stored or logged');

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A real calendar date 'YYYY-MM-DD' between 1900-01-01 and today (a birth date). */
export const BirthDate = z.iso
  .date()
  .refine((v) => v >= '1900-01-01', { message: 'Too far in the past' })
  .refine((v) => v <= vietnamToday(new Date()), { message: 'In the future' });
