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
];

/** Columns whose names look personal but hold no personal data, each with the reason. */
export const EXEMPT_COLUMNS: readonly ExemptColumn[] = [
  { table: 'api_keys', column: 'name', reason: 'A label the Customer gives an API key ("shop bot"), not a person\'s name' },
  { table: 'policy_versions', column: 'body_vi', reason: 'The published policy text' },
  { table: 'policy_versions', column: 'body_en', reason: 'The published policy text' },
  { table: 'schema_migrations', column: 'name', reason: 'The file name of a migration' },
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

export { FEATURES, ROUTES_WITHOUT_PERSONAL_DATA, findFeature, declaredCategories, declaredPurposes, featureCovers, assertFeatureDeclares, UndeclaredError } from './features.ts';
export type { Feature, FeatureName } from './features.ts';
