/**
 * The tracker: page views (SPA navigation too), custom events, outbound clicks, time on page
 * (sent with sendBeacon when the page hides) and visit frequency. It sends nothing, and sets
 * no cookie, until the banner's analytics consent allows it (or the site declares another basis
 * with data-basis="legitimate", which still sets no cookie).
 * @clause C12 @clause C13
 */
type C = { analytics: boolean; marketing: boolean; gpc: boolean };
type P = { consent?: { get(): C; on(f: (c: C) => void): void }; track?: (name: string) => void };
const w = window as Window & { pledge?: P };
const me = document.currentScript as HTMLScriptElement | null;
const d = me?.dataset ?? {};
const endpoint = d.endpoint ?? '/api/collect';
const legit = d.basis === 'legitimate';
let queue: Record<string, unknown>[] = [];
let shownAt = Date.now();
let visit = 0;
let last = '';

const consent = (): C => w.pledge?.consent?.get() ?? { analytics: false, marketing: false, gpc: false };
const allowed = () => legit || consent().analytics;

function flush(beacon?: boolean): void {
  if (!queue.length || !d.site) return;
  const c = consent();
  const body = JSON.stringify({ site: d.site, consent: { analytics: allowed(), marketing: c.marketing, gpc: c.gpc }, events: queue });
  queue = [];
  if (!(beacon && navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' })))) {
    void fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(() => undefined);
  }
}

function send(kind: string, extra: Record<string, unknown> = {}, beacon?: boolean): void {
  if (!allowed()) return;
  queue.push({ kind, at: Date.now(), url: location.href, ...extra });
  if (queue.length > 9 || beacon) flush(beacon);
  else setTimeout(flush, 300);
}

// Visit frequency: a first-party counter, only once consent allows storage.
function countVisit(): number {
  if (!consent().analytics) return 1;
  const m = /(?:^|; )_pa=(\d+)\.(\d+)/.exec(document.cookie);
  const n = m ? Number(m[1]) : 0;
  const fresh = !m || Date.now() - Number(m[2]) > 1800_000;
  const v = fresh ? n + 1 : n || 1;
  document.cookie = `_pa=${v}.${Date.now()}; path=/; max-age=31536000; SameSite=Lax`;
  return v;
}

function pageview(): void {
  if (!allowed() || location.href === last) return;
  last = location.href;
  visit = visit || countVisit();
  send('pageview', { referrer: document.referrer || undefined, visit });
}

const hist = history.pushState;
history.pushState = function (...a: Parameters<typeof hist>) { hist.apply(this, a); pageview(); };
addEventListener('popstate', pageview);
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (a && a.host !== location.host) send('outbound', { href: a.href }, true);
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') send('engagement', { engagedMs: Date.now() - shownAt }, true);
  else shownAt = Date.now();
});
w.pledge = { ...w.pledge, track: (name: string) => send('event', { name }) };
w.pledge.consent?.on((c) => { if (c.analytics) pageview(); else last = ''; });
pageview();
