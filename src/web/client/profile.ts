// The profile (C32): edit, see earlier values from the audit log, manage API keys.
import { api, byId, el, errorMessage, formatDate, one, onSubmit, t, table, type In, type Out } from './lib/app.ts';
import type { HistoryOut, ProfileOut, ProfilePatchBody } from '../../routes/me/schema.ts';
import type { ApiKeyCreate, ApiKeyCreated, ApiKeyList } from '../../routes/api-keys/schema.ts';

type Profile = Out<typeof ProfileOut>;
type Editable = 'name' | 'company' | 'billingAddress' | 'locale';
const form = byId<HTMLFormElement>('profile-form');
const EDITABLE: readonly Editable[] = ['name', 'company', 'billingAddress', 'locale'];
const FIELD_LABEL: Record<string, string> = { name: 'signup.name', company: 'signup.company', billingAddress: 'signup.billingAddress', locale: 'signup.locale', email: 'profile.email' };

let current: Partial<Profile> = {};

function showProfile(me: Profile): void {
  current = me;
  for (const dd of document.querySelectorAll<HTMLElement>('[data-field]')) dd.textContent = String(me[dd.dataset.field as keyof Profile] ?? '');
  one(document, '[data-field=role]').textContent = t(`role.${me.role}`);
  for (const f of EDITABLE) {
    const input = form.elements.namedItem(f) as HTMLInputElement | null;
    if (input) input.value = me[f];
  }
}

type Row = { at: string; field: string; from?: string; to?: string };

/** One row per changed field; `changes` is null when only the names of the fields are known. */
function historyRows(res: Out<typeof HistoryOut>): Row[] {
  const rows: Row[] = [];
  for (const e of res.items) {
    if (e.changes) for (const c of e.changes) rows.push({ at: e.changedAt, field: c.field, from: c.from, to: c.to });
    else for (const field of e.fields) rows.push({ at: e.changedAt, field });
  }
  return rows;
}

async function loadHistory(): Promise<void> {
  const box = byId('history');
  try {
    const rows = historyRows(await api<Out<typeof HistoryOut>>('GET', '/api/me/history'));
    if (!rows.length) return box.replaceChildren(el('p', { class: 'empty' }, t('history.empty')));
    box.replaceChildren(table(t('history.title'), [t('history.when'), t('history.field'), t('history.old'), t('history.new')],
      rows.map((r) => el('tr', {},
        el('td', {}, formatDate(r.at, true)),
        el('td', {}, FIELD_LABEL[r.field] ? t(FIELD_LABEL[r.field]!) : r.field),
        el('td', { class: 'old' }, r.from ?? '—'),
        el('td', {}, r.to ?? '—')))));
  } catch (err) {
    box.replaceChildren(el('p', { class: 'form-error' }, errorMessage(err)));
  }
}

async function loadKeys(): Promise<void> {
  const box = byId('keys');
  try {
    const keys = (await api<Out<typeof ApiKeyList>>('GET', '/api/api-keys')).items;
    if (!keys.length) return box.replaceChildren(el('p', { class: 'empty' }, t('keys.empty')));
    box.replaceChildren(table(t('keys.title'), [t('keys.name'), t('keys.prefix'), t('keys.role'), t('keys.created'), ''],
      keys.map((k) => el('tr', {},
        el('td', {}, k.name),
        el('td', {}, el('code', {}, k.prefix)),
        el('td', {}, t(`role.${k.role}`)),
        el('td', {}, formatDate(k.createdAt)),
        el('td', {}, k.revokedAt
          ? el('span', { class: 'badge' }, t('keys.revoked'))
          : el('button', { type: 'button', class: 'button button-quiet button-small', 'data-revoke': k.id, 'aria-label': `${t('keys.revoke')}: ${k.name || k.prefix}` }, t('keys.revoke')))))));
  } catch (err) {
    box.replaceChildren(el('p', { class: 'form-error' }, errorMessage(err)));
  }
}

byId('keys').addEventListener('click', async (e) => {
  const id = e.target instanceof Element ? e.target.closest('[data-revoke]')?.getAttribute('data-revoke') : null;
  if (!id || !confirm(t('keys.confirmRevoke'))) return;
  await api('DELETE', `/api/api-keys/${encodeURIComponent(id)}`).catch(() => undefined);
  await loadKeys();
});

const keyForm = byId<HTMLFormElement>('key-form');
onSubmit(keyForm, async (values) => {
  const created = await api<Out<typeof ApiKeyCreated>>('POST', '/api/api-keys', values as In<typeof ApiKeyCreate>);
  const shown = byId('new-key');
  one(shown, 'code').textContent = created.key;
  shown.hidden = false;
  keyForm.reset();
  await loadKeys();
});

onSubmit(form, async (values) => {
  one(form, '.form-ok').hidden = true;
  const patch: Record<string, string> = {};
  // Only what changed is sent, so the history records real changes only.
  for (const f of EDITABLE) if (f in values && values[f] !== (current[f] ?? '')) patch[f] = values[f]!;
  if (Object.keys(patch).length) showProfile(await api<Profile>('PATCH', '/api/me', patch as In<typeof ProfilePatchBody>));
  one(form, '.form-ok').hidden = false;
  await loadHistory();
});

try {
  showProfile(await api<Profile>('GET', '/api/me'));
} catch (err) {
  const box = one(form, '.form-error');
  box.textContent = errorMessage(err);
  box.hidden = false;
}
await Promise.all([loadHistory(), loadKeys()]);
