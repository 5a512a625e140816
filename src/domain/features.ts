/**
 * What each feature (a route or a job) processes: its purposes and data categories, and
 * whose data. The gate refuses a feature that asks for a purpose or category it did not
 * declare here, so a new feature cannot touch personal data without saying so first.
 * @clause C06 Each feature declares the purposes and data categories it processes.
 * @clause C18 Every processing operation names one of the eight purposes.
 */
import { denialError } from './gate-errors.ts';
import { descendants, findCategory, type Category, type CategoryKey, type PurposeKey, type SubjectType } from './taxonomy/index.ts';

type FeatureDef = {
  kind: 'route' | 'job';
  description: string;
  subjects: readonly SubjectType[];
  purposes: readonly PurposeKey[];
  categories: readonly CategoryKey[];
};

const ACCOUNT: readonly CategoryKey[] = ['user.name', 'user.workplace', 'user.contact.email', 'user.contact.address', 'user.preference'];
const SUBSCRIBER: readonly CategoryKey[] = ['user.name', 'user.unique_id', 'user.contact.phone', 'user.contact.email'];
// The special categories a free-text disclosure may fall in (C14): held until explicit consent.
const SPECIAL: readonly CategoryKey[] = ['user.health', 'user.religion', 'user.political_opinion', 'user.ethnicity', 'user.sexual_orientation',
  'user.criminal_record', 'user.union_membership', 'user.biometric', 'user.private_life', 'user.government_id.national_id'];
const ALL_PURPOSES: readonly PurposeKey[] = ['provide_service', 'communicate', 'process_payment', 'authenticate', 'improve_service', 'contact', 'research', 'prevent_fraud'];

const DEFS = {
  'accounts.signup': {
    kind: 'route', description: 'Registration of a Customer (C17)', subjects: ['customer'],
    purposes: ['provide_service', 'authenticate', 'communicate'],
    categories: [...ACCOUNT, 'user.credentials.password_hash', 'user.demographic.date_of_birth'],
  },
  'accounts.minor_notice': {
    kind: 'route', description: 'A person under 18 is only told that parental consent is needed (C38)',
    subjects: ['minor'], purposes: ['communicate'], categories: ['user.contact.email', 'user.name', 'user.demographic.date_of_birth'],
  },
  'accounts.verify_email': {
    kind: 'route', description: 'E-mail verification and resending its link', subjects: ['customer'],
    purposes: ['authenticate', 'communicate'], categories: ['user.contact.email', 'user.name'],
  },
  'accounts.signin': {
    kind: 'route', description: 'Sign-in, sign-out and the session',
    subjects: ['customer'], purposes: ['authenticate'], categories: ['user.contact.email', 'user.credentials.password_hash', 'user.name', 'user.preference'],
  },
  'profile.read': {
    kind: 'route', description: 'A Customer reads their profile (C32)', subjects: ['customer'],
    purposes: ['provide_service'], categories: ACCOUNT,
  },
  'profile.update': {
    kind: 'route', description: 'A Customer changes their profile (C32)', subjects: ['customer'],
    purposes: ['provide_service'], categories: ACCOUNT,
  },
  'profile.history': {
    kind: 'route', description: 'Past profile values from the audit log (C16)', subjects: ['customer'],
    purposes: ['provide_service'], categories: ACCOUNT,
  },
  'api_keys.manage': {
    kind: 'route', description: 'API keys of a Customer: hold no personal value beyond the owner\'s id',
    subjects: ['customer'], purposes: ['authenticate'], categories: [],
  },
  'policies.accept': {
    kind: 'route', description: 'Acceptance of the Terms and Privacy Policy, with a truncated IP (C06)',
    subjects: ['customer'], purposes: ['provide_service'], categories: ['user.device.ip_address'],
  },
  'policies.publish': {
    kind: 'route', description: 'A significant policy change is mailed to every user (C40)',
    subjects: ['customer', 'staff'], purposes: ['communicate'], categories: ['user.contact.email', 'user.name', 'user.preference'],
  },
  'incidents.notify': {
    kind: 'route', description: 'An incident is told to the owners of every affected shop by mail (C24)',
    subjects: ['customer'], purposes: ['communicate'], categories: ['user.contact.email', 'user.name', 'user.preference'],
  },
  'incidents.remind': {
    kind: 'job', description: 'Reminds the privacy officers of an authority report coming due (C24)',
    subjects: ['staff'], purposes: ['communicate'], categories: ['user.contact.email'],
  },
  'staff.signin': {
    kind: 'route', description: 'Staff sign-in', subjects: ['staff'],
    purposes: ['authenticate'], categories: ['user.contact.email', 'user.credentials.password_hash', 'user.name'],
  },
  'staff.subscribers.read': {
    kind: 'route', description: 'Support reads a tenant\'s Subscribers, with a recorded reason',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: SUBSCRIBER,
  },
  'subscribers.create': {
    kind: 'route', description: 'A Customer records a Subscriber with its legal basis (C10)', subjects: ['subscriber'],
    purposes: ['provide_service'], categories: SUBSCRIBER,
  },
  'subscribers.read': {
    kind: 'route', description: 'A Customer lists and reads their Subscribers',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: SUBSCRIBER,
  },
  'dev.mailbox': {
    kind: 'route', description: 'The development mailbox (only without SMTP)', subjects: ['customer', 'staff', 'minor'],
    purposes: ['communicate'], categories: ['user.contact.email', 'user.content.message', 'user.name'],
  },
  'outbox.deliver': {
    kind: 'job', description: 'Hands queued mail to ECOMKEY\'s e-mail provider after commit: a processor disclosure (C26)', subjects: ['customer', 'staff', 'minor', 'subscriber'],
    purposes: ['communicate', 'authenticate'], categories: ['user.contact.email', 'user.content.message', 'user.name'],
  },
  'minor_notices.purge': {
    kind: 'job', description: 'Deletes a minor\'s parental-consent notice once it is sent (C38)', subjects: ['minor'], purposes: ['communicate'], categories: [],
  },
  'sessions.expire': { kind: 'job', description: 'Deletes expired sessions', subjects: ['customer', 'staff'], purposes: ['authenticate'], categories: [] },
  'housekeeping.purge': {
    kind: 'job', description: 'Deletes what has expired or served its purpose: sessions, tokens, stored idempotent answers, sent mail',
    subjects: ['customer', 'staff', 'subscriber', 'buyer'], purposes: ['provide_service', 'authenticate', 'communicate'], categories: [],
  },
  // Gate callers of issue 4 whose storage and routes come next: declared so they can call the gate.
  'messaging.broadcast': {
    kind: 'job', description: 'A Customer\'s messages and broadcasts to Subscribers and Buyers (C11, C19)', subjects: ['subscriber', 'buyer'],
    purposes: ['contact', 'communicate'], categories: [...SUBSCRIBER, 'user.contact.address', 'user.content.message'],
  },
  'buyers.marketing_list': {
    kind: 'route', description: 'A Customer adds Buyers to a marketing list, only with their consent (C19)', subjects: ['buyer'],
    purposes: ['contact'], categories: ['user.name', 'user.contact'],
  },
  'exports.subject': {
    kind: 'job', description: 'A subject\'s access or portability export (C31, C34)', subjects: ['customer', 'subscriber', 'buyer', 'visitor'],
    purposes: ['provide_service'], categories: ['user'],
  },
  'analytics.collect': {
    kind: 'route', description: 'Log Data and website analytics (C12, C37)', subjects: ['customer', 'visitor'],
    purposes: ['improve_service', 'research', 'prevent_fraud'], categories: ['user.device', 'user.behavior.browsing'],
  },
  'analytics.banner_consent': {
    kind: 'route', description: 'A website visitor\'s cookie choices, recorded in the consent ledger as proof (C13, C37)', subjects: ['visitor'],
    purposes: ['improve_service', 'contact'], categories: ['user.device.cookie_id'],
  },
  'analytics.rollup': {
    kind: 'job', description: 'Counts each closed day of a site\'s Log Data into daily figures: no visitor hash or account is kept (C12)', subjects: ['customer', 'visitor'],
    purposes: ['improve_service'], categories: ['user.device', 'user.behavior.browsing'],
  },
  'disclosures.record': {
    kind: 'route', description: 'The disclosure ledger: data leaving ECOMKEY, each with its basis (C03, C04, C26, C27)',
   
    subjects: ['customer', 'subscriber', 'buyer', 'visitor', 'staff'], purposes: ALL_PURPOSES, categories: ['user'],
  },
  // Issue 5: free text about or from Subscribers, the holds of sensitive data, and billing.
  'subscribers.notes': {
    kind: 'route', description: 'A Customer\'s notes about a Subscriber: cards masked, sensitive parts held until consent (C02, C14)',
    subjects: ['subscriber'],
    purposes: ['provide_service'], categories: ['user.content', 'user.name', 'user.contact', ...SPECIAL],
  },
  'messages.inbound': {
    kind: 'route', description: 'Messages a Customer\'s bot receives on a channel: cards masked, sensitive parts held until consent (C02, C14)',
    subjects: ['subscriber'],
    purposes: ['provide_service', 'communicate'], categories: ['user.content.message', 'user.name', 'user.contact', ...SPECIAL],
  },
  'sensitive.holds': {
    kind: 'route', description: 'Sensitive data held pending consent: the person consents, restricts, objects or deletes it (C14)',
    subjects: ['subscriber', 'buyer', 'customer'],
    purposes: ['provide_service'], categories: ['user.content', ...SPECIAL],
  },
  'billing.upgrade': {
    kind: 'route', description: 'The paid plan: billing contact and the processor\'s card token, never a card (C02, C08)',
    subjects: ['customer'], purposes: ['process_payment', 'provide_service'],
    categories: ['user.name', 'user.contact.email', 'user.contact.phone', 'user.contact.address', 'user.workplace', 'user.financial.payment_card_token'],
  },
  // The consent ledger, restrictions and the privacy center (issue 4: C22, C19, C03, C34).
  'consents.record': {
    kind: 'route', description: 'A merchant records a subject\'s consent given or withdrawn, per purpose, with its notice and evidence (C22)',
   
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'consents.read': {
    kind: 'route', description: 'A subject\'s consent state, history and printable proof (C22)',
   
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'restrictions.manage': {
    kind: 'route', description: 'Restrictions and objections a subject asked for, and their lifting on a legal ground (C34)',
   
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'restrictions.lift': {
    kind: 'route', description: 'ECOMKEY\'s privacy officer lifts a restriction or objection on a legal ground, citing it (C34)',
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'console.view': {
    kind: 'route', description: 'The merchant console\'s pages: subjects, consents with proofs, restrictions, disclosures (C22, C34)',
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: SUBSCRIBER,
  },
  'requests.record': {
    kind: 'route', description: 'Requests a subject made (a copy sent, access, erasure…), with the merchant\'s reference (C04, C31, C33)',
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'gate.decide': {
    kind: 'route', description: 'A merchant\'s server asks the gate before it processes a subject\'s data; reads the ledger, returns no personal value',
    subjects: ['subscriber', 'buyer'], purposes: ['provide_service'], categories: [],
  },
  'privacy_center.signin': {
    kind: 'route', description: 'A Subscriber or Buyer signs in to the privacy center with a link mailed to their address',
   
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['authenticate', 'communicate'], categories: ['user.contact.email', 'user.workplace'],
  },
  'privacy_center.consents': {
    kind: 'route', description: 'A person sees, gives and withdraws their consents, restricts or objects, and lifts their own restriction (C22, C34)',
   
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: ['user.content.message'],
  },
  'privacy_center.export': {
    kind: 'route', description: 'A person downloads everything stored about them (C31, C34), computed from the subject map',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: ['user'],
  },
  // Issue 13: channels, the one opt-out model, the one send path, marketing lists (C10, C11, C19, C21, C29).
  'channels.manage': {
    kind: 'route', description: 'A merchant connects a Messenger page, Zalo OA or Telegram bot: ids and sealed secrets, no one\'s personal data',
    subjects: ['customer'], purposes: ['provide_service'], categories: [],
  },
  'channels.webhook': {
    kind: 'route', description: 'A platform delivers a Subscriber\'s events: stored sealed, processed by a job (C10, C11)',
    subjects: ['subscriber'], purposes: ['provide_service', 'communicate'], categories: ['user.unique_id', 'user.name', 'user.content.message'],
  },
  'channels.intake': {
    kind: 'job', description: 'Processes a stored channel event: the Subscriber and their opt-in, their message, their opt-out or opt-in (C10, C11)',
    subjects: ['subscriber'], purposes: ['provide_service', 'communicate'],
    categories: ['user.unique_id', 'user.name', 'user.preference', 'user.content.message', 'user.contact', ...SPECIAL],
  },
  'messaging.send': {
    kind: 'route', description: 'A merchant sends a Subscriber a reply or a promotion through the one send path (C11, C19)',
    subjects: ['subscriber'], purposes: ['communicate', 'contact'], categories: ['user.unique_id', 'user.content.message'],
  },
  'channels.subscribers': {
    kind: 'route', description: 'A merchant reads a Subscriber\'s opt-in, opt-out history and messages, and the tenant\'s own stop words (C11)',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: ['user.unique_id', 'user.name', 'user.preference', 'user.content'],
  },
  'console.conversation': {
    kind: 'route', description: 'The console\'s conversation view: a Subscriber\'s messages in and out, hidden while they restrict or object (C11, C34)',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: ['user.name', 'user.content.message'],
  },
  'subscribers.import': {
    kind: 'job', description: 'Stores the checked rows of a large CSV import, a chunk per transaction, with progress; a failure removes what it stored (C10)',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: SUBSCRIBER,
  },
  'subscribers.attributes': {
    kind: 'route', description: 'A merchant reads and sets a Subscriber\'s tags and typed custom fields, sealed (C10)',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: ['user.preference', 'user.content'],
  },
  // Issue 13 item 5 (migration 034): Buyers come from orders; their contact data serves the order (C19).
  'orders.record': {
    kind: 'route', description: 'A merchant records an order with its Buyer (matched or created) and line items; the Buyer\'s contact data serves the order, not marketing (C19)',
    subjects: ['buyer'], purposes: ['provide_service'], categories: ['user.name', 'user.contact'],
  },
  'orders.read': {
    kind: 'route', description: 'A merchant reads its orders and their Buyers\' delivery addresses (C19)',
    subjects: ['buyer'], purposes: ['provide_service'], categories: ['user.contact.address'],
  },
  'marketing.lists': {
    kind: 'route', description: 'Marketing lists admit a Subscriber, Buyer or Customer only on a marketing consent record (C19, C21)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['contact'], categories: ['user.unique_id', 'user.contact'],
  },
  // Issue 12: data-subject requests, from intake to fulfilment (C11, C16, C31, C33, C34, C35).
  'requests.inbox': {
    kind: 'route', description: 'The merchant\'s and staff\'s inbox of subject requests: states, deadlines, counts found per table and category, never values',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: [],
  },
  'privacy_center.requests': {
    kind: 'route', description: 'A person files and follows their own request: signed in, or by a form confirmed from an e-mailed link (C33)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service', 'communicate'], categories: ['user.contact.email'],
  },
  'requests.meta_callback': {
    kind: 'route', description: 'Meta\'s Data Deletion Request Callback: a signed app-scoped user id becomes an erasure request',
    subjects: ['subscriber'], purposes: ['provide_service'], categories: ['user.unique_id'],
  },
  'requests.processor_ack': {
    kind: 'route', description: 'A processor\'s signed acknowledgement that it carried out a forwarded request (C35); ids only',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: [],
  },
  'requests.export_download': {
    kind: 'route', description: 'The single-use link to a portable export (C31, C34)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: ['user'],
  },
  'requests.fulfil': {
    kind: 'job', description: 'Fulfils a verified request step by step: access export, erasure, restriction, objection, withdrawal, rectification (C16, C31, C33, C34)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: ['user'],
  },
  'requests.forward': {
    kind: 'job', description: 'Forwards a request to a processor that received the subject\'s data, by signed webhook, ids only (C35)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: [],
  },
  'requests.alerts': {
    kind: 'job', description: 'Raises alerts before and at each request\'s deadlines; reads dates, no one\'s data (C33)',
    subjects: ['subscriber', 'buyer', 'customer'], purposes: ['provide_service'], categories: [],
  },
  'accounts.close': {
    kind: 'route', description: 'A Customer closes their account: everything without a retention ground is erased, and the rest listed to them (C30)',
    subjects: ['customer', 'subscriber', 'buyer'], purposes: ['provide_service'], categories: ['user'],
  },
  'transfers.announce': {
    kind: 'route', description: 'Announces a merger transfer: the site\'s notice and an e-mail to every user, each tracked to sent (C05)',
    subjects: ['customer'], purposes: ['communicate'], categories: ['user.contact.email', 'user.name'],
  },
  'transfers.export': {
    kind: 'job', description: 'The platform\'s data, encrypted to the acquirer\'s key, once every user was notified and the notice period ended (C05)',
    subjects: ['customer', 'subscriber', 'buyer', 'visitor', 'staff'], purposes: ['provide_service'], categories: ['user'],
  },
  'community.post': {
    kind: 'route', description: 'A Customer publishes feedback or a comment under a username and city, warned first by the detector (C09)',
    subjects: ['customer'], purposes: ['provide_service'], categories: ['user.name', 'user.contact.city', 'user.content.feedback'],
  },
  'community.read': {
    kind: 'route', description: 'Anyone reads published posts: username, city and text only (C09)',
    subjects: ['customer'], purposes: ['provide_service'], categories: ['user.name', 'user.contact.city', 'user.content.feedback'],
  },
  'inquiries.receive': {
    kind: 'route', description: 'A security or privacy question from the contact form or the inbound mail address, acknowledged by mail (C25, C41)',
    subjects: ['customer', 'visitor'], purposes: ['communicate'], categories: ['user.contact.email', 'user.content.message', ...SPECIAL],
  },
  'inquiries.remind': {
    kind: 'job', description: 'Reminds security or privacy staff that an inquiry\'s answer is due; dates and references only (C25, C41)',
    subjects: ['staff'], purposes: ['communicate'], categories: ['user.contact.email'],
  },
  'inquiries.answer': {
    kind: 'route', description: 'Security or privacy staff read their inquiries and answer them by mail (C25, C41)',
    subjects: ['customer', 'visitor'], purposes: ['communicate'], categories: ['user.contact.email', 'user.content.message', ...SPECIAL],
  },
} as const satisfies Record<string, FeatureDef>;

export type FeatureName = keyof typeof DEFS;
export type Feature = FeatureDef & { readonly name: FeatureName };

export const FEATURES: readonly Feature[] = (Object.keys(DEFS) as FeatureName[]).map((name) => Object.freeze({ name, ...(DEFS[name] as FeatureDef) }));

/**
 * A feature compiled for the gate: set lookups, a declared parent covering its descendants.
 * `covers` maps each covered key to its category, so the gate checks and reads it in one lookup.
 */
export type FeatureIndex = { readonly feature: Feature; readonly purposes: ReadonlySet<string>; readonly covers: ReadonlyMap<string, Category> };

const INDEX: ReadonlyMap<string, FeatureIndex> = new Map(
  FEATURES.map((f) => [
    f.name,
    { feature: f, purposes: new Set<string>(f.purposes), covers: new Map(f.categories.flatMap(descendants).map((k) => [k, findCategory(k)!] as const)) },
  ]),
);

export const findFeature = (name: string): FeatureIndex | undefined => INDEX.get(name);

/** The categories a feature declared (parents stand for their descendants). */
export const declaredCategories = (name: FeatureName): readonly CategoryKey[] => DEFS[name].categories;
export const declaredPurposes = (name: FeatureName): readonly PurposeKey[] => DEFS[name].purposes;

/** True when the feature declared `category` or one of its ancestors. */
export const featureCovers = (name: string, category: string): boolean => INDEX.get(name)?.covers.has(category) ?? false;

/** A feature touched what it did not declare: a programming error, reported as a 500 with a stable code. */
export class UndeclaredError extends Error {
  constructor(readonly code: 'unknown_feature' | 'purpose_undeclared' | 'category_undeclared', readonly feature: string, readonly key: string) {
    super(`${feature}: ${code} ${key}`);
  }
}

/**
 * Throws unless `feature` declared every category (and the purpose, when given).
 * @clause C06
 */
export function assertFeatureDeclares(feature: string, categories: readonly string[], purpose?: string): void {
  const f = INDEX.get(feature);
  if (!f) throw new UndeclaredError('unknown_feature', feature, feature);
  if (purpose !== undefined && !f.purposes.has(purpose)) throw new UndeclaredError('purpose_undeclared', feature, purpose);
  for (const c of categories) if (!f.covers.has(c)) throw new UndeclaredError('category_undeclared', feature, c);
}

/** The AppError for an UndeclaredError, for a route that wants problem+json. */
export const undeclaredProblem = (e: UndeclaredError) => denialError(e.code, { feature: e.feature });
