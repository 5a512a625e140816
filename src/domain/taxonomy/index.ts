/**
 * The taxonomy's lookups: everything that names a purpose, category, subject type or basis
 * goes through these, so an unknown key is refused the same way everywhere (400, stable code).
 */
import { denialError } from '../gate-errors.ts';
import { CATEGORIES, type Category, type CategoryKey } from './categories.ts';
import { DISCLOSURE_BASES, PROCESSING_BASES, type DisclosureBasis, type ProcessingBasis } from './legal-bases.ts';
import { FORBIDDEN_PURPOSES, normalizePurposeText, PURPOSES, USE_KEYS, USES as USE_INFO, type Purpose, type PurposeKey, type UseKey } from './purposes.ts';
import { SUBJECTS, type Subject, type SubjectType } from './subjects.ts';

export * from './categories.ts';
export * from './legal-bases.ts';
export * from './purposes.ts';
export * from './sources.ts';
export * from './subjects.ts';

const CATEGORY_BY_KEY: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.key, c]));
const PURPOSE_BY_KEY: ReadonlyMap<string, Purpose> = new Map(PURPOSES.map((p) => [p.key, p]));
const SUBJECT_BY_KEY: ReadonlyMap<string, Subject> = new Map(SUBJECTS.map((s) => [s.key, s]));
const FORBIDDEN: ReadonlySet<string> = new Set(FORBIDDEN_PURPOSES);
const USE_BY_KEY: ReadonlyMap<string, { description: string; marketing: boolean }> = new Map(USE_KEYS.map((k) => [k, USE_INFO[k]]));
const DISCLOSURE: ReadonlySet<string> = new Set(DISCLOSURE_BASES);
// Only a key-shaped value is echoed back in a problem, never free text that might hold a value.
const keyish = (text: string): Record<string, string> => (/^[a-z0-9_.-]{1,64}$/i.test(text) ? { key: text } : {});
const PROCESSING: ReadonlySet<string> = new Set(PROCESSING_BASES);

/** The category named by `key`, or undefined. */
export const findCategory = (key: string): Category | undefined => CATEGORY_BY_KEY.get(key);
/** The purpose named by `key`, or undefined (a forbidden purpose is undefined too). */
export const findPurpose = (key: string): Purpose | undefined => PURPOSE_BY_KEY.get(key);
export const findSubject = (key: string): Subject | undefined => SUBJECT_BY_KEY.get(key);

export const isCategoryKey = (key: string): key is CategoryKey => CATEGORY_BY_KEY.has(key);
export const isPurposeKey = (key: string): key is PurposeKey => PURPOSE_BY_KEY.has(key);
export const isSubjectType = (key: string): key is SubjectType => SUBJECT_BY_KEY.has(key);
export const isUseKey = (key: string): key is UseKey => USE_BY_KEY.has(key);
/** A use's description and whether it is marketing, or undefined. */
export const findUse = (key: string): { description: string; marketing: boolean } | undefined => USE_BY_KEY.get(key);
export const isDisclosureBasis = (key: string): key is DisclosureBasis => DISCLOSURE.has(key);
export const isProcessingBasis = (key: string): key is ProcessingBasis => PROCESSING.has(key);

/** True when `text` asks for a purpose the policy rules out (sale, third-party marketing). @clause C28 */
export const isForbiddenPurpose = (text: string): boolean => FORBIDDEN.has(text) || FORBIDDEN.has(normalizePurposeText(text));

/**
 * A purpose key from untrusted input. Throws `purpose_forbidden` (403) for a sale or
 * third-party-marketing purpose, `unknown_purpose` (400) for anything else not among the eight.
 * @clause C18 @clause C28
 */
export function parsePurpose(text: string): PurposeKey {
  if (isPurposeKey(text)) return text;
  throw denialError(isForbiddenPurpose(text) ? 'purpose_forbidden' : 'unknown_purpose', keyish(text));
}

/** A category key from untrusted input; throws `unknown_category` (400). */
export function parseCategory(text: string): CategoryKey {
  if (isCategoryKey(text)) return text;
  throw denialError('unknown_category', keyish(text));
}

/** A subject type from untrusted input; throws `unknown_subject_type` (400). */
export function parseSubjectType(text: string): SubjectType {
  if (isSubjectType(text)) return text;
  throw denialError('unknown_subject_type', keyish(text));
}

/** A disclosure basis from untrusted input; throws `unknown_disclosure_basis` (400). @clause C04 */
export function parseDisclosureBasis(text: string): DisclosureBasis {
  if (isDisclosureBasis(text)) return text;
  throw denialError('unknown_disclosure_basis', keyish(text));
}

/** The key and all its ancestors, nearest first: `user.contact.email`, `user.contact`, `user`. */
export function ancestry(key: CategoryKey): CategoryKey[] {
  const out: CategoryKey[] = [];
  for (let c: Category | undefined = CATEGORY_BY_KEY.get(key); c; c = c.parent ? CATEGORY_BY_KEY.get(c.parent) : undefined) out.push(c.key);
  return out;
}

/** The key and all its descendants. */
export const descendants = (key: CategoryKey): CategoryKey[] =>
  CATEGORIES.filter((c) => c.key === key || c.key.startsWith(`${key}.`)).map((c) => c.key);
