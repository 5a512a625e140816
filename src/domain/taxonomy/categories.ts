/**
 * Data categories as dotted keys (Fides-style): a key's parent is the key without its last
 * segment, and a declaration or consent on a parent covers every descendant.
 * `sensitive` follows Vietnam's law (Decree 13/2023 Art 2(4), extended by Decree 356/2025
 * Art 4) and GDPR Art 9 (Art 10 for criminal data): such data is processed only with explicit
 * consent or a legal obligation (C14).
 * @clause C07 Customer data is stored by data category.
 * @clause C14 Sensitive categories are named, each with the law that makes it sensitive.
 */

const D13 = 'VN Decree 13/2023/ND-CP Art 2(4)';
const D356 = 'VN Decree 356/2025/ND-CP Art 4';
const GDPR9 = 'GDPR Art 9(1)';

type CategoryDef = { description: string; sensitive?: true; citations?: readonly string[] };

// The const object is the single source of the key union; order is parent before child.
const DEFS = {
  user: { description: 'Data about a natural person' },
  'user.name': { description: 'A person\'s name, display name or username' },
  'user.unique_id': { description: 'An identifier of the person on another platform (Zalo, Messenger, Telegram user id)' },
  'user.contact': { description: 'Data to reach a person' },
  'user.contact.email': { description: 'E-mail address' },
  'user.contact.phone': { description: 'Telephone number' },
  'user.contact.address': { description: 'Postal, billing or shipping address' },
  'user.contact.city': { description: 'City shown beside public posts (C09)' },
  'user.workplace': { description: 'Company or shop name of a Customer' },
  'user.preference': { description: 'Language and other settings the person chose' },
  'user.demographic': { description: 'Demographic data' },
  'user.demographic.date_of_birth': { description: 'Date of birth (age check, C38)' },
  'user.demographic.gender': { description: 'Gender' },
  'user.government_id': { description: 'Government-issued identifiers', sensitive: true, citations: [D356] },
  'user.government_id.national_id': { description: 'National ID / CCCD / CMND / SSN number', sensitive: true, citations: [D356, 'GDPR Art 87'] },
  'user.government_id.passport': { description: 'Passport number', sensitive: true, citations: [D356] },
  'user.government_id.id_card_image': { description: 'Image of an ID card', sensitive: true, citations: [D356] },
  'user.government_id.eid_credentials': { description: 'Electronic identification (VNeID) account credentials', sensitive: true, citations: [D356] },
  'user.financial': { description: 'Financial data' },
  'user.financial.bank_account': { description: 'Bank account and customer data of a credit institution', sensitive: true, citations: [`${D13}(h)`, D356] },
  'user.financial.payment_card_token': { description: 'Payment processor token or reference, never a card number (C02)', sensitive: true, citations: [`${D13}(h)`] },
  'user.financial.transactions': { description: 'Payment and financial transactions', sensitive: true, citations: [`${D13}(h)`, D356] },
  'user.financial.credentials': { description: 'Credentials of financial or payment accounts', sensitive: true, citations: [D356] },
  'user.credentials': { description: 'Authentication secrets' },
  'user.credentials.password_hash': { description: 'Password hash (scrypt)' },
  'user.device': { description: 'IT data about the device (C07, C12)' },
  'user.device.ip_address': { description: 'IP address, full or truncated' },
  'user.device.cookie_id': { description: 'Cookie or device identifier (C13)' },
  'user.device.browser': { description: 'Browser, device type and operating system' },
  'user.behavior': { description: 'How the person uses the service (Log Data, C12)' },
  'user.behavior.browsing': { description: 'Pages and features visited, time spent, search terms, links clicked' },
  'user.behavior.tracking': { description: 'Data tracking behaviour on online services', sensitive: true, citations: [D356] },
  'user.location': { description: 'Location identified by location services', sensitive: true, citations: [`${D13}(i)`] },
  'user.health': { description: 'Health status and medical records', sensitive: true, citations: [`${D13}(b)`, GDPR9] },
  'user.religion': { description: 'Religious or philosophical beliefs', sensitive: true, citations: [`${D13}(a)`, GDPR9] },
  'user.political_opinion': { description: 'Political opinions', sensitive: true, citations: [`${D13}(a)`, GDPR9] },
  'user.ethnicity': { description: 'Racial or ethnic origin', sensitive: true, citations: [`${D13}(c)`, GDPR9] },
  'user.genetic': { description: 'Inherited or acquired genetic characteristics', sensitive: true, citations: [`${D13}(d)`, GDPR9] },
  'user.biometric': { description: 'Biometric and physical characteristics', sensitive: true, citations: [`${D13}(đ)`, GDPR9] },
  'user.sexual_orientation': { description: 'Sex life and sexual orientation', sensitive: true, citations: [`${D13}(e)`, GDPR9] },
  'user.criminal_record': { description: 'Criminal records and offences', sensitive: true, citations: [`${D13}(g)`, 'GDPR Art 10'] },
  'user.union_membership': { description: 'Trade union membership', sensitive: true, citations: [GDPR9] },
  'user.private_life': { description: 'Private-life and family secrets', sensitive: true, citations: [D356] },
  'user.social_profile': { description: 'Publicly available social-media profile information' },
  'user.content': { description: 'Content the person wrote or that is written to them' },
  'user.content.message': { description: 'Messages and mail bodies to or from the person' },
  'user.content.feedback': { description: 'Feedback, comments and posts (C09)' },
} as const satisfies Record<string, CategoryDef>;

export type CategoryKey = keyof typeof DEFS;

export type Category = {
  readonly key: CategoryKey;
  readonly parent: CategoryKey | null;
  readonly description: string;
  /** Sensitive by law itself. */
  readonly sensitive: boolean;
  /** Sensitive itself or has a sensitive descendant: a request naming it is treated as sensitive. */
  readonly mayBeSensitive: boolean;
  readonly citations: readonly string[];
};

const parentOf = (key: string): CategoryKey | null => {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : (key.slice(0, i) as CategoryKey);
};

export const CATEGORY_KEYS = Object.keys(DEFS) as CategoryKey[];

/** Every category, parents first. */
export const CATEGORIES: readonly Category[] = CATEGORY_KEYS.map((key) => {
  const def: CategoryDef = DEFS[key];
  const sensitive = def.sensitive === true;
  const mayBeSensitive = sensitive || CATEGORY_KEYS.some((k) => k.startsWith(`${key}.`) && (DEFS[k] as CategoryDef).sensitive === true);
  return Object.freeze({ key, parent: parentOf(key), description: def.description, sensitive, mayBeSensitive, citations: def.citations ?? [] });
});

/** True when `key` is `ancestor` or lies under it in the hierarchy. */
export function isWithin(key: string, ancestor: string): boolean {
  return key === ancestor || (key.length > ancestor.length && key.startsWith(ancestor) && key.charCodeAt(ancestor.length) === 46 /* . */);
}
