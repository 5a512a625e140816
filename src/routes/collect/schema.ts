import { z } from 'zod';
import { exemptString, identifier } from '../../guard/schema.ts';

// A URL is reduced by the ingest to its path, the site's UTM keys and search term, and is never stored whole.
const Url = exemptString(z.string().max(2000), 'a page URL: the ingest keeps only its path and the site\'s allowed query keys (src/analytics/ingest.ts)');
const KIND = ['pageview', 'event', 'outbound', 'search', 'engagement', 'consent', 'retarget'] as const;

export const CollectEvent = z.strictObject({
  kind: z.enum(KIND),
  at: z.number().int().nonnegative(),
  url: Url,
  referrer: Url.optional(),
  name: identifier(/^[\p{L}\p{N} _.:-]+$/u, { max: 60 }).optional(),
  href: Url.optional(),
  engagedMs: z.number().int().min(0).max(86_400_000).optional(),
  visit: z.number().int().min(1).max(100_000).optional(),
});

export const CollectBody = z.strictObject({
  site: z.uuid(),
  consent: z.strictObject({ analytics: z.boolean(), marketing: z.boolean(), gpc: z.boolean() }),
  events: z.array(CollectEvent).min(1).max(50),
});

export const CollectOut = z.object({ accepted: z.number().int(), dropped: z.record(z.string(), z.number().int()) });
