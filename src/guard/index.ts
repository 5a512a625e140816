/**
 * The input guard: what happens to free text before it is stored. Pure: it decides, the
 * caller stores. A Luhn-valid card number is refused where no card is expected or masked to
 * its last four digits where free text is expected (chat logs, notes, imports); a disclosure in
 * a sensitive category the subject has not explicitly consented to is reported so the caller
 * can hold it sealed instead of storing it in clear.
 * @clause C02 A card number in any field is refused or masked before storage.
 * @clause C08 The card itself is handled only by the processor.
 * @clause C14 Sensitive disclosures are detected and stored in clear only with explicit consent.
 */
import { detect, findCards, maskCards, type Lang } from '../detector/index.ts';
import type { CategoryKey } from '../domain/taxonomy/index.ts';
import { unprocessable } from '../errors.ts';
import { sensitiveCategoryOf } from './categories.ts';

export { sensitiveCategoryOf } from './categories.ts';

export type GuardMode = 'refuse' | 'mask';
export type SensitiveSpan = { category: CategoryKey; start: number; end: number };
export type GuardOptions = {
  mode: GuardMode;
  /** Categories the subject gave explicit consent for: spans in them are not reported. */
  consentedSensitiveCategories?: Iterable<CategoryKey>;
  /** The field's name, used in the refusal (never its value). */
  field?: string;
  lang?: Lang;
};
export type GuardResult = {
  /** The text to store: card digits masked (mode 'mask'); offsets are unchanged. */
  text: string;
  cards: number;
  /** Sensitive spans without consent, as offsets into `text`. */
  sensitive: SensitiveSpan[];
};

/** The refusal for a card number where none belongs; names the field, never the digits. */
export const cardDataRefused = (fields: readonly string[]) =>
  unprocessable('card_data_refused', 'Payment card numbers are not accepted here; pay through the payment form', { fields });

/** Applies the guard to one free-text value. Throws `card_data_refused` (422) in mode 'refuse'. */
export function guardText(text: string, opts: GuardOptions): GuardResult {
  const cards = findCards(text).length;
  if (cards > 0 && opts.mode === 'refuse') throw cardDataRefused([opts.field ?? 'text']);
  const masked = cards > 0 ? maskCards(text) : text;
  const consented = new Set(opts.consentedSensitiveCategories ?? []);
  const sensitive: SensitiveSpan[] = [];
  for (const s of detect(masked, opts.lang ? { lang: opts.lang } : {})) {
    let category: CategoryKey | null = null;
    if (s.type === 'SENSITIVE') category = sensitiveCategoryOf(masked.slice(s.start, s.end));
    else if (s.type === 'NATIONAL_ID') category = 'user.government_id.national_id';
    if (category && !consented.has(category)) sensitive.push({ category, start: s.start, end: s.end });
  }
  return { text: masked, cards, sensitive };
}

/** The placeholder that stands in the stored text for a held disclosure. */
export const REDACTION = '[…]';

/** `text` with every given span replaced by the redaction placeholder. */
export function redactSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + REDACTION;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** The distinct categories of the spans, in first-seen order. */
export const categoriesOf = (spans: readonly SensitiveSpan[]): CategoryKey[] => [...new Set(spans.map((s) => s.category))];
