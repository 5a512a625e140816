/* global document, confirm */
// The profile (C32): edit, see earlier values from the audit log, manage API keys.
import { api, el, errorMessage, formatDate, onSubmit, t } from './app.js';

const form = document.getElementById('profile-form');
const EDITABLE = ['name', 'company', 'billingAddress', 'locale'];
const FIELD_LABEL = { name: 'signup.name', company: 'signup.company', billingAddress: 'signup.billingAddress', locale: 'signup.locale', email: 'profile.email' };

let current = {};

function showProfile(me) {
  current = me;
  for (const dd of document.querySelectorAll('[data-field]')) dd.textContent = me[dd.dataset.field] ?? '';
  document.querySelector('[data-field=role]').textContent = t(`role.${me.role}`);
  for (const f of EDITABLE) if (form.elements.namedItem(f)) form.elements.namedItem(f).value = me[f] ?? '';
}

/** One row per changed field; `changes` is null when only the names of the fields are known. */
function historyRows(res) {
  const rows = [];
  for (const e of res?.items ?? []) {
    if (Array.isArray(e.changes)) for (const c of e.changes) rows.push({ at: e.changedAt, field: c.field, from: c.from, to: c.to });
    else for (const field of e.fields ?? []) rows.push({ at: e.changedAt, field });
  }
  return rows;
}

function table(caption, headers, rows) {
  return el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    el('table', {}, el('caption', { class: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

async function loadHistory() {
  const box = document.getElementById('history');
  try {
    const rows = historyRows(await api('GET', '/api/me/history'));
    if (!rows.length) return box.replaceChildren(el('p', { class: 'empty' }, t('history.empty')));
    box.replaceChildren(table(t('history.title'), [t('history.when'), t('history.field'), t('history.old'), t('history.new')],
      rows.map((r) => el('tr', {},
        el('td', {}, formatDate(r.at, true)),
        el('td', {}, FIELD_LABEL[r.field] ? t(FIELD_LABEL[r.field]) : (r.field ?? '')),
        el('td', { class: 'old' }, r.from ?? '—'),
        el('td', {}, r.to ?? '—')))));
  } catch (err) {
    box.replaceChildren(el('p', { class: 'form-error' }, errorMessage(err)));
  }
}

async function loadKeys() {
  const box = document.getElementById('keys');
  try {
    const keys = (await api('GET', '/api/api-keys'))?.items ?? [];
    if (!keys.length) return box.replaceChildren(el('p', { class: 'empty' }, t('keys.empty')));
    box.replaceChildren(table(t('keys.title'), [t('keys.name'), t('keys.prefix'), t('keys.role'), t('keys.created'), ''],
      keys.map((k) => el('tr', {},
        el('td', {}, k.name ?? ''),
        el('td', {}, el('code', {}, k.prefix ?? '')),
        el('td', {}, t(`role.${k.role}`)),
        el('td', {}, formatDate(k.createdAt)),
        el('td', {}, k.revokedAt
          ? el('span', { class: 'badge' }, t('keys.revoked'))
          : el('button', { type: 'button', class: 'button button-quiet button-small', 'data-revoke': k.id, 'aria-label': `${t('keys.revoke')}: ${k.name ?? k.prefix}` }, t('keys.revoke')))))));
  } catch (err) {
    box.replaceChildren(el('p', { class: 'form-error' }, errorMessage(err)));
  }
}

document.getElementById('keys').addEventListener('click', async (e) => {
  const id = e.target.closest?.('[data-revoke]')?.dataset.revoke;
  if (!id || !confirm(t('keys.confirmRevoke'))) return;
  await api('DELETE', `/api/api-keys/${encodeURIComponent(id)}`).catch(() => undefined);
  await loadKeys();
});

const keyForm = document.getElementById('key-form');
onSubmit(keyForm, async (values) => {
  const created = await api('POST', '/api/api-keys', values);
  const shown = document.getElementById('new-key');
  shown.querySelector('code').textContent = created.key;
  shown.hidden = false;
  keyForm.reset();
  await loadKeys();
});

onSubmit(form, async (values) => {
  form.querySelector('.form-ok').hidden = true;
  const patch = {};
  // Only what changed is sent, so the history records real changes only.
  for (const f of EDITABLE) if (f in values && values[f] !== (current[f] ?? '')) patch[f] = values[f];
  if (Object.keys(patch).length) showProfile(await api('PATCH', '/api/me', patch));
  form.querySelector('.form-ok').hidden = false;
  await loadHistory();
});

try {
  showProfile(await api('GET', '/api/me'));
} catch (err) {
  form.querySelector('.form-error').textContent = errorMessage(err);
  form.querySelector('.form-error').hidden = false;
}
await Promise.all([loadHistory(), loadKeys()]);
