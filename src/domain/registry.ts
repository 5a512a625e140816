/**
 * The one schema registry: every table column that holds personal data, with its categories,
 * whose data it is and where it came from. Access, export, erasure and the records of
 * processing read this list; a test fails when a migration adds a personal-looking column
 * that is neither declared here nor exempted with a reason.
 * @clause C06 Each feature and each personal column is declared.
 * @clause C07 Data is stored by category; `encrypted` marks what is sealed at rest.
 * @clause C01 Every declared column names its source.
 */
import type { CategoryKey, SourceKey, SubjectType } from './taxonomy/index.ts';

export type ColumnRef = { readonly table: string; readonly column: string };

export type PersonalColumn = ColumnRef & {
  readonly categories: readonly CategoryKey[];
  readonly subjects: readonly SubjectType[];
  /** A fixed source, or the column of the same row that records each row's source. */
  readonly source: SourceKey | { readonly column: string };
  /** Held as ciphertext at rest. */
  readonly encrypted: boolean;
};

export type ExemptColumn = ColumnRef & { readonly reason: string };

type Opts = { source: PersonalColumn['source']; encrypted?: boolean };
const one = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

const col = (table: string, column: string, categories: CategoryKey | readonly CategoryKey[], subjects: SubjectType | readonly SubjectType[], o: Opts): PersonalColumn =>
  Object.freeze({ table, column, categories: one(categories), subjects: one(subjects), source: o.source, encrypted: o.encrypted ?? false });

const reg = { source: 'registration' } as const;
// What a free-text disclosure may reveal (C14); stored only sealed.
const SPECIAL_CATEGORIES: readonly CategoryKey[] = ['user.health', 'user.religion', 'user.political_opinion', 'user.ethnicity', 'user.sexual_orientation',
  'user.criminal_record', 'user.union_membership', 'user.biometric', 'user.private_life', 'user.government_id.national_id'];
const perRow = { source: { column: 'source' } } as const;

export const PERSONAL_COLUMNS: readonly PersonalColumn[] = [
  // The Customer's company is also their shop's name: for a sole trader it names the person.
  col('tenants', 'name', 'user.workplace', 'customer', reg),
  col('users', 'email', 'user.contact.email', 'customer', reg),
  col('users', 'name', 'user.name', 'customer', reg),
  col('users', 'company', 'user.workplace', 'customer', reg),
  col('users', 'billing_address', 'user.contact.address', 'customer', reg),
  col('users', 'password_hash', 'user.credentials.password_hash', 'customer', reg),
  col('users', 'locale', 'user.preference', 'customer', reg),
  col('staff_users', 'email', 'user.contact.email', 'staff', reg),
  col('staff_users', 'name', 'user.name', 'staff', reg),
  col('staff_users', 'password_hash', 'user.credentials.password_hash', 'staff', reg),
  col('outbox', 'to_address', 'user.contact.email', ['customer', 'staff', 'minor'], { source: 'system' }),
  col('outbox', 'subject', 'user.content.message', ['customer', 'staff', 'minor'], { source: 'system' }),
  col('outbox', 'body_text', ['user.content.message', 'user.name'], ['customer', 'staff', 'minor'], { source: 'system' }),
  col('policy_acceptances', 'ip_truncated', 'user.device.ip_address', 'customer', { source: 'log_data' }),
  // Past profile values, sealed under the user's own key (C16): erasing the key shreds them.
  col('audit_log', 'details', ['user.name', 'user.workplace', 'user.contact.address', 'user.preference'], 'customer', { source: 'self_provided_form', encrypted: true }),
  col('subscribers', 'external_id', 'user.unique_id', 'subscriber', perRow),
  col('subscribers', 'display_name', 'user.name', 'subscriber', perRow),
  col('subscribers', 'phone', 'user.contact.phone', 'subscriber', perRow),
  col('subscribers', 'email', 'user.contact.email', 'subscriber', perRow),
  col('buyers', 'name', 'user.name', 'buyer', perRow),
  col('buyers', 'email', 'user.contact.email', 'buyer', perRow),
  col('buyers', 'phone', 'user.contact.phone', 'buyer', perRow),
  col('buyers', 'address', 'user.contact.address', 'buyer', perRow),
  // The consent ledger (migration 003): the evidence of a consent (its phrase, a message id) and
  // the reason a subject gave for a restriction are the person's own words.
  col('consent_records', 'evidence', 'user.content.message', ['customer', 'subscriber', 'buyer'], { source: 'self_provided_form' }),
  col('processing_restrictions', 'reason', 'user.content.message', ['customer', 'subscriber', 'buyer'], { source: 'self_provided_form' }),
  // A create endpoint's first response, replayed for a retried request for 24 hours: whatever that response named.
  col('idempotency_keys', 'response_body', 'user', ['customer', 'subscriber', 'buyer'], { source: 'system' }),
  // Issue 5 (migration 005). @clause C02 @clause C07 @clause C08 @clause C14
  col('billing_profiles', 'contact_name', 'user.name', 'customer', { source: 'self_provided_form' }),
  col('billing_profiles', 'contact_email', 'user.contact.email', 'customer', reg),
  col('billing_profiles', 'company', 'user.workplace', 'customer', { source: 'self_provided_form' }),
  col('billing_profiles', 'phone', 'user.contact.phone', 'customer', { source: 'self_provided_form' }),
  col('billing_profiles', 'physical_address', 'user.contact.address', 'customer', { source: 'self_provided_form' }),
  // The processor's reference, sealed; the last four digits are what a receipt shows, never a card.
  col('payment_methods', 'processor_token', 'user.financial.payment_card_token', 'customer', { source: 'system', encrypted: true }),
  col('payment_methods', 'last4', 'user.financial.payment_card_token', 'customer', { source: 'system' }),
  // Clear text with cards masked and sensitive parts redacted; the full text only sealed (C14).
  // A note is about the person, not a place for their contact details: those belong in the
  // Subscriber's own fields, and `pledge scan` reports contact data found in notes.
  col('subscriber_notes', 'body', ['user.content', 'user.name'], 'subscriber', { source: 'self_provided_form' }),
  col('subscriber_notes', 'body_sealed', ['user.content', 'user.name', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'self_provided_form', encrypted: true }),
  col('messages', 'body', ['user.content.message', 'user.name', 'user.contact'], 'subscriber', { source: 'channel' }),
  col('messages', 'body_sealed', ['user.content.message', 'user.name', 'user.contact', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'channel', encrypted: true }),
  col('held_sensitive_data', 'sealed_value', ['user.content', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'channel', encrypted: true }),
];

/** Columns whose names look personal but hold no personal data, each with the reason. */
export const EXEMPT_COLUMNS: readonly ExemptColumn[] = [
  { table: 'api_keys', column: 'name', reason: 'A label the Customer gives an API key ("shop bot"), not a person\'s name' },
  { table: 'policy_versions', column: 'body_vi', reason: 'The published policy text' },
  { table: 'policy_versions', column: 'body_en', reason: 'The published policy text' },
  { table: 'schema_migrations', column: 'name', reason: 'The file name of a migration' },
  { table: 'messages', column: 'channel_message_ref', reason: 'The channel\'s id of a message (for de-duplication), not its content' },
  // The disclosure ledger and its providers (migration 004) name organisations, not people.
  { table: 'processors', column: 'name', reason: 'The company name of a service provider (C26)' },
  { table: 'processors', column: 'contact', reason: 'A provider\'s business contact for its agreement (a privacy desk or role address), not a data subject\'s' },
  { table: 'disclosures', column: 'recipient_name', reason: 'The receiving organisation (provider, authority, court, company); a disclosure to a subject names them by id in disclosure_subjects' },
];

/** The registry as the personal-column check reads it. */
export type Registry = { readonly personal: readonly ColumnRef[]; readonly exempt: readonly ColumnRef[] };
export const REGISTRY: Registry = { personal: PERSONAL_COLUMNS, exempt: EXEMPT_COLUMNS };

/** The declared personal columns of `table`. */
export const columnsFor = (table: string): PersonalColumn[] => PERSONAL_COLUMNS.filter((c) => c.table === table);

/** The declared personal columns holding data of a subject type (what access and erasure must cover). */
export const columnsForSubject = (subject: SubjectType): PersonalColumn[] => PERSONAL_COLUMNS.filter((c) => c.subjects.includes(subject));

/** The declaration of one column, if any. */
export const findColumn = (table: string, column: string): PersonalColumn | undefined =>
  PERSONAL_COLUMNS.find((c) => c.table === table && c.column === column);

export { FEATURES, findFeature, declaredCategories, declaredPurposes, featureCovers, assertFeatureDeclares, UndeclaredError } from './features.ts';
export type { Feature, FeatureName } from './features.ts';
