import type { Keys } from '../../crypto/keys.ts';
import { openSubscriber, type SubscriberRow } from '../../subjects/subscribers.ts';
import type { SubscriberOut } from './schema.ts';

export { SUBSCRIBER_COLUMNS, type SubscriberRow } from '../../subjects/subscribers.ts';

/** The only shape in which a Subscriber leaves the API; the sealed columns are opened here (C07). */
export const presentSubscriber = (keys: Pick<Keys, 'data'>, r: SubscriberRow): SubscriberOut => {
  const o = openSubscriber(keys, r);
  return {
    id: r.id, channel: r.channel, displayName: o.displayName, phone: o.phone, email: o.email,
    source: r.source, legalBasis: r.legal_basis, createdAt: new Date(r.created_at).toISOString(),
  };
};
