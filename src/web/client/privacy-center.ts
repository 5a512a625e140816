// The privacy center (C22, C34): sign in by e-mail link, see every consent and when, with the
// words agreed to; withdraw with one click; give one only by ticking an unticked box; restrict,
// object, and lift one's own restriction.
import { api, byId, el, errorMessage, formatDate, lang, one, onSubmit, rememberCsrf, t, table, type In, type Out } from './lib/app.ts';
import type { CenterConsentBody, CenterConsents, CenterRestrictionBody, MeOut, SessionBody, SignInBody } from '../../routes/privacy-center/schema.ts';

type State = Out<typeof CenterConsents>;
type Notice = State['notices'][number];

const root = byId('pc');
const tenantId = root.dataset.tenant || null;
const shop = root.dataset.shop ?? '';
const main = byId('pc-main');
const ok = byId('pc-ok');
const problem = byId('pc-error');

// The taxonomy's names, rendered by the server in the page's language.
const PURPOSE_LABELS = JSON.parse(byId('pc-purposes').textContent ?? '{}') as Record<string, string>;
const purposeLabel = (p: string | null): string => (p ? PURPOSE_LABELS[p] ?? p : t('pc.restrict.all'));
const giveOrWithdraw = (body: In<typeof CenterConsentBody>) => api('POST', '/api/privacy-center/me/consents', body);

function say(message: string, isError = false): void {
  ok.hidden = true;
  problem.hidden = true;
  const box = isError ? problem : ok;
  box.textContent = message;
  box.hidden = false;
}

/** The latest version of each notice, preferring the page's language. */
function offeredNotices(notices: readonly Notice[]): Notice[] {
  const latest = new Map<string, Notice>();
  for (const n of notices) {
    const k = `${n.slug}|${n.lang}`;
    const seen = latest.get(k);
    if (!seen || seen.version < n.version) latest.set(k, n);
  }
  const bySlug = new Map<string, Notice>();
  for (const n of latest.values()) if (!bySlug.has(n.slug) || n.lang === lang) bySlug.set(n.slug, n);
  return [...bySlug.values()];
}

function renderCurrent(state: State, noticeById: Map<string, Notice>): void {
  const given = state.current.filter((c) => c.given);
  const box = byId('pc-current');
  if (!given.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.current.empty')));
  box.replaceChildren(el('ul', { class: 'consent-list' }, given.map((c) => {
    const n = c.notice ? noticeById.get(c.notice.id) : undefined;
    return el('li', { class: 'consent', 'data-purpose': c.purpose },
      el('h3', {}, purposeLabel(c.purpose), c.marketing ? el('span', { class: 'badge' }, t('pc.marketing')) : null),
      el('p', { class: 'meta' }, t('pc.current.since', { when: formatDate(c.recordedAt, true) })),
      n ? el('figure', {}, el('figcaption', {}, t('pc.current.noticeShown', { version: n.version })), el('blockquote', { lang: n.lang }, n.wording)) : null,
      el('button', { type: 'button', class: 'button button-small', 'data-withdraw': c.purpose, 'aria-label': `${t('pc.withdraw')}: ${purposeLabel(c.purpose)}` }, t('pc.withdraw')));
  })));
}

function offerForm(n: Notice, givenNow: Set<string>): HTMLFormElement {
  const id = `pc-offer-${n.id}`;
  // Never pre-ticked: the box starts empty and only the person's tick sends `given: true`.
  const form = el('form', { class: 'offer', 'data-notice': n.id, novalidate: true },
    el('div', { class: 'check' },
      el('input', { type: 'checkbox', id, name: 'agree' }),
      el('label', { for: id, lang: n.lang }, n.wording)),
    el('p', { class: 'meta' }, n.purposes.map(purposeLabel).join(', '), n.marketing ? ` · ${t('pc.marketing')}` : ''),
    el('p', { class: 'form-error', role: 'alert', hidden: true }),
    el('button', { type: 'submit', class: 'button button-small' }, t('pc.offer.agree')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = one(form, '.form-error');
    err.hidden = true;
    if (!(form.elements.namedItem('agree') as HTMLInputElement).checked) {
      err.textContent = t('pc.offer.tick');
      err.hidden = false;
      return;
    }
    try {
      for (const purpose of n.purposes.filter((p) => !givenNow.has(p))) await giveOrWithdraw({ purpose, given: true, noticeId: n.id });
      await load();
      say(t('pc.given'));
    } catch (error) {
      err.textContent = errorMessage(error);
      err.hidden = false;
    }
  });
  return form;
}

function renderOffers(state: State): void {
  const givenNow = new Set(state.current.filter((c) => c.given).map((c) => c.purpose));
  const offers = offeredNotices(state.notices).filter((n) => n.purposes.some((p) => !givenNow.has(p)));
  const box = byId('pc-offers');
  if (!offers.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.offer.empty')));
  box.replaceChildren(...offers.map((n) => offerForm(n, givenNow)));
}

function renderRestrictions(state: State): void {
  const box = byId('pc-restrictions');
  if (!state.restrictions.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.restrict.empty')));
  box.replaceChildren(el('ul', { class: 'restriction-list' }, state.restrictions.map((r) => el('li', { 'data-restriction': r.id },
    el('strong', {}, t(`pc.restrict.kind.${r.kind}`)), ' · ', purposeLabel(r.purpose), ' · ', formatDate(r.createdAt, true), ' · ',
    r.active
      ? [el('span', { class: 'badge badge-ok' }, t('pc.restrict.active')), ' ',
        el('button', { type: 'button', class: 'button button-quiet button-small', 'data-lift': r.id, 'aria-label': `${t('pc.restrict.lift')}: ${t(`pc.restrict.kind.${r.kind}`)} · ${purposeLabel(r.purpose)}` }, t('pc.restrict.lift'))]
      : el('span', { class: 'badge' }, t(`pc.restrict.liftedBy.${r.lifted?.by ?? 'subject'}`, { reference: r.lifted?.reference ?? '' }))))));
}

function renderHistory(state: State): void {
  const box = byId('pc-history');
  if (!state.history.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.history.empty')));
  box.replaceChildren(table(t('pc.history.title'), [t('pc.history.when'), t('pc.history.purpose'), t('pc.history.action'), t('pc.history.method')],
    state.history.map((c) => el('tr', {},
      el('td', {}, formatDate(c.recordedAt, true)),
      el('td', {}, purposeLabel(c.purpose)),
      el('td', {}, c.given ? t('pc.history.given') : t('pc.history.withdrawn')),
      el('td', {}, t(`method.${c.method}`))))));
}

async function load(): Promise<void> {
  const state = await api<State>('GET', '/api/privacy-center/me/consents');
  const noticeById = new Map(state.notices.map((n) => [n.id, n]));
  renderCurrent(state, noticeById);
  renderOffers(state);
  renderRestrictions(state);
  renderHistory(state);
}

/** The value of `attr` on the clicked element or its nearest ancestor that has it. */
const clicked = (e: Event, attr: string): string | undefined => (e.target instanceof Element ? e.target.closest(`[${attr}]`)?.getAttribute(attr) ?? undefined : undefined);

byId('pc-current').addEventListener('click', async (e) => {
  const purpose = clicked(e, 'data-withdraw');
  if (!purpose) return;
  try {
    // One click, as easy as giving: no confirmation step.
    await giveOrWithdraw({ purpose, given: false });
    await load();
    say(t('pc.withdrawn'));
  } catch (err) {
    say(errorMessage(err), true);
  }
});

byId('pc-restrictions').addEventListener('click', async (e) => {
  const id = clicked(e, 'data-lift');
  if (!id) return;
  try {
    await api('POST', `/api/privacy-center/me/restrictions/${encodeURIComponent(id)}/lift`);
    await load();
  } catch (err) {
    say(errorMessage(err), true);
  }
});

onSubmit(byId<HTMLFormElement>('pc-restrict-form'), async ({ kind, purpose }) => {
  const body = (purpose ? { kind, purpose } : { kind }) as In<typeof CenterRestrictionBody>;
  await api('POST', '/api/privacy-center/me/restrictions', body);
  await load();
});

onSubmit(byId<HTMLFormElement>('pc-signin-form'), async ({ email = '' }) => {
  const body: In<typeof SignInBody> = { email, lang };
  await api('POST', `/api/privacy-center/${encodeURIComponent(tenantId ?? '')}/sign-in`, body);
  byId('pc-sent').hidden = false;
});

byId('pc-signout').addEventListener('click', async () => {
  await api('POST', '/api/privacy-center/sign-out').catch(() => undefined);
  location.reload();
});

async function start(): Promise<void> {
  const token = new URLSearchParams(location.search).get('token');
  const status = byId('pc-status');
  let failed: unknown = null;
  if (token) {
    status.hidden = false;
    // The link works once: drop it from the address bar and history before anything else.
    history.replaceState(null, '', location.pathname);
    try {
      const body: In<typeof SessionBody> = { token };
      await api('POST', '/api/privacy-center/session', body);
    } catch (err) {
      failed = err;
    }
    status.hidden = true;
  }
  const me = await api<Out<typeof MeOut>>('GET', '/api/privacy-center/me');
  const mine = me.signedIn && (tenantId === null || (me.as === 'subject' && me.tenantId === tenantId));
  if (!mine) {
    const box = byId('pc-signin');
    box.hidden = false;
    if (failed) {
      const err = one(box, '.form-error');
      err.textContent = errorMessage(failed);
      err.hidden = false;
    }
    return;
  }
  rememberCsrf(me.csrfToken);
  byId('pc-lead').textContent = me.as === 'customer' ? t('pc.leadCustomer') : t('pc.lead', { shop: me.shop ?? shop });
  byId('pc-signout').hidden = me.as !== 'subject';
  main.hidden = false;
  await load();
}

start().catch((err: unknown) => say(errorMessage(err), true));
