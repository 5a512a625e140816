/**
 * The consent banner: asks for analytics and marketing, Vietnamese or English from the page;
 * Google Consent Mode v2 defaults are set before any tag runs; GPC and Do Not Track turn
 * marketing off by default; `<script type="text/plain" data-category="…">` runs only once its
 * category is granted; a revoked category's cookies are cleared. Every choice is sent to the
 * consent ledger (`/api/banner-consents`: notice version, categories, time, GPC and DNT), which
 * answers with the visitor's consent id, kept in the choice cookie. A new notice version asks
 * again. Headless sites use `pledge.consent.get/set/on`.
 * @clause C13 @clause C37
 */
import CSS from './banner.css';
import { clearCookies, readChoice, readConsentId, uuid, writeChoice, type Choice, type Listener } from './consent.ts';
import { TEXT } from './text.ts';

type W = Window & { dataLayer?: unknown[]; gtag?: (...a: unknown[]) => void; pledge?: Record<string, unknown> };
const w = window as W;
const me = document.currentScript as HTMLScriptElement | null;
const data = me?.dataset ?? {};
const notice = data.notice ?? '1';
const endpoint = data.consentEndpoint ?? (data.endpoint ?? '/api/collect').replace(/collect$/, 'banner-consents');
const cats = (data.categories ?? 'analytics,marketing').split(',') as ('analytics' | 'marketing')[];
// The services under each category, as the page names them: shown, and part of the words the choice is given to.
const servicesOf = { analytics: (data.servicesAnalytics ?? '').split(',').filter(Boolean), marketing: (data.servicesMarketing ?? '').split(',').filter(Boolean) };
const cookiesOf = { analytics: (data.cookiesAnalytics ?? '_pa,_ga,_gid').split(','), marketing: (data.cookiesMarketing ?? '_pm,_fbp,_gcl_au').split(',') };
const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const signals = { gpc: nav.globalPrivacyControl === true, dnt: nav.doNotTrack === '1' };
// Either signal turns marketing off by default; the ledger records which one was on.
const gpc = signals.gpc || signals.dnt;
const lang = /^en/i.test(document.documentElement.lang || navigator.language) ? 'en' : 'vi';
const t = TEXT[lang];
const listeners: Listener[] = [];

// Consent Mode v2: everything denied until a choice says otherwise, before any tag runs.
w.dataLayer = w.dataLayer ?? [];
const gtag = w.gtag ?? function (...a: unknown[]) { w.dataLayer!.push(a); };
w.gtag = gtag;
const modes = (c: Pick<Choice, 'analytics' | 'marketing'>) => {
  const m = c.marketing ? 'granted' : 'denied';
  return { analytics_storage: c.analytics ? 'granted' : 'denied', ad_storage: m, ad_user_data: m, ad_personalization: m };
};
gtag('consent', 'default', { ...modes({ analytics: false, marketing: false }), wait_for_update: 500 });

let current: Choice | null = readChoice(notice);

/** Turns a blocked script of a granted category into a live one (once). */
function activate(c: Choice): void {
  document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-category]').forEach((s) => {
    if (!c[s.dataset.category as 'analytics' | 'marketing']) return;
    const live = document.createElement('script');
    for (const a of Array.from(s.attributes)) if (a.name !== 'type') live.setAttribute(a.name, a.value);
    live.text = s.text;
    s.replaceWith(live);
  });
}

function apply(c: Choice, previous: Choice | null): void {
  gtag('consent', 'update', modes(c));
  for (const k of cats) if (previous?.[k] && !c[k]) clearCookies(cookiesOf[k]);
  activate(c);
  for (const f of listeners) f(c);
}

/** Records a choice: stored, applied, and sent to the ingest as proof. */
function set(p: { analytics: boolean; marketing: boolean }): Choice {
  const previous = current;
  const c: Choice = { analytics: !!p.analytics, marketing: !!p.marketing && !gpc, gpc, notice, at: Date.now(), id: previous?.id || readConsentId() };
  current = c;
  writeChoice(c);
  apply(c, previous);
  if (data.site) {
    const body = JSON.stringify({ site: data.site, visitor: c.id || null, choice: uuid(), notice, lang, analytics: c.analytics, marketing: c.marketing, ...signals, services: servicesOf });
    // The ledger's receipt names the consent id; kept with the choice, so the next one joins it.
    void fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } })
      .then((r) => (r.ok ? r.json() : null)).then((r: { visitor?: string } | null) => { if (r?.visitor && current === c) writeChoice(current = { ...c, id: r.visitor }); }).catch(() => undefined);
  }
  close();
  return c;
}

let box: HTMLElement | null = null;
let back: Element | null = null;

function close(): void {
  box?.remove();
  box = null;
  if (back instanceof HTMLElement) back.focus();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

function styles(): void {
  if (document.getElementById('pc-css')) return;
  // A constructed sheet is not inline style, so a strict CSP (style-src 'self') does not block it.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.head.append(el('meta', { id: 'pc-css' }));
  } catch {
    document.head.append(el('style', { id: 'pc-css', textContent: CSS }));
  }
}

/** Opens the banner (again): the "privacy choices" link calls this. */
function open(): void {
  if (box) return;
  styles();
  back = document.activeElement;
  const checks = cats.map((k) => el('input', { type: 'checkbox', name: k, checked: current ? current[k] : k === 'analytics' ? false : false }));
  const choices = el('fieldset', { hidden: true }, el('legend', {}, t.legend), el('label', {}, el('input', { type: 'checkbox', checked: true, disabled: true }), ' ', t.necessary),
    ...cats.map((k, i) => el('label', {}, checks[i]!, ' ', t[k], servicesOf[k].length ? el('small', {}, ` (${servicesOf[k].join(', ')})`) : '')));
  // The id the ledger knows the visitor by: what to quote when asking about a choice.
  const id = current?.id || readConsentId();
  if (id) choices.append(el('p', { id: 'pc-id' }, `${t.id}: ${id}`));
  const btn = (label: string, primary: boolean, on: () => void) => { const b = el('button', { type: 'button', className: primary ? 'pc-p' : '' }, label); b.onclick = on; return b; };
  const pick = (a: boolean, m: boolean) => () => set({ analytics: a, marketing: m });
  const save = btn(t.save, true, () => set({ analytics: !!checks[cats.indexOf('analytics')]?.checked, marketing: !!checks[cats.indexOf('marketing')]?.checked }));
  save.hidden = true;
  const choose = btn(t.choose, false, () => { choices.hidden = false; save.hidden = false; choose.hidden = true; checks[0]?.focus(); });
  box = el('div', { className: 'pc-b', role: 'dialog', id: 'pledge-consent' },
    el('h2', { id: 'pc-t' }, t.title), el('p', { id: 'pc-d' }, t.body), choices,
    el('div', { className: 'pc-r' }, btn(t.accept, true, pick(true, !gpc)), btn(t.reject, true, pick(false, false)), choose, save));
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'pc-t');
  box.setAttribute('aria-describedby', 'pc-d');
  box.lang = lang;
  // Keyboard only: Tab stays inside the dialog while it is open.
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || !box) return;
    const f = Array.from(box.querySelectorAll<HTMLElement>('button:not([hidden]),input:not([disabled])')).filter((x) => !x.closest('[hidden]'));
    const i = f.indexOf(document.activeElement as HTMLElement);
    if (e.shiftKey ? i <= 0 : i === f.length - 1) { e.preventDefault(); f[e.shiftKey ? f.length - 1 : 0]!.focus(); }
  });
  document.body.append(box);
  box.querySelector('button')!.focus();
}

w.pledge = {
  ...w.pledge,
  consent: {
    /** The choice in force; before any choice, everything but necessary is off (and marketing stays off under GPC). */
    get: (): Choice => current ?? { analytics: false, marketing: false, gpc, notice, at: 0, id: readConsentId() },
    set,
    on: (f: Listener) => void listeners.push(f),
    open,
  },
};

function start(): void {
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('[data-pledge-choices]');
    if (a) { e.preventDefault(); open(); }
  });
  if (current) apply(current, null);
  else if (data.headless === undefined) open();
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
