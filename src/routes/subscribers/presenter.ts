import type { SubscriberOut } from './schema.ts';

export type SubscriberRow = {
  id: string; channel: string; display_name: string; phone: string | null; email: string | null;
  source: string; legal_basis: string; created_at: Date;
};

export const SUBSCRIBER_COLUMNS = 'id, channel, display_name, phone, email, source, legal_basis, created_at';

/** The only shape in which a Subscriber leaves the API. */
export const presentSubscriber = (r: SubscriberRow): SubscriberOut => ({
  id: r.id, channel: r.channel, displayName: r.display_name, phone: r.phone, email: r.email,
  source: r.source, legalBasis: r.legal_basis, createdAt: new Date(r.created_at).toISOString(),
});
