/** The kinds of personal data the detector reports. */
export type PiiType =
  | 'EMAIL'
  | 'PHONE'
  | 'CARD'
  | 'NATIONAL_ID'
  | 'IP_ADDRESS'
  | 'PERSON'
  | 'ADDRESS'
  | 'DATE_OF_BIRTH'
  | 'BANK_ACCOUNT'
  | 'SENSITIVE';

/** A detected entity; offsets are JavaScript string indices into the original text. */
export type Span = { type: PiiType; start: number; end: number; score: number };

export type Lang = 'vi' | 'en';

export const PII_TYPES: readonly PiiType[] = [
  'EMAIL',
  'PHONE',
  'CARD',
  'NATIONAL_ID',
  'IP_ADDRESS',
  'PERSON',
  'ADDRESS',
  'DATE_OF_BIRTH',
  'BANK_ACCOUNT',
  'SENSITIVE',
];
