import type { SubscriberOut } from './schema.ts';

import type { SubscriberRow } from '../../subjects/subscribers.ts';

export { SUBSCRIBER_COLUMNS, type SubscriberRow } from '../../subjects/subscribers.ts';

/** The only shape in which a Subscriber leaves the API. */
export const presentSubscriber = (r: SubscriberRow): SubscriberOut => ({
  id: r.id, channel: r.channel, displayName: r.display_name, phone: r.phone, email: r.email,
  source: r.source, legalBasis: r.legal_basis, createdAt: new Date(r.created_at).toISOString(),
});
