/**
 * Where a personal-data item came from (C01): every declared column names one, or names the
 * column of its own row that records it per row.
 * @clause C01 Every stored personal-data item records its source.
 */
export const SOURCES = [
  'self_provided_form',
  'survey',
  'registration',
  'api',
  'log_data',
  'channel',
  'import',
  'google_api',
  /** Produced by ECOMKEY itself from other data (a mail it composes, a truncated IP). */
  'system',
] as const;

export type SourceKey = (typeof SOURCES)[number];

/**
 * The source of one Subscriber or Buyer: a key of this list, never free text, so what follows
 * from it (Google's Limited Use, C20) is read from data, not guessed from wording. Each names
 * the general source it is a kind of. The database refuses any other value (migration 006).
 * @clause C01 @clause C20
 */
const SUBJECT_SOURCE_DEFS = {
  'channel:messenger': { base: 'channel', description: 'Wrote to the shop on Facebook Messenger' },
  'channel:zalo': { base: 'channel', description: 'Wrote to the shop on Zalo' },
  'channel:telegram': { base: 'channel', description: 'Wrote to the shop on Telegram' },
  'channel:web': { base: 'channel', description: 'Wrote through the chat on the shop\'s website' },
  'form:checkout': { base: 'self_provided_form', description: 'Filled in the shop\'s checkout form' },
  'form:contact': { base: 'self_provided_form', description: 'Filled in a contact or sign-up form of the shop' },
  registration: { base: 'registration', description: 'Registered an account with the shop' },
  survey: { base: 'survey', description: 'Answered a survey of the shop' },
  'import:csv': { base: 'import', description: 'Imported by the shop from a CSV file' },
  'import:xlsx': { base: 'import', description: 'Imported by the shop from a spreadsheet' },
  api: { base: 'api', description: 'Sent by the shop\'s own system through the API' },
  'google_api.contacts': { base: 'google_api', description: 'Read from the shop\'s Google Contacts through Google APIs' },
  'google_api.sheets': { base: 'google_api', description: 'Read from a Google Sheet through Google APIs' },
  'google_api.gmail': { base: 'google_api', description: 'Read from Gmail through Google APIs' },
} as const satisfies Record<string, { base: SourceKey; description: string }>;

export type SubjectSourceKey = keyof typeof SUBJECT_SOURCE_DEFS;
export const SUBJECT_SOURCES = Object.keys(SUBJECT_SOURCE_DEFS) as [SubjectSourceKey, ...SubjectSourceKey[]];

export const isSubjectSourceKey = (key: string): key is SubjectSourceKey => Object.hasOwn(SUBJECT_SOURCE_DEFS, key);

/** The general source a subject's source key is a kind of; undefined for an unknown key. */
export const sourceBase = (key: string): SourceKey | undefined => (isSubjectSourceKey(key) ? SUBJECT_SOURCE_DEFS[key].base : undefined);

/** The gate's source tags for a subject whose row records `key` (C20: `google_api` is Limited Use). */
export const sourceTags = (key: string | null | undefined): SourceKey[] => {
  const base = key ? sourceBase(key) : undefined;
  return base ? [base] : [];
};
