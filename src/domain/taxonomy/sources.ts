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
