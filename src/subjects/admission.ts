/**
 * The gate's view of a Subscriber who does not exist yet: the records their creation would
 * stand on. Creating a contact without a permission or a legal basis is refused (C10).
 * @clause C10
 */
import { randomUUID } from 'node:crypto';
import { SUBSCRIBER_BASIS_PURPOSES } from '../consents/snapshot.ts';
import type { Located } from '../http/declare.ts';
import { isProcessingBasis, sourceTags, type SourceKey } from '../domain/taxonomy/index.ts';

type NewSubscriber = { legalBasis: string; source: string };

export function newSubscriberRecords(tenantId: string, b: NewSubscriber): Located {
  const id = randomUUID();
  const at = Date.now();
  // The source key names its general source: `google_api.*` is Limited Use (C20).
  const sources: SourceKey[] = sourceTags(b.source);
  const subject = { tenantId, type: 'subscriber' as const, id };
  const base = { subject: { type: 'subscriber' as const, id, tenantId }, sources };
  if (b.legalBasis === 'consent') {
    // The opt-in itself (a first message, "Get Started", a keyword) is the consent the contact is held on.
    return { subject, records: { ...base, consents: SUBSCRIBER_BASIS_PURPOSES.map((purpose) => ({ id: `new:${id}:${purpose}`, purpose, given: true, at })) } };
  }
  if (!isProcessingBasis(b.legalBasis)) return { subject, records: base };
  return { subject, records: { ...base, legalBases: [{ id: `new:${id}:basis`, basis: b.legalBasis as 'contract', purposes: SUBSCRIBER_BASIS_PURPOSES, at }] } };
}
