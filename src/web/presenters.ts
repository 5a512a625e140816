/**
 * What of a person the web pages may show: the presenters are the only way a sealed value
 * reaches a page, and each names the personal fields it lets through. A page that shows another
 * (a phone, an address) must name it here first; `test/web/presenters.test.ts` visits every
 * page route the app registers, as every kind of visitor, and fails when one renders a personal
 * value no presenter names.
 */
import type { LedgerSubjectType } from '../consents/index.ts';
import type { OpenedSubscriber } from '../subjects/subscribers.ts';

export type SubjectSummary = { type: LedgerSubjectType; id: string; name: string; source: string; legalBasis: string | null; createdAt: Date };

/** The personal fields each presenter lets through to a page, by the opened record's field name. */
export const PAGE_PERSONAL_FIELDS = {
  subscriber: ['displayName'],
  buyer: ['name'],
  // The profile page shows the signed-in Customer their own registration data (ProfileOut, C32).
  customer: ['name', 'company', 'billingAddress'],
} as const;

type Row = { id: string; source: string; created_at: Date };

/** A Subscriber as console pages show them: the display name, never phone, e-mail or channel id. */
export function presentSubscriberSummary(r: Row & { legal_basis: string | null }, opened: Pick<OpenedSubscriber, 'displayName'>): SubjectSummary {
  return { type: 'subscriber', id: r.id, name: opened.displayName, source: r.source, legalBasis: r.legal_basis, createdAt: r.created_at };
}

/** A Buyer as console pages show them: the name, never phone, e-mail or address. */
export function presentBuyerSummary(r: Row, opened: { name: string }): SubjectSummary {
  return { type: 'buyer', id: r.id, name: opened.name, source: r.source, legalBasis: null, createdAt: r.created_at };
}
