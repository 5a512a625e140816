/**
 * What the ingest keeps of a user agent: browser family, OS family and form factor, never the
 * string itself; and whether it is a bot, whose events are dropped. Pure.
 */
export type Agent = { agentFamily: string; osFamily: string; formFactor: 'mobile' | 'tablet' | 'desktop' };

// Crawlers, monitors, HTTP libraries and headless automation announce themselves in the agent.
const BOT = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|headlesschrome|phantomjs|lighthouse|pingdom|curl\/|wget\/|python-|go-http|node-fetch|axios\/|java\/|okhttp|scrapy|httpclient/i;

/** True for a user agent that is a bot, an HTTP library or empty. */
export const isBot = (ua: string): boolean => ua.trim().length < 10 || BOT.test(ua);

const FAMILIES: readonly [RegExp, string][] = [
  [/edg(e|a|ios)?\//i, 'Edge'], [/coc_coc|coccoc/i, 'Cốc Cốc'], [/opr\/|opera/i, 'Opera'], [/samsungbrowser/i, 'Samsung Internet'],
  [/zalo/i, 'Zalo'], [/fban|fbav/i, 'Facebook'], [/firefox|fxios/i, 'Firefox'], [/chrome|crios|chromium/i, 'Chrome'], [/safari/i, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/windows/i, 'Windows'], [/iphone|ipad|ipod/i, 'iOS'], [/android/i, 'Android'], [/mac os x|macintosh/i, 'macOS'], [/cros/i, 'ChromeOS'], [/linux/i, 'Linux'],
];
const first = (ua: string, list: readonly [RegExp, string][]) => list.find(([re]) => re.test(ua))?.[1] ?? 'Other';

/** The families of a (non-bot) user agent. */
export function parseAgent(ua: string): Agent {
  const formFactor = /ipad|tablet/i.test(ua) ? 'tablet' : /mobi|iphone|android/i.test(ua) ? 'mobile' : 'desktop';
  return { agentFamily: first(ua, FAMILIES), osFamily: first(ua, SYSTEMS), formFactor };
}
