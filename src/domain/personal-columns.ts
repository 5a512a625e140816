/**
 * Which schema columns look personal by their name, and which of those the registry does not
 * declare. A heuristic on purpose: it errs toward flagging, and a column that looks personal
 * but is not is exempted in the registry with a reason, so the decision is written down.
 * @clause C06 A migration that adds a personal-looking column without a declaration fails a test.
 */
import type { ColumnRef, Registry } from './registry.ts';

// Name tokens that by themselves mark a column as personal.
const PERSONAL_TOKENS = new Set([
  'email', 'mail', 'phone', 'mobile', 'tel', 'telephone', 'fax', 'msisdn',
  'name', 'firstname', 'lastname', 'fullname', 'surname', 'username', 'nickname',
  'address', 'addr', 'street', 'city', 'ward', 'district', 'province', 'zip', 'zipcode', 'postcode', 'postal',
  'ip', 'useragent', 'device', 'cookie', 'fingerprint', 'browser',
  'dob', 'birth', 'birthday', 'birthdate', 'age', 'gender', 'sex',
  'passport', 'cccd', 'cmnd', 'ssn', 'nationalid', 'idcard', 'taxcode',
  'bank', 'iban', 'swift', 'card', 'pan', 'cvv', 'payment', 'salary', 'income',
  'password', 'passcode', 'credential', 'credentials',
  'lat', 'lng', 'lon', 'latitude', 'longitude', 'geo', 'gps', 'location',
  'health', 'medical', 'diagnosis', 'religion', 'ethnic', 'ethnicity', 'race', 'biometric', 'face', 'photo', 'avatar', 'selfie', 'signature',
  'message', 'body', 'note', 'notes', 'comment', 'comments', 'feedback', 'contact',
  'social', 'facebook', 'zalo', 'messenger', 'telegram',
]);

// Token pairs that read as one personal word: national_id, id_card, user_agent, external_id, tax_code.
const PERSONAL_PAIRS = new Set(['national_id', 'id_card', 'user_agent', 'external_id', 'tax_code', 'account_number', 'first_name', 'last_name', 'date_of_birth', 'zip_code']);

// A last token that makes the column metadata about something, not the thing: email_verified_at,
// content_hash, phone_count. A hash of a password is still a credential, hence the exception.
const META_SUFFIXES = new Set(['at', 'hash', 'count', 'version', 'kind', 'type', 'status', 'attempts', 'verified', 'enabled', 'flag', 'len', 'length']);

/** The lower-case tokens of a column name: `customerPhone` and `customer_phone` both give customer, phone. */
export function columnTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** True when a column name suggests it holds personal data. Pure. */
export function looksPersonal(columnName: string): boolean {
  const tokens = columnTokens(columnName);
  if (tokens.length === 0) return false;
  const last = tokens[tokens.length - 1]!;
  const credential = tokens.includes('password') || tokens.includes('passcode');
  if (META_SUFFIXES.has(last) && !credential) return false;
  for (let i = 0; i < tokens.length; i++) {
    if (PERSONAL_TOKENS.has(tokens[i]!)) return true;
    if (i + 1 < tokens.length && PERSONAL_PAIRS.has(`${tokens[i]}_${tokens[i + 1]}`)) return true;
  }
  return false;
}

const refKey = (c: ColumnRef): string => `${c.table}.${c.column}`;

/** Personal-looking columns that are neither declared nor exempted in the registry. */
export function findUndeclared(columns: readonly ColumnRef[], registry: Registry): ColumnRef[] {
  const known = new Set([...registry.personal, ...registry.exempt].map(refKey));
  return columns.filter((c) => looksPersonal(c.column) && !known.has(refKey(c)));
}

/** Declarations (and exemptions) naming a column the schema does not have: a typo or a dropped column. */
export function findStale(columns: readonly ColumnRef[], registry: Registry): ColumnRef[] {
  const present = new Set(columns.map(refKey));
  return [...registry.personal, ...registry.exempt].filter((c) => !present.has(refKey(c)));
}
