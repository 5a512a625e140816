import { z } from 'zod';
import { identifier } from '../../guard/schema.ts';

const Service = identifier(/^[\p{L}\p{N} .&'-]+$/u, { max: 60 });

export const BannerChoiceBody = z.strictObject({
  site: z.uuid(),
  /** The consent id the browser holds from an earlier choice; absent on a first choice. */
  visitor: z.uuid().nullable().optional(),
  /** One id per click: a retried request records the choice once. */
  choice: z.uuid(),
  /** The notice version the page's banner shows (`data-notice`). */
  notice: identifier(/^[A-Za-z0-9._-]+$/, { max: 40 }),
  lang: z.enum(['vi', 'en']),
  analytics: z.boolean(),
  marketing: z.boolean(),
  gpc: z.boolean(),
  dnt: z.boolean(),
  /** The services the banner lists under each category (the page's `data-services-*`): part of the words shown. */
  services: z.strictObject({ analytics: z.array(Service).max(10), marketing: z.array(Service).max(10) }).optional(),
});

export const BannerReceiptOut = z.object({
  visitor: z.uuid(),
  noticeHash: z.string(),
  replayed: z.boolean(),
  analytics: z.boolean(),
  marketing: z.boolean(),
  records: z.array(z.object({ category: z.enum(['analytics', 'marketing']), id: z.uuid(), given: z.boolean() })),
});

export const SiteParams = z.strictObject({ id: z.uuid() });
export const NoticeVersionBody = z.strictObject({ noticeVersion: identifier(/^[A-Za-z0-9._-]+$/, { max: 40 }) });
