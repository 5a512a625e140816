import { maskCards } from '../detector/index.ts';

/**
 * The log safety net (C02): handlers never log values, and this masks the digits of any
 * Luhn-valid card number that reaches a log line anyway, in the message or in any field.
 */
const MAX_DEPTH = 6;

// A card has at least 12 digits: most strings are passed over after one cheap count.
function mayHoldCard(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      if (++digits >= 12) return true;
    }
  }
  return false;
}

/** `s` with every card number's digits masked but the last four. */
export const maskLogString = (s: string): string => (mayHoldCard(s) ? maskCards(s) : s);

/** A copy of `value` with card numbers masked in every string it holds; other values are kept. */
export function maskCardsDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskLogString(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskCardsDeep(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskCardsDeep(v, depth + 1);
  return out;
}
