/**
 * How to find and erase a subject (the registry's table half): for every table with personal
 * columns, how its rows reach a subject — its own subject columns, a foreign-key path, or the
 * blind index of an address — and what erasure does to each personal column: delete the row,
 * overwrite it, shred the subject's key, or retain it with the ground and period that allow it.
 * The access and erasure requests are built on this map; a test fails when a personal table
 * lacks either half. Pure data.
 * @clause C30 @clause C33 @clause C36
 */
import type { IndexKind } from '../crypto/blind-index.ts';
import type { KeyedSubjectType } from '../subjects/keys.ts';
import type { SubjectType } from './taxonomy/index.ts';

/** One step of a foreign-key path: from the previous key, into `table` on `on`, onward by `to`. */
export type Hop = { readonly table: string; readonly on: string; readonly to: string; readonly where?: string };

export type SubjectLink =
  /** The row is the subject: its `id` is the subject's id. */
  | { readonly kind: 'row'; readonly type: SubjectType }
  /** A column of the row holds the subject's id. */
  | { readonly kind: 'column'; readonly type: SubjectType; readonly column: string }
  /** A pair of columns names the subject; `types` maps the stored type value to the taxonomy's. */
  | { readonly kind: 'typed'; readonly typeColumn: string; readonly idColumn: string; readonly types: Readonly<Record<string, SubjectType>> }
  /** A foreign-key path from the row's `from` column to the subject's id. */
  | { readonly kind: 'path'; readonly type: SubjectType; readonly from: string; readonly hops: readonly Hop[] }
  /** The row names no id, only an address: found by the blind index of the subject's address. */
  | { readonly kind: 'blind_index'; readonly types: readonly SubjectType[]; readonly column: string; readonly index: IndexKind }
  /** The row is not tied to a subject and expires by itself within `within` (ISO 8601 duration). */
  | { readonly kind: 'expiring'; readonly within: string; readonly reason: string };

export type Erasure =
  | { readonly action: 'delete_row' }
  /** Overwrite with `value` (null clears it); the row stays for what references it. */
  | { readonly action: 'anonymise'; readonly value: string | null }
  /** The value is sealed under the subject's key: shredding the key erases it where it lies. */
  | { readonly action: 'shred_key'; readonly subject: KeyedSubjectType }
  /** Kept after erasure: the ground, and how long (ISO 8601 duration) counted from `from`. */
  | { readonly action: 'retain'; readonly ground: string; readonly period: string; readonly from: 'record' | 'erasure' | 'contract_end'; readonly clause?: string };

export type SubjectTable = {
  readonly table: string;
  readonly subjects: readonly SubjectLink[];
  /** What erasure does to each personal column not named in `columns`, and to the row. */
  readonly erase: Erasure;
  readonly columns?: Readonly<Record<string, Erasure>>;
};

const del: Erasure = { action: 'delete_row' };
const shred = (subject: KeyedSubjectType): Erasure => ({ action: 'shred_key', subject });
const clear: Erasure = { action: 'anonymise', value: null };
const OWNER: readonly Hop[] = [{ table: 'memberships', on: 'tenant_id', to: 'user_id', where: "role = 'owner'" }];
const LEDGER_TYPES = { customer: 'customer', subscriber: 'subscriber', buyer: 'buyer' } as const;
const CONTRACT_PROOF = 'Proof of what the Customer agreed to and when (contract evidence), until claims under it are time-barred (VN Civil Code 2015 Art 429: 3 years)';
const ACCOUNTING = 'Invoices name the billing contact: accounting documents are kept 10 years (VN Accounting Law 88/2015/QH13 Art 41)';
const CONSENT_PROOF = 'Proof of the consent or restriction that allowed or stopped processing (C22, C34), until claims are time-barred (VN Civil Code 2015 Art 429: 3 years)';

const REQUEST_PROOF: Erasure = {
  action: 'retain', ground: 'Proof a request was received and answered in time (C33), until claims are time-barred (VN Civil Code 2015 Art 429: 3 years)',
  period: 'P3Y', from: 'erasure', clause: 'C33',
};
/** Rows of a request's own tables, found through the request's subject. */
const viaRequest: readonly SubjectLink[] = (['customer', 'subscriber', 'buyer'] as const).map((type) => ({
  kind: 'path', type, from: 'request_id', hops: [{ table: 'subject_requests', on: 'id', to: 'subject_id', where: `subject_type = '${type}'` }],
}));

/** Every table with personal columns, and the tables that only link a subject (sessions, keys, memberships). */
export const SUBJECT_TABLES: readonly SubjectTable[] = [
  // Accounts. The user row stays (memberships, acceptances and audit entries reference it), emptied.
  {
    table: 'users', subjects: [{ kind: 'row', type: 'customer' }], erase: shred('customer'),
    columns: { email_bidx: clear, password_hash: { action: 'anonymise', value: '' }, locale: { action: 'anonymise', value: 'vi' } },
  },
  {
    table: 'staff_users', subjects: [{ kind: 'row', type: 'staff' }], erase: shred('staff'),
    columns: { email_bidx: clear, password_hash: { action: 'anonymise', value: '' } },
  },
  // A closed shop keeps its row for what references it; its name (the owner's company) goes.
  { table: 'tenants', subjects: [{ kind: 'path', type: 'customer', from: 'id', hops: OWNER }], erase: { action: 'anonymise', value: '' } },
  { table: 'memberships', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }], erase: del },
  { table: 'sessions', subjects: [{ kind: 'typed', typeColumn: 'realm', idColumn: 'principal_id', types: { customer: 'customer', staff: 'staff' } }], erase: del },
  { table: 'api_keys', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }], erase: del },
  { table: 'email_tokens', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }], erase: del },
  { table: 'subject_keys', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: { customer: 'customer', subscriber: 'subscriber', buyer: 'buyer', staff: 'staff' } }], erase: del },
  {
    table: 'outbox',
    subjects: [
      { kind: 'typed', typeColumn: 'recipient_type', idColumn: 'recipient_id', types: { customer: 'customer', staff: 'staff', subscriber: 'subscriber', buyer: 'buyer' } },
      // A minor has no id (no account is made, C38), and older mail names none: the address's index finds it.
      { kind: 'blind_index', types: ['customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'], column: 'to_bidx', index: 'email' },
    ],
    erase: del,
  },
  {
    table: 'policy_acceptances', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }],
    erase: { action: 'retain', ground: CONTRACT_PROOF, period: 'P3Y', from: 'contract_end', clause: 'C30' },
  },
  // Append-only: the entry stays, the past values in it are sealed under the user's key.
  { table: 'audit_log', subjects: [{ kind: 'typed', typeColumn: 'target_type', idColumn: 'target_id', types: { user: 'customer' } }], erase: shred('customer') },
  // A tenant's subjects: the rows go; the subject's key is shredded with them.
  { table: 'subscribers', subjects: [{ kind: 'row', type: 'subscriber' }], erase: del },
  { table: 'buyers', subjects: [{ kind: 'row', type: 'buyer' }], erase: del },
  { table: 'subscriber_notes', subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: del },
  { table: 'messages', subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: del },
  // Issue 13: a channel's events, opt events, outbound messages and list memberships go with the person.
  // A large import's rows before its job stores them: no Subscriber exists yet to link them to; cleared when the job ends.
  { table: 'subscriber_imports', subjects: [{ kind: 'expiring', within: 'PT24H', reason: 'Staged rows name no Subscriber yet; the import job clears them when it ends (done or failed); a staging older than 24 hours is removed, with what it stored, before the shop\'s next import is staged' }], erase: clear },
  { table: 'channel_events', subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: del },
  { table: 'opt_events', subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: del },
  { table: 'outbound_messages', subjects: [{ kind: 'column', type: 'subscriber', column: 'subscriber_id' }], erase: del },
  { table: 'marketing_list_members', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }], erase: del },
  // Issue 13 item 5: a Buyer's orders go with them (the address is sealed under their key, shredded with it).
  { table: 'orders', subjects: [{ kind: 'column', type: 'buyer', column: 'buyer_id' }], erase: del },
  { table: 'held_sensitive_data', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }], erase: del },
  // The ledger keeps the record (what was agreed, when, on which notice); the person's own words go.
  {
    table: 'consent_records', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: { ...LEDGER_TYPES, visitor: 'visitor' } }],
    erase: { action: 'retain', ground: CONSENT_PROOF, period: 'P3Y', from: 'erasure', clause: 'C22' }, columns: { evidence: clear },
  },
  {
    table: 'processing_restrictions', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }],
    erase: { action: 'retain', ground: CONSENT_PROOF, period: 'P3Y', from: 'erasure', clause: 'C34' }, columns: { reason: clear },
  },
  {
    table: 'subject_link_tokens', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }], erase: del,
  },
  {
    table: 'subject_requests', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }],
    erase: { action: 'retain', ground: 'Proof a request was received and answered in time (C33), until claims are time-barred (VN Civil Code 2015 Art 429: 3 years)', period: 'P3Y', from: 'erasure', clause: 'C33' },
    columns: { correction: shred('customer'), shop_correction: clear },
  },
  // A request's own records reach the subject through the request (issue 12): its history and
  // its processors' acknowledgements are the proof it was answered in time (C33, C35); a
  // confirmation link and a waiting export go with the person.
  { table: 'subject_request_events', subjects: viaRequest, erase: REQUEST_PROOF },
  { table: 'subject_request_alerts', subjects: viaRequest, erase: REQUEST_PROOF },
  { table: 'subject_request_steps', subjects: viaRequest, erase: REQUEST_PROOF },
  { table: 'processor_notifications', subjects: viaRequest, erase: { ...REQUEST_PROOF, clause: 'C35' } },
  { table: 'subject_request_confirmations', subjects: viaRequest, erase: del },
  { table: 'subject_exports', subjects: viaRequest, erase: del },
  { table: 'subject_sessions', subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: LEDGER_TYPES }], erase: del },
  {
    table: 'idempotency_keys',
    subjects: [{ kind: 'expiring', within: 'PT24H', reason: 'A replayed response names no subject column; every key expires 24 hours after its request' }],
    erase: del,
  },
  {
    table: 'disclosure_subjects',
    subjects: [{ kind: 'typed', typeColumn: 'subject_type', idColumn: 'subject_id', types: { ...LEDGER_TYPES, visitor: 'visitor', staff: 'staff' } }],
    erase: { action: 'retain', ground: 'The ledger of what was disclosed to whom and why (C03, C27, C35), kept for the period the recipient\'s basis requires', period: 'P3Y', from: 'record', clause: 'C35' },
  },
  // The Customer's billing: fees owed and invoices outlive the account as the Accounting Law requires (C30, C36).
  {
    table: 'billing_profiles', subjects: [{ kind: 'path', type: 'customer', from: 'tenant_id', hops: OWNER }],
    erase: { action: 'retain', ground: ACCOUNTING, period: 'P10Y', from: 'record', clause: 'C36' },
  },
  { table: 'payment_methods', subjects: [{ kind: 'path', type: 'customer', from: 'tenant_id', hops: OWNER }], erase: del },
  // A published post goes with its author (C09, C13): the thread keeps the others.
  { table: 'community_posts', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }], erase: del },
  // That a person was told of a merger transfer before it ran (C05): the proof outlives their account.
  {
    table: 'transfer_notices', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }],
    erase: { action: 'retain', ground: 'Proof the person was e-mailed before their data was transferred (C05), until claims are time-barred (VN Civil Code 2015 Art 429: 3 years)', period: 'P3Y', from: 'record', clause: 'C05' },
  },
  // Log Data (C12, C13): a signed-in Customer's events, linked only with analytics consent, go with them.
  { table: 'analytics_events', subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }], erase: del },
  // A website visitor's consent id (issue 14): only what ties their banner choices together; it goes with them, the choices stay as proof.
  { table: 'banner_visitors', subjects: [{ kind: 'column', type: 'visitor', column: 'id' }], erase: del },
  // The daily figures count visitors and never name one; they go with the events by the retention job (at most 60 months).
  { table: 'analytics_daily', subjects: [{ kind: 'expiring', within: 'P60M', reason: 'Daily counts per page, referrer, campaign, device or search term: no hash or account names anyone; deleted with the events they count at the site\'s retention (1 to 60 months)' }], erase: del },
  // A question to ECOMKEY (C25, C41): found by the account that sent it, or by the sender's address.
  {
    table: 'inquiries',
    subjects: [{ kind: 'column', type: 'customer', column: 'user_id' }, { kind: 'blind_index', types: ['customer', 'visitor'], column: 'from_address_bidx', index: 'email' }],
    erase: del,
  },
];

const BY_TABLE: ReadonlyMap<string, SubjectTable> = new Map(SUBJECT_TABLES.map((t) => [t.table, t]));

/** The map entry of a table, if any. */
export const subjectTable = (table: string): SubjectTable | undefined => BY_TABLE.get(table);

/** What erasure does to `table.column`: its own rule, else the table's; undefined for an unmapped table. */
export const erasureOf = (table: string, column: string): Erasure | undefined => {
  const t = BY_TABLE.get(table);
  return t ? (t.columns?.[column] ?? t.erase) : undefined;
};

/** The subject types a link reaches. */
export function linkTypes(link: SubjectLink): readonly SubjectType[] {
  switch (link.kind) {
    case 'row': case 'column': case 'path': return [link.type];
    case 'typed': return [...new Set(Object.values(link.types))];
    case 'blind_index': return link.types;
    case 'expiring': return [];
  }
}

/** The tables whose rows can reach a subject of `type`, with the links that do (what access and erasure visit). */
export const tablesForSubject = (type: SubjectType): { table: SubjectTable; links: SubjectLink[] }[] =>
  SUBJECT_TABLES.flatMap((table) => {
    const links = table.subjects.filter((l) => linkTypes(l).includes(type));
    return links.length ? [{ table, links }] : [];
  });
