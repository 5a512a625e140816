import type { z } from 'zod';
import type { ApiKeyList } from '../../routes/api-keys/schema.ts';
import type { HistoryOut, ProfileOut } from '../../routes/me/schema.ts';
import { constraints, formSchemas } from '../form-fields.ts';
import type { MessageKey } from '../i18n/index.ts';
import { Panel } from '../components/panel.tsx';
import type { Page, View } from '../view.ts';
import { Empty, table, when, whenWithZone } from './console-common.tsx';
import { FieldMessage, FormAlert, Hidden, invalidAttrs, type FormState, PolicyNote } from './form-parts.tsx';

/** What the profile page shows: the API's own answers (`/api/me`, `/api/me/history`, `/api/api-keys`). */
export type ProfileData = {
  profile: z.output<typeof ProfileOut>;
  history: z.output<typeof HistoryOut>;
  keys: z.output<typeof ApiKeyList>;
  csrf: string;
};

export const PROFILE_FIELDS = ['name', 'company', 'billingAddress', 'locale'] as const;
const FIELD_LABEL: Record<string, MessageKey> = { name: 'signup.name', company: 'signup.company', billingAddress: 'signup.billingAddress', locale: 'signup.locale', email: 'profile.email' };

/** One row per changed field; only the names when the audit kept no values. */
type HistoryRow = { at: string; field: string; from?: string; to?: string };
const historyRows = (h: ProfileData['history']): HistoryRow[] =>
  h.items.flatMap((e): HistoryRow[] => (e.changes ? e.changes.map((c) => ({ at: e.changedAt, field: c.field, from: c.from, to: c.to })) : e.fields.map((field) => ({ at: e.changedAt, field }))));

function ProfileForm({ v, d, s, flash }: { v: View; d: ProfileData; s: FormState; flash: string | null }) {
  const { t } = v;
  const value = (f: (typeof PROFILE_FIELDS)[number]) => s.values[f] ?? d.profile[f];
  const field = (name: 'name' | 'company', autocomplete: string) => (
    <div class="field"><label for={name}>{t(FIELD_LABEL[name]!)}</label>
      <input id={name} name={name} autocomplete={autocomplete} value={value(name)} {...constraints('ProfilePatchBody', name, { required: true })} {...invalidAttrs(s, name, name)} />
      <FieldMessage v={v} s={s} name={name} id={name} /></div>
  );
  return (
    <form id="profile-form" method="post" action="/profile" novalidate {...formSchemas('ProfilePatchBody')}>
      <PolicyNote t={v.t} section={5} />
      <Hidden csrf={d.csrf} />
      {field('name', 'name')}
      {field('company', 'organization')}
      <div class="field"><label for="billingAddress">{t('signup.billingAddress')}</label>
        <textarea id="billingAddress" name="billingAddress" rows={3} autocomplete="street-address" {...constraints('ProfilePatchBody', 'billingAddress', { required: true })} {...invalidAttrs(s, 'billingAddress', 'billingAddress')}>{value('billingAddress')}</textarea>
        <FieldMessage v={v} s={s} name="billingAddress" id="billingAddress" /></div>
      <div class="field"><label for="locale">{t('signup.locale')}</label>
        <select id="locale" name="locale" {...constraints('ProfilePatchBody', 'locale')}>
          <option value="vi" selected={value('locale') === 'vi'}>{t('lang.vi')}</option><option value="en" selected={value('locale') === 'en'}>{t('lang.en')}</option>
        </select></div>
      <FormAlert v={v} s={s} labels={Object.fromEntries(Object.entries(FIELD_LABEL).map(([f, k]) => [f, t(k)]))} />
      {flash ? <p class="form-ok" role="status">{flash}</p> : <p class="form-ok" role="status" hidden></p>}
      <button class="button" type="submit">{t('profile.save')}</button>
    </form>
  );
}

function History({ v, d }: { v: View; d: ProfileData }) {
  const { t } = v;
  const rows = historyRows(d.history);
  if (rows.length === 0) return <Empty>{t('history.empty')}</Empty>;
  return table(t('history.title'), [t('history.when'), t('history.field'), t('history.old'), t('history.new')],
    rows.map((r) => <tr><td>{whenWithZone(v, r.at)}</td><td>{FIELD_LABEL[r.field] ? t(FIELD_LABEL[r.field]!) : r.field}</td><td class="old">{r.from ?? '—'}</td><td>{r.to ?? '—'}</td></tr>));
}

function Keys({ v, d }: { v: View; d: ProfileData }) {
  const { t } = v;
  if (d.keys.items.length === 0) return <Empty>{t('keys.empty')}</Empty>;
  return table(t('keys.title'), [t('keys.name'), t('keys.prefix'), t('keys.role'), t('keys.created'), ''],
    d.keys.items.map((k) => (
      <tr><td>{k.name}</td><td><code>{k.prefix}</code></td><td>{t(`role.${k.role}`)}</td><td>{when(v, k.createdAt)}</td>
        <td>{k.revokedAt
          ? <span class="badge">{t('keys.revoked')}</span>
          : <form method="post" action={`/profile/keys/${k.id}/revoke`} class="revoke-form"><Hidden csrf={d.csrf} />
            <button type="submit" class="button button-quiet button-small" aria-label={`${t('keys.revoke')}: ${k.name || k.prefix}`}>{t('keys.revoke')}</button></form>}</td></tr>
    )));
}

/**
 * Registration details, reviewable and editable after signing in, with their history and API
 * keys, rendered on the server from the API's answers; every form posts without JavaScript.
 * @clause C32
 */
export function profilePage(v: View, d: ProfileData, opts: { profileForm: FormState; keyForm: FormState; closeForm?: FormState; flash: string | null; newKey: string | null }): Page {
  const { t } = v;
  const ks = opts.keyForm;
  return {
    title: t('profile.title'),
    script: 'profile',
    body: (
      <>
        <section class="panel">
          <h1>{t('profile.title')}</h1>
          <p class="lead">{t('profile.lead')}</p>
          <dl class="facts">
            <div><dt>{t('profile.email')}</dt><dd data-field="email">{d.profile.email}</dd></div>
            <div><dt>{t('profile.tenant')}</dt><dd data-field="tenantName">{d.profile.tenantName}</dd></div>
            <div><dt>{t('profile.role')}</dt><dd data-field="role">{t(`role.${d.profile.role}`)}</dd></div>
          </dl>
          <ProfileForm v={v} d={d} s={opts.profileForm} flash={opts.flash} />
        </section>
        <Panel titleId="history-title" title={t('history.title')} hint={t('history.lead')}>
          <div id="history"><History v={v} d={d} /></div>
        </Panel>
        <Panel titleId="keys-title" title={t('keys.title')} hint={t('keys.lead')}>
          <form id="key-form" method="post" action="/profile/keys" class="inline-form" novalidate {...formSchemas('ApiKeyCreate')}>
            <PolicyNote t={v.t} section={3} />
            <Hidden csrf={d.csrf} />
            <div class="field"><label for="key-name">{t('keys.name')}</label>
              <input id="key-name" name="name" value={ks.values.name ?? ''} {...constraints('ApiKeyCreate', 'name')} {...invalidAttrs(ks, 'name', 'key-name')} />
              <FieldMessage v={v} s={ks} name="name" id="key-name" /></div>
            <div class="field"><label for="key-role">{t('keys.role')}</label>
              <select id="key-role" name="role" {...constraints('ApiKeyCreate', 'role')}><option value="agent">{t('role.agent')}</option><option value="admin" selected={ks.values.role === 'admin'}>{t('role.admin')}</option></select></div>
            <button class="button" type="submit">{t('keys.create')}</button>
            <FormAlert v={v} s={ks} labels={{ name: t('keys.name'), role: t('keys.role') }} />
          </form>
          {opts.newKey
            ? <div class="secret" id="new-key" role="status"><p>{t('keys.once')}</p><code>{opts.newKey}</code></div>
            : <div class="secret" id="new-key" role="status" hidden><p>{t('keys.once')}</p><code></code></div>}
          <div id="keys"><Keys v={v} d={d} /></div>
        </Panel>
        <Panel titleId="close-title" title={t('close.title')} hint={t('close.lead')}>
          <form id="close-form" method="post" action="/profile/close" novalidate>
            <PolicyNote t={v.t} section={5} />
            <Hidden csrf={d.csrf} />
            <div class="field"><label for="close-password">{t('close.password')}</label>
              <input id="close-password" name="password" type="password" autocomplete="current-password" required {...invalidAttrs(opts.closeForm ?? { errors: new Map(), values: {} }, 'password', 'close-password')} /></div>
            <FormAlert v={v} s={opts.closeForm ?? { errors: new Map(), values: {} }} />
            <button class="button button-danger" type="submit">{t('close.submit')}</button>
          </form>
        </Panel>
      </>
    ),
  };
}
