/* global document, location, history, URLSearchParams */
// The privacy center (C22, C34): sign in by e-mail link, see every consent and when, with the
// words agreed to; withdraw with one click; give one only by ticking an unticked box; restrict,
// object, and lift one's own restriction.
import { api, el, errorMessage, formatDate, lang, onSubmit, rememberCsrf, t } from './app.js';

const root = document.getElementById('pc');
const tenantId = root.dataset.tenant || null;
const shop = root.dataset.shop;
const main = document.getElementById('pc-main');
const ok = document.getElementById('pc-ok');
const problem = document.getElementById('pc-error');

const purposeLabel = (p) => (p ? t(`purpose.${p}`) : t('pc.restrict.all'));

function say(message, isError = false) {
  ok.hidden = true;
  problem.hidden = true;
  const box = isError ? problem : ok;
  box.textContent = message;
  box.hidden = false;
}

/** The latest version of each notice, preferring the page's language. */
function offeredNotices(notices) {
  const latest = new Map();
  for (const n of notices) {
    const k = `${n.slug}|${n.lang}`;
    if (!latest.has(k) || latest.get(k).version < n.version) latest.set(k, n);
  }
  const bySlug = new Map();
  for (const n of latest.values()) if (!bySlug.has(n.slug) || n.lang === lang) bySlug.set(n.slug, n);
  return [...bySlug.values()];
}

function renderCurrent(state, noticeById) {
  const given = state.current.filter((c) => c.given);
  const box = document.getElementById('pc-current');
  if (!given.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.current.empty')));
  box.replaceChildren(el('ul', { class: 'consent-list' }, given.map((c) => {
    const n = c.notice ? noticeById.get(c.notice.id) : null;
    return el('li', { class: 'consent', 'data-purpose': c.purpose },
      el('h3', {}, purposeLabel(c.purpose), c.marketing ? el('span', { class: 'badge' }, t('pc.marketing')) : null),
      el('p', { class: 'meta' }, t('pc.current.since', { when: formatDate(c.recordedAt, true) })),
      n ? el('figure', {}, el('figcaption', {}, t('pc.current.noticeShown', { version: n.version })), el('blockquote', { lang: n.lang }, n.wording)) : null,
      el('button', { type: 'button', class: 'button button-small', 'data-withdraw': c.purpose, 'aria-label': `${t('pc.withdraw')}: ${purposeLabel(c.purpose)}` }, t('pc.withdraw')));
  })));
}

function renderOffers(state) {
  const givenNow = new Set(state.current.filter((c) => c.given).map((c) => c.purpose));
  const offers = offeredNotices(state.notices).filter((n) => n.purposes.some((p) => !givenNow.has(p)));
  const box = document.getElementById('pc-offers');
  if (!offers.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.offer.empty')));
  box.replaceChildren(...offers.map((n) => {
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
      const err = form.querySelector('.form-error');
      err.hidden = true;
      if (!form.elements.namedItem('agree').checked) {
        err.textContent = t('pc.offer.tick');
        err.hidden = false;
        return;
      }
      try {
        for (const purpose of n.purposes.filter((p) => !givenNow.has(p))) {
          await api('POST', '/api/privacy-center/me/consents', { purpose, given: true, noticeId: n.id });
        }
        await load();
        say(t('pc.given'));
      } catch (error) {
        err.textContent = errorMessage(error);
        err.hidden = false;
      }
    });
    return form;
  }));
}

function renderRestrictions(state) {
  const box = document.getElementById('pc-restrictions');
  if (!state.restrictions.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.restrict.empty')));
  box.replaceChildren(el('ul', { class: 'restriction-list' }, state.restrictions.map((r) => el('li', { 'data-restriction': r.id },
    el('strong', {}, t(`pc.restrict.kind.${r.kind}`)), ' · ', purposeLabel(r.purpose), ' · ', formatDate(r.createdAt, true), ' · ',
    r.active
      ? [el('span', { class: 'badge badge-ok' }, t('pc.restrict.active')), ' ',
        el('button', { type: 'button', class: 'button button-quiet button-small', 'data-lift': r.id, 'aria-label': `${t('pc.restrict.lift')}: ${t(`pc.restrict.kind.${r.kind}`)} · ${purposeLabel(r.purpose)}` }, t('pc.restrict.lift'))]
      : el('span', { class: 'badge' }, t(`pc.restrict.liftedBy.${r.lifted.by}`, { reference: r.lifted.reference ?? '' }))))));
}

function renderHistory(state) {
  const box = document.getElementById('pc-history');
  if (!state.history.length) return box.replaceChildren(el('p', { class: 'empty' }, t('pc.history.empty')));
  box.replaceChildren(el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('pc.history.title') },
    el('table', {}, el('thead', {}, el('tr', {}, [t('pc.history.when'), t('pc.history.purpose'), t('pc.history.action'), t('pc.history.method')].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, state.history.map((c) => el('tr', {},
        el('td', {}, formatDate(c.recordedAt, true)),
        el('td', {}, purposeLabel(c.purpose)),
        el('td', {}, c.given ? t('pc.history.given') : t('pc.history.withdrawn')),
        el('td', {}, t(`method.${c.method}`))))))));
}

async function load() {
  const state = await api('GET', '/api/privacy-center/me/consents');
  const noticeById = new Map(state.notices.map((n) => [n.id, n]));
  renderCurrent(state, noticeById);
  renderOffers(state);
  renderRestrictions(state);
  renderHistory(state);
}

document.getElementById('pc-current').addEventListener('click', async (e) => {
  const purpose = e.target.closest?.('[data-withdraw]')?.dataset.withdraw;
  if (!purpose) return;
  try {
    // One click, as easy as giving: no confirmation step.
    await api('POST', '/api/privacy-center/me/consents', { purpose, given: false });
    await load();
    say(t('pc.withdrawn'));
  } catch (err) {
    say(errorMessage(err), true);
  }
});

document.getElementById('pc-restrictions').addEventListener('click', async (e) => {
  const id = e.target.closest?.('[data-lift]')?.dataset.lift;
  if (!id) return;
  try {
    await api('POST', `/api/privacy-center/me/restrictions/${encodeURIComponent(id)}/lift`);
    await load();
  } catch (err) {
    say(errorMessage(err), true);
  }
});

onSubmit(document.getElementById('pc-restrict-form'), async ({ kind, purpose }) => {
  await api('POST', '/api/privacy-center/me/restrictions', purpose ? { kind, purpose } : { kind });
  await load();
});

onSubmit(document.getElementById('pc-signin-form'), async ({ email }) => {
  await api('POST', `/api/privacy-center/${encodeURIComponent(tenantId)}/sign-in`, { email, lang });
  document.getElementById('pc-sent').hidden = false;
});

document.getElementById('pc-signout').addEventListener('click', async () => {
  await api('POST', '/api/privacy-center/sign-out').catch(() => undefined);
  location.reload();
});

async function start() {
  const token = new URLSearchParams(location.search).get('token');
  const status = document.getElementById('pc-status');
  let failed = null;
  if (token) {
    status.hidden = false;
    // The link works once: drop it from the address bar and history before anything else.
    history.replaceState(null, '', location.pathname);
    try {
      await api('POST', '/api/privacy-center/session', { token });
    } catch (err) {
      failed = err;
    }
    status.hidden = true;
  }
  const me = await api('GET', '/api/privacy-center/me');
  const mine = me.signedIn && (tenantId === null || (me.as === 'subject' && me.tenantId === tenantId));
  if (!mine) {
    const box = document.getElementById('pc-signin');
    box.hidden = false;
    if (failed) {
      const err = box.querySelector('.form-error');
      err.textContent = errorMessage(failed);
      err.hidden = false;
    }
    return;
  }
  rememberCsrf(me.csrfToken);
  document.getElementById('pc-lead').textContent = me.as === 'customer' ? t('pc.leadCustomer') : t('pc.lead', { shop: me.shop ?? shop });
  document.getElementById('pc-signout').hidden = me.as !== 'subject';
  main.hidden = false;
  await load();
}

start().catch((err) => say(errorMessage(err), true));
