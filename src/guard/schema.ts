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
  const s = o.cards === 'refuse' ? base.superRefine(rejectCards) : base.transform((v) => maskCards(v));
  STRING_KINDS.add(s, { kind: 'free_text' });
  return s;
}

/** True when a schema issue is a refused card (read by the problem handler). */
export function isCardIssue(params: unknown): boolean {
  const p = params as { params?: { pledge?: unknown } } | undefined;
  return p?.params?.pledge === CARD_ISSUE;
}

/**
 * What kind of string each request field is. Every string of every request schema is one of:
 * free text (`freeText`: cards refused or masked, sensitive text held by the command that stores
 * it), an identifier with a strict pattern (cards refused unless the pattern names why a long
 * digit run is expected), or exempt with a written reason. `test/enforcement/schema-walk`
 * walks every route's schemas and fails on any other string.
 * @clause C02 @clause C14
 */
export type StringKind = { kind: 'free_text' } | { kind: 'identifier'; pattern: string } | { kind: 'exempt'; reason: string };
export const STRING_KINDS = z.registry<StringKind>();
/** Marks `schema` as free text of the guard (for field helpers defined elsewhere that apply `rejectCards`). */
export const asFreeText = <T extends z.ZodType>(schema: T): T => {
  STRING_KINDS.add(schema, { kind: 'free_text' });
  return schema;
};

/** An identifier: matched whole by `pattern`; a card number in it is refused unless `digitsExpected` says why it may look like one. */
export function identifier(pattern: RegExp, o: { max: number; min?: number; digitsExpected?: string }) {
  const base = z.string().trim().min(o.min ?? 1).max(o.max).regex(pattern, 'Not in the expected format');
  const s = o.digitsExpected ? base : base.superRefine(rejectCards);
  STRING_KINDS.add(s, { kind: 'identifier', pattern: pattern.source });
  return s;
}

/** A string the guard does not apply to, with the reason (a password, a token that is only hashed). */
export function exemptString<T extends z.ZodType<string>>(schema: T, reason: string): T {
  STRING_KINDS.add(schema, { kind: 'exempt', reason });
  return schema;
}

/** A taxonomy key as a client typed it: letters, digits, spaces and `_.:-`; the command checks it against the taxonomy. */
export const taxonomyKey = (max = 100) => identifier(/^[\p{L}\p{N} _.:-]+$/u, { max });

/** An opaque page cursor (base64url), decoded and checked by the keyset codec. */
export const cursorParam = () => identifier(/^[A-Za-z0-9_-]+$/, { max: 200, digitsExpected: 'base64url may hold long digit runs; the cursor is decoded, never stored' });

/** A secret the server only hashes: never stored, logged or echoed. */
export const secretToken = (min: number, max: number) => exemptString(z.string().min(min).max(max), 'a secret that is only hashed, never stored or logged');

// Zod's own strict formats are identifiers: they cannot hold free text.
const FORMATS: ReadonlySet<string> = new Set(['uuid', 'guid', 'email', 'datetime', 'date', 'time', 'ipv4', 'ipv6', 'url', 'base64url']);

/** The string fields of `schema` (with their paths) that are neither free text, identifiers nor exempt. */
export function unguardedStrings(schema: z.ZodType | undefined, path = '$'): string[] {
  if (!schema) return [];
  if (STRING_KINDS.get(schema)) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (s: unknown, p: string) => unguardedStrings(s as z.ZodType, p);
  switch (def.type) {
    case 'string':
      return def.format && FORMATS.has(def.format as string) ? [] : [path];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => walk(v, `${path}.${k}`));
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'union':
      return (def.options as unknown[]).flatMap((o, i) => walk(o, `${path}|${i}`));
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      return walk(def.innerType, path);
    case 'pipe': {
      // A string checked into a strict format (trim, then e-mail) is that format.
      const out = def.out as z.ZodType;
      const outDef = (out as unknown as { _zod: { def: { type: string; format?: string } } })._zod.def;
      if (STRING_KINDS.get(out) || (outDef.type === 'string' && outDef.format && FORMATS.has(outDef.format))) return [];
      return walk(def.in, path);
    }
    case 'lazy':
      return [];
    default:
      return [];
  }
}
