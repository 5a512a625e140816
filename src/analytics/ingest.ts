/**
 * The privacy-first ingest: a batch from the browser SDK becomes event rows. The raw IP and the
 * user agent are used here and dropped: what is stored is the visitor hash (keyed by the day's
 * salt), browser/OS families, the path without its query (only the site's UTM keys and search
 * parameter survive, in their own columns). Nothing beyond the necessary is kept without the
 * visitor's analytics consent; retargeting events need marketing consent and no GPC.
 * @clause C12 Log Data of each kind is collected and stored.
 * @clause C13 cookie preferences are honoured: no consent, no event.
 * @clause C37 the marketing tag's visits are recorded only with marketing consent.
 */
import { truncateIp } from '../policies/ip.ts';
import type { Db } from '../db/index.ts';
import { isBot, parseAgent } from './agent.ts';
import { count, type DropReason } from './counters.ts';
import { saltFor, visitorHash } from './salts.ts';
import { findSite, type Site } from './sites.ts';
import { writerFor, type EventRow } from './writer.ts';

export type IncomingEvent = {
  kind: 'pageview' | 'event' | 'outbound' | 'search' | 'engagement' | 'consent' | 'retarget';
  /** Milliseconds since the epoch on the visitor's clock. */
  at: number;
  url: string;
  referrer?: string | undefined;
  name?: string | undefined;
  href?: string | undefined;
  engagedMs?: number | undefined;
  visit?: number | undefined;
};
export type Batch = {
  site: string;
  consent: { analytics: boolean; marketing: boolean; gpc: boolean };
  events: IncomingEvent[];
};
export type Requester = { ip: string | undefined; ua: string; origin: string | undefined; secGpc: boolean; userId: string | null };
export type IngestResult = { ok: true; accepted: number; dropped: Partial<Record<DropReason, number>> } | { ok: false; reason: DropReason };

const PAST_MS = 24 * 3600_000;
const FUTURE_MS = 5 * 60_000;
const buckets = new Map<string, { tokens: number; at: number }>();

/** A token bucket per site (one second of burst), so one site's flood is cut without blocking any other site. */
function takeSiteTokens(site: string, n: number, now: number, perSecond: number): boolean {
  const b = buckets.get(site) ?? { tokens: perSecond, at: now };
  b.tokens = Math.min(perSecond, b.tokens + ((now - b.at) / 1000) * perSecond);
  b.at = now;
  buckets.set(site, b);
  if (b.tokens < n) return false;
  b.tokens -= n;
  return true;
}

const clip = (s: string | null | undefined, max: number): string | null => (s ? s.slice(0, max) : null);

/** The parts of a page URL that may be stored: the path, the site's UTM keys, its search term. */
export function splitUrl(url: string, site: Pick<Site, 'utm_keys' | 'search_param'>): { path: string; utm: Record<string, string | null>; search: string | null } | null {
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  const keep = (k: string) => (site.utm_keys.includes(k) ? clip(u.searchParams.get(k), 100) : null);
  return {
    path: clip(u.pathname, 300) ?? '/',
    utm: { utm_source: keep('utm_source'), utm_medium: keep('utm_medium'), utm_campaign: keep('utm_campaign') },
    search: site.search_param ? clip(u.searchParams.get(site.search_param)?.trim(), 100) : null,
  };
}

const hostOf = (s: string | undefined): string | null => {
  if (!s) return null;
  try { return new URL(s).hostname.slice(0, 253) || null; } catch { return null; }
};
// An outbound link keeps its origin and path: a query string can carry anything.
const linkOf = (s: string | undefined): string | null => {
  if (!s) return null;
  try { const u = new URL(s); return `${u.origin}${u.pathname}`.slice(0, 300); } catch { return null; }
};

export type IngestOptions = { sitePerSecond: number; now?: number };

/** Checks, filters and stores one batch; never throws for bad input, counts it instead. */
export async function ingest(db: Db, batch: Batch, who: Requester, o: IngestOptions): Promise<IngestResult> {
  const now = o.now ?? Date.now();
  const refuse = (reason: DropReason): IngestResult => { count(reason); return { ok: false, reason }; };
  const site = await findSite(db, batch.site);
  if (!site) return refuse('unknown_site');
  if (!who.origin || !site.origins.includes(who.origin)) return refuse('forged_origin');
  if (isBot(who.ua)) return refuse('bot');
  if (!takeSiteTokens(site.id, batch.events.length, now, o.sitePerSecond)) return refuse('rate_limited');

  const dropped: Partial<Record<DropReason, number>> = {};
  const drop = (r: DropReason) => { dropped[r] = (dropped[r] ?? 0) + 1; count(r); };
  const gpc = batch.consent.gpc || who.secGpc;
  const analytics = batch.consent.analytics;
  const marketing = batch.consent.marketing && !gpc;
  const ip = truncateIp(who.ip) ?? '0.0.0.0';
  const agent = parseAgent(who.ua);
  const salt = await saltFor(db, new Date(now));
  const hash = visitorHash(salt, site.id, ip, who.ua);
  const rows: EventRow[] = [];
  for (const e of batch.events) {
    if (e.at < now - PAST_MS || e.at > now + FUTURE_MS) { drop('clock_skew'); continue; }
    // A consent event records the choice itself (for consent rates); everything else needs its category's consent.
    if (e.kind === 'retarget' ? !marketing : e.kind !== 'consent' && !analytics) { drop('no_consent'); continue; }
    const parts = splitUrl(e.url, site);
    if (!parts) { drop('malformed'); continue; }
    rows.push({
      siteId: site.id, at: new Date(e.at), kind: e.kind, visitorHash: hash, path: parts.path, referrerHost: hostOf(e.referrer),
      utmSource: parts.utm.utm_source ?? null, utmMedium: parts.utm.utm_medium ?? null, utmCampaign: parts.utm.utm_campaign ?? null,
      goal: e.kind === 'event' ? clip(e.name, 60) : null,
      searchTerm: e.kind === 'search' || e.kind === 'pageview' ? parts.search : null,
      outboundUrl: e.kind === 'outbound' ? linkOf(e.href) : null,
      engagedMs: e.kind === 'engagement' && e.engagedMs !== undefined ? Math.min(86_400_000, Math.max(0, Math.round(e.engagedMs))) : null,
      visitNumber: e.visit ?? null, country: null, ...agent,
      consentAnalytics: analytics, consentMarketing: marketing, gpc,
      // A signed-in Customer's events are theirs only when they consented to analytics (C12, C13).
      userId: analytics ? who.userId : null,
    });
  }
  await writerFor(db).write(rows);
  count('accepted', rows.length);
  return { ok: true, accepted: rows.length, dropped };
}
