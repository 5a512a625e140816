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

/** Special category of a SENSITIVE span (Decree 13/2023 Art. 2(4), GDPR Art. 9). */
export type SensitiveCategory = 'health' | 'religion' | 'politics' | 'ethnicity' | 'orientation' | 'criminal' | 'union' | 'biometric';

/** A detected entity; offsets are JavaScript string indices into the original text. */
export type Span = { type: PiiType; start: number; end: number; score: number; category?: SensitiveCategory };

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
