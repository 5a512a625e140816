import { z } from 'zod';
import { findCards, maskCards } from '../detector/index.ts';

/** The marker a refused card leaves on its zod issue; the problem handler turns it into a 422. */
export const CARD_ISSUE = 'card_data_refused';

const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_NEWLINES = /(?![\n\r])\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** A refinement that refuses a Luhn-valid card number in the value. @clause C02 */
export function rejectCards(value: string, ctx: z.RefinementCtx): void {
  if (findCards(value).length > 0) {
    ctx.addIssue({ code: 'custom', message: 'Payment card numbers are not accepted here', params: { pledge: CARD_ISSUE } });
  }
}

export type FreeTextOptions = {
  max: number;
  min?: number;
  /** Newlines allowed (addresses, notes, messages). */
  multiline?: boolean;
  /**
   * 'refuse' where a card is never expected (names, addresses, reasons): the request fails with
   * card_data_refused. 'mask' where people paste anything (chat logs, notes, imports): the
   * digits are masked to the last four before anything stores or logs them.
   */
  cards: 'refuse' | 'mask';
};

/**
 * A free-text field: trimmed, bounded, no control characters or lone surrogates, and guarded
 * against card numbers (C02, C08). Sensitive disclosures (C14) need the subject's consents and
 * are checked by the command that stores the text, not here.
 */
export function freeText(o: FreeTextOptions) {
  const base = z
    .string()
    .trim()
    .min(o.min ?? 1)
    .max(o.max)
    .refine((v) => !LONE_SURROGATE.test(v), { message: 'Contains an invalid character (unpaired surrogate)' })
    .refine((v) => !(o.multiline ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(v), { message: 'Contains a control character' });
  return o.cards === 'refuse' ? base.superRefine(rejectCards) : base.transform((v) => maskCards(v));
}

/** True when a schema issue is a refused card (read by the problem handler). */
export function isCardIssue(params: unknown): boolean {
  const p = params as { params?: { pledge?: unknown } } | undefined;
  return p?.params?.pledge === CARD_ISSUE;
}
