/**
 * The one schema registry: every table column that holds personal data, with its categories,
 * whose data it is, where it came from and how it is held at rest; and for every table with
 * such columns, how its rows reach a subject and what erasure does to each column. Access,
 * export, erasure and the records of processing read this; a test fails when a migration adds
 * a personal-looking column that is neither declared here nor exempted with a reason, or a
 * personal table that lacks its subject links or an erasure rule.
 * @clause C06 Each feature and each personal column is declared.
 * @clause C07 Data is stored by category; identity and contact categories are sealed at rest.
 * @clause C01 Every declared column names its source.
 * @clause C30 @clause C36 What erasure keeps, it keeps with its ground and period.
 */
import type { IndexKind } from '../crypto/blind-index.ts';
import type { KeyedSubjectType } from '../subjects/keys.ts';
import { SUBJECT_TABLES, type SubjectTable } from './subject-map.ts';
import { CATEGORIES, isWithin, type CategoryKey, type SourceKey, type SubjectType } from './taxonomy/index.ts';

export type { SubjectRef, TenantSubjectRef } from '../subjects/ref.ts';

export type ColumnRef = { readonly table: string; readonly column: string };

/**
 * How a column is held at rest: sealed under its subject's own key (`v1.…`), under the tenant's
 * data key (`enc:v1:…`), under the outbox key until sent (`v1.…`), as a keyed blind index of
 * another sealed column, or in clear — which, for a category C07 wants sealed, needs a reason.
 */
export type AtRest =
  | { readonly kind: 'subject_key'; readonly subject: KeyedSubjectType }
  | { readonly kind: 'tenant_key' }
  | { readonly kind: 'mail_key' }
  | { readonly kind: 'blind_index'; readonly of: string; readonly index: IndexKind }
  | { readonly kind: 'clear'; readonly reason?: string };

export type PersonalColumn = ColumnRef & {
  readonly categories: readonly CategoryKey[];
  readonly subjects: readonly SubjectType[];
  /** A fixed source, or the column of the same row that records each row's source. */
  readonly source: SourceKey | { readonly column: string };
  readonly atRest: AtRest;
};

export type ExemptColumn = ColumnRef & { readonly reason: string };

type Opts = { source: PersonalColumn['source']; atRest?: AtRest };
const one = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

const col = (table: string, column: string, categories: CategoryKey | readonly CategoryKey[], subjects: SubjectType | readonly SubjectType[], o: Opts): PersonalColumn =>
  Object.freeze({ table, column, categories: one(categories), subjects: one(subjects), source: o.source, atRest: o.atRest ?? CLEAR });

const CLEAR: AtRest = { kind: 'clear' };
const reg = { source: 'registration' } as const;
// What a free-text disclosure may reveal (C14); stored only sealed.
const SPECIAL_CATEGORIES: readonly CategoryKey[] = ['user.health', 'user.religion', 'user.political_opinion', 'user.ethnicity', 'user.sexual_orientation',
  'user.criminal_record', 'user.union_membership', 'user.biometric', 'user.private_life', 'user.government_id.national_id'];
const perRow = { source: { column: 'source' } } as const;
const SUBSCRIBER_IMPORT_CATEGORIES: readonly CategoryKey[] = ['user.name', 'user.contact.phone', 'user.contact.email', 'user.unique_id'];
const own = (subject: KeyedSubjectType): AtRest => ({ kind: 'subject_key', subject });
const tenantKey: AtRest = { kind: 'tenant_key' };
const mailKey: AtRest = { kind: 'mail_key' };
const bidx = (of: string, index: IndexKind): AtRest => ({ kind: 'blind_index', of, index });
// A keyed HMAC of a sealed value: a pseudonym of it, erased with it.
const indexOf = (table: string, column: string, categories: CategoryKey, subjects: SubjectType | readonly SubjectType[], index: IndexKind, source: Opts['source']) =>
  col(table, `${column === 'to_address' ? 'to' : column}_bidx`, categories, subjects, { source, atRest: bidx(column, index) });

export const PERSONAL_COLUMNS: readonly PersonalColumn[] = [
  // The Customer's company is also their shop's name: for a sole trader it names the person.
  col('tenants', 'name', 'user.workplace', 'customer', { ...reg, atRest: tenantKey }),
  col('users', 'email', 'user.contact.email', 'customer', { ...reg, atRest: own('customer') }),
  indexOf('users', 'email', 'user.contact.email', 'customer', 'email', 'registration'),
  col('users', 'name', 'user.name', 'customer', { ...reg, atRest: own('customer') }),
  col('users', 'company', 'user.workplace', 'customer', { ...reg, atRest: own('customer') }),
  col('users', 'billing_address', 'user.contact.address', 'customer', { ...reg, atRest: own('customer') }),
  col('users', 'password_hash', 'user.credentials.password_hash', 'customer', reg),
  col('users', 'locale', 'user.preference', 'customer', reg),
  col('staff_users', 'email', 'user.contact.email', 'staff', { ...reg, atRest: own('staff') }),
  indexOf('staff_users', 'email', 'user.contact.email', 'staff', 'email', 'registration'),
  col('staff_users', 'name', 'user.name', 'staff', { ...reg, atRest: own('staff') }),
  col('staff_users', 'password_hash', 'user.credentials.password_hash', 'staff', reg),
  // A Customer's rectification request holds the new values until the profile path applies them (C16).
  col('subject_requests', 'correction', ['user.name', 'user.workplace', 'user.contact.address', 'user.preference'], 'customer', { source: 'self_provided_form', atRest: own('customer') }),
  // A Subscriber's or a Buyer's, under the shop's key until fulfilment applies it (migration 026).
  col('subject_requests', 'shop_correction', ['user.name', 'user.contact.phone', 'user.contact.email', 'user.contact.address'], ['subscriber', 'buyer'], { source: 'self_provided_form', atRest: tenantKey }),
  // Mail to anyone: Customers, Staff, a minor's parent notice, Subscribers and Buyers (privacy-center links, C14 prompts).
  col('outbox', 'to_address', 'user.contact.email', ['customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'], { source: 'system', atRest: mailKey }),
  indexOf('outbox', 'to_address', 'user.contact.email', ['customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'], 'email', 'system'),
  col('outbox', 'subject', ['user.content.message', 'user.workplace'], ['customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'], { source: 'system', atRest: mailKey }),
  col('outbox', 'body_text', ['user.content.message', 'user.name', 'user.workplace'], ['customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'], { source: 'system', atRest: mailKey }),
  col('policy_acceptances', 'ip_truncated', 'user.device.ip_address', 'customer', { source: 'log_data' }),
  // Past profile values, sealed under the user's own key (C16): erasing the key shreds them.
  col('audit_log', 'details', ['user.name', 'user.workplace', 'user.contact.address', 'user.preference'], 'customer', { source: 'self_provided_form', atRest: own('customer') }),
  col('subscribers', 'external_id', 'user.unique_id', 'subscriber', { ...perRow, atRest: own('subscriber') }),
  indexOf('subscribers', 'external_id', 'user.unique_id', 'subscriber', 'external_id', { column: 'source' }),
  col('subscribers', 'display_name', 'user.name', 'subscriber', { ...perRow, atRest: own('subscriber') }),
  col('subscribers', 'phone', 'user.contact.phone', 'subscriber', { ...perRow, atRest: own('subscriber') }),
  indexOf('subscribers', 'phone', 'user.contact.phone', 'subscriber', 'phone', { column: 'source' }),
  col('subscribers', 'email', 'user.contact.email', 'subscriber', { ...perRow, atRest: own('subscriber') }),
  indexOf('subscribers', 'email', 'user.contact.email', 'subscriber', 'email', { column: 'source' }),
  col('buyers', 'name', 'user.name', 'buyer', { ...perRow, atRest: own('buyer') }),
  col('buyers', 'email', 'user.contact.email', 'buyer', { ...perRow, atRest: own('buyer') }),
  indexOf('buyers', 'email', 'user.contact.email', 'buyer', 'email', { column: 'source' }),
  col('buyers', 'phone', 'user.contact.phone', 'buyer', { ...perRow, atRest: own('buyer') }),
  indexOf('buyers', 'phone', 'user.contact.phone', 'buyer', 'phone', { column: 'source' }),
  col('buyers', 'address', 'user.contact.address', 'buyer', { ...perRow, atRest: own('buyer') }),
  // The consent ledger (migration 003): the evidence of a consent (its phrase, a message id) and
  // the reason a subject gave for a restriction are the person's own words.
  col('consent_records', 'evidence', 'user.content.message', ['customer', 'subscriber', 'buyer', 'visitor'], { source: 'self_provided_form' }),
  col('processing_restrictions', 'reason', 'user.content.message', ['customer', 'subscriber', 'buyer'], { source: 'self_provided_form' }),
  // A create endpoint's first response, replayed for a retried request for 24 hours: whatever that response named.
  // Every stored answer is sealed under the tenant's key: notes, messages and Subscribers name people.
  col('idempotency_keys', 'response_body', 'user', ['customer', 'subscriber', 'buyer'], { source: 'system', atRest: tenantKey }),
  // Issue 5 (migration 005), sealed under the tenant's data key since 006. @clause C02 @clause C07 @clause C08 @clause C14
  col('billing_profiles', 'contact_name', 'user.name', 'customer', { source: 'self_provided_form', atRest: tenantKey }),
  col('billing_profiles', 'contact_email', 'user.contact.email', 'customer', { ...reg, atRest: tenantKey }),
  col('billing_profiles', 'company', 'user.workplace', 'customer', { source: 'self_provided_form', atRest: tenantKey }),
  col('billing_profiles', 'phone', 'user.contact.phone', 'customer', { source: 'self_provided_form', atRest: tenantKey }),
  col('billing_profiles', 'physical_address', 'user.contact.address', 'customer', { source: 'self_provided_form', atRest: tenantKey }),
  // The processor's reference, sealed; the last four digits are what a receipt shows, never a card.
  col('payment_methods', 'processor_token', 'user.financial.payment_card_token', 'customer', { source: 'system', atRest: tenantKey }),
  col('payment_methods', 'last4', 'user.financial.payment_card_token', 'customer', {
    source: 'system',
    atRest: { kind: 'clear', reason: 'Four digits identify no card (PCI DSS allows them in clear); the billing page shows them, and the database checks they are exactly four digits' },
  }),
  // The working copy, cards masked and sensitive parts redacted; the full text is in body_sealed
  // only when consent allows (C14). A note is about the person, not a place for their contact
  // details: those belong in the Subscriber's own fields, and `pledge scan` (which opens sealed
  // values) reports contact data found in notes.
  col('subscriber_notes', 'body', ['user.content', 'user.name'], 'subscriber', { source: 'self_provided_form', atRest: tenantKey }),
  col('subscriber_notes', 'body_sealed', ['user.content', 'user.name', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'self_provided_form', atRest: tenantKey }),
  col('messages', 'body', ['user.content.message', 'user.name', 'user.contact'], 'subscriber', { source: 'channel', atRest: tenantKey }),
  col('messages', 'body_sealed', ['user.content.message', 'user.name', 'user.contact', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'channel', atRest: tenantKey }),
  col('held_sensitive_data', 'sealed_value', ['user.content', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'channel', atRest: tenantKey }),
  // Issue 13 (migrations 018–020): what a channel delivers and what the one send path sends, sealed under the tenant's key.
  col('channel_events', 'payload', ['user.unique_id', 'user.name', 'user.preference', 'user.content.message', ...SPECIAL_CATEGORIES], 'subscriber', { source: 'channel', atRest: tenantKey }),
  col('subscribers', 'opt_in_evidence', 'user.content.message', 'subscriber', { source: 'channel', atRest: tenantKey }),
  col('subscribers', 'language', 'user.preference', 'subscriber', { source: 'channel' }),
  // Migration 028: the shop's tags and custom-field values for a Subscriber, learnt through the same relationship as the row.
  // Migration 029: a large import's checked rows, staged until its job stores them, then cleared.
  col('subscriber_imports', 'rows_sealed', SUBSCRIBER_IMPORT_CATEGORIES, 'subscriber', { source: 'import', atRest: tenantKey }),
  col('subscribers', 'attributes', ['user.preference', 'user.content'], 'subscriber', { ...perRow, atRest: tenantKey }),
  col('opt_events', 'evidence', ['user.unique_id', 'user.content.message'], 'subscriber', { source: 'channel', atRest: tenantKey }),
  col('outbound_messages', 'body', 'user.content.message', 'subscriber', { source: 'system', atRest: tenantKey }),
  // Issue 13 item 5 (migration 034): an order's delivery address, sealed under its Buyer's key like the Buyer's own columns.
  col('orders', 'delivery_address', 'user.contact.address', 'buyer', { source: 'api', atRest: own('buyer') }),
  // Issue 15 (migration 031): published posts (C09). Public by the author's choice: sealing would protect nothing anyone can read.
  col('community_posts', 'username', 'user.name', 'customer', { source: 'self_provided_form', atRest: { kind: 'clear', reason: 'Published under this name by its author, who was told it is public (C09)' } }),
  col('community_posts', 'city', 'user.contact.city', 'customer', { source: 'self_provided_form', atRest: { kind: 'clear', reason: 'Shown beside the post by its author\'s choice (C09)' } }),
  col('community_posts', 'body', 'user.content.feedback', 'customer', { source: 'self_provided_form' }),
  // Issue 15 (migration 030): a security or privacy question, from anyone; sealed under the platform's mail key.
  col('inquiries', 'from_address', 'user.contact.email', ['customer', 'visitor'], { source: 'self_provided_form', atRest: mailKey }),
  indexOf('inquiries', 'from_address', 'user.contact.email', ['customer', 'visitor'], 'email', 'self_provided_form'),
  col('inquiries', 'subject', 'user.content.message', ['customer', 'visitor'], { source: 'self_provided_form', atRest: mailKey }),
  col('inquiries', 'body', ['user.content.message', ...SPECIAL_CATEGORIES], ['customer', 'visitor'], { source: 'self_provided_form', atRest: mailKey }),
  col('inquiries', 'answer', 'user.content.message', ['customer', 'visitor'], { source: 'system', atRest: mailKey }),
  // Issue 14 (migration 023): Log Data (C12, C13). No IP is stored; the visitor hash is keyed by a salt destroyed after 48 hours.
  col('analytics_events', 'visitor_hash', 'user.device.cookie_id', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'path', 'user.behavior.browsing', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'goal', 'user.behavior.browsing', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'search_term', 'user.behavior.browsing', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'outbound_url', 'user.behavior.browsing', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'agent_family', 'user.device.browser', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'os_family', 'user.device.browser', ['customer', 'visitor'], { source: 'log_data' }),
  col('analytics_events', 'form_factor', 'user.device.browser', ['customer', 'visitor'], { source: 'log_data' }),
  // Migration 038: the dashboard's daily figures. A value is a page, referrer, campaign, device, goal, link or search
  // term counted over a day's visitors, never with a hash or account; a search term is what a visitor typed, hence declared.
  col('analytics_daily', 'value', ['user.behavior.browsing', 'user.device.browser'], ['customer', 'visitor'], { source: 'log_data' }),
];

/**
 * The categories C07 wants sealed at rest: identity (name, platform id, workplace — a company
 * name names a sole trader), contact (e-mail, phone, address), government ids, financial data,
 * and every special category (C14). Device, behaviour, preference, credential hashes and the
 * content root are not among them: they are held in clear unless a column also carries one of these.
 */
export const SEALED_CATEGORY_ROOTS: readonly CategoryKey[] = [
  'user.name', 'user.unique_id', 'user.workplace', 'user.contact', 'user.government_id', 'user.financial',
  ...CATEGORIES.filter((c) => c.sensitive).map((c) => c.key),
];

/** True when a column carries a category that must be sealed at rest (C07). Pure. */
export const mustBeSealed = (c: Pick<PersonalColumn, 'categories'>): boolean =>
  c.categories.some((k) => SEALED_CATEGORY_ROOTS.some((root) => isWithin(k, root)));

/** Columns whose names look personal but hold no personal data, each with the reason. */
export const EXEMPT_COLUMNS: readonly ExemptColumn[] = [
  { table: 'api_keys', column: 'name', reason: 'A label the Customer gives an API key ("shop bot"), not a person\'s name' },
  { table: 'policy_versions', column: 'body_vi', reason: 'The published policy text' },
  { table: 'policy_versions', column: 'body_en', reason: 'The published policy text' },
  { table: 'schema_migrations', column: 'name', reason: 'The file name of a migration' },
  { table: 'messages', column: 'channel_message_ref', reason: 'The channel\'s id of a message (for de-duplication), not its content' },
  { table: 'retention_holds', column: 'table_name', reason: 'The name of a table whose row is held, not a person\'s name' },
  { table: 'inquiries', column: 'message_id', reason: 'The Message-ID header of an inbound mail (for de-duplication), not its content' },
  { table: 'outbound_messages', column: 'platform_message_ref', reason: 'The platform\'s id of a message it accepted from the send path, not its content' },
  // The disclosure ledger and its providers (migration 004) name organisations, not people.
  { table: 'processors', column: 'name', reason: 'The company name of a service provider (C26)' },
  { table: 'processors', column: 'contact', reason: 'A provider\'s business contact for its agreement (a privacy desk or role address), not a data subject\'s' },
  { table: 'processor_endpoints', column: 'mailbox', reason: 'A provider\'s privacy desk that takes subject requests by e-mail (a role address), not a data subject\'s' },
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

export { SUBJECT_TABLES, erasureOf, linkTypes, subjectTable, tablesForSubject } from './subject-map.ts';
export type { Erasure, Hop, SubjectLink, SubjectTable } from './subject-map.ts';

/**
 * What is missing from the map for the personal tables: a table without an entry, an entry
 * without a subject link, a column without an erasure rule, a rule naming a column that is not
 * declared. Empty when the map is complete.
 */
export function findUnmapped(map: { tables?: readonly SubjectTable[] } = {}): string[] {
  const tables = map.tables ?? SUBJECT_TABLES;
  const entry = (table: string) => tables.find((t) => t.table === table);
  const problems: string[] = [];
  for (const table of new Set(PERSONAL_COLUMNS.map((c) => c.table))) {
    const e = entry(table);
    if (!e) problems.push(`${table}: no subject map entry`);
    else if (e.subjects.length === 0) problems.push(`${table}: no subject link`);
  }
  for (const c of PERSONAL_COLUMNS) {
    const e = entry(c.table);
    if (!(e?.columns?.[c.column] ?? e?.erase)) problems.push(`${c.table}.${c.column}: no erasure rule`);
  }
  for (const t of tables) {
    for (const column of Object.keys(t.columns ?? {})) if (!findColumn(t.table, column)) problems.push(`${t.table}.${column}: rule for an undeclared column`);
  }
  return problems;
}

export { FEATURES, findFeature, declaredCategories, declaredPurposes, featureCovers, assertFeatureDeclares, UndeclaredError } from './features.ts';
export type { Feature, FeatureName } from './features.ts';
