import { createHash } from 'node:crypto';
import { dayOf, startOf } from '../../src/analytics/ranges.ts';
import type { EventRow } from '../../src/analytics/writer.ts';

/** `day` at `hh:mm` (+ `s` seconds), UTC. */
export const at = (day: string, hhmm: string, s = 0) => new Date(startOf(day).getTime() + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000 + s * 1000);
// A visitor hash of one day: a daily salt makes every day's hashes new, and so does this.
const hash = (who: string, day: string) => createHash('sha256').update(`${who}|${day}`).digest().subarray(0, 16);

export type Ev = Partial<EventRow> & { kind: EventRow['kind']; at: Date; who: string; path?: string };
/** An event row as the ingest writes it, for visitor `who` (hashed per day). */
export const eventRow = (site: string, e: Ev): EventRow => ({
  siteId: site, path: '/', referrerHost: null, utmSource: null, utmMedium: null, utmCampaign: null, goal: null, searchTerm: null, outboundUrl: null,
  engagedMs: null, visitNumber: null, country: null, agentFamily: 'Chrome', osFamily: 'Android', formFactor: 'mobile',
  consentAnalytics: true, consentMarketing: false, gpc: false, userId: null, ...e, visitorHash: hash(e.who, dayOf(e.at)),
});
