import { constraints, formSchemas } from '../form-fields.ts';
import type { Page, View } from '../view.ts';

/** Registration details, reviewable and editable after signing in, with their history and API keys. @clause C32 */
export function profilePage({ t }: View): Page {
  return {
    title: t('profile.title'),
    script: 'profile',
    body: (
      <>
        <section class="panel">
          <h1>{t('profile.title')}</h1>
          <p class="lead">{t('profile.lead')}</p>
          <dl class="facts">
            <div><dt>{t('profile.email')}</dt><dd data-field="email">…</dd></div>
            <div><dt>{t('profile.tenant')}</dt><dd data-field="tenantName">…</dd></div>
            <div><dt>{t('profile.role')}</dt><dd data-field="role">…</dd></div>
          </dl>
          <form id="profile-form" method="post" novalidate {...formSchemas('ProfilePatchBody')}>
            <div class="field"><label for="name">{t('signup.name')}</label><input id="name" name="name" autocomplete="name" {...constraints('ProfilePatchBody', 'name', { required: true })} /></div>
            <div class="field"><label for="company">{t('signup.company')}</label><input id="company" name="company" autocomplete="organization" {...constraints('ProfilePatchBody', 'company', { required: true })} /></div>
            <div class="field"><label for="billingAddress">{t('signup.billingAddress')}</label><textarea id="billingAddress" name="billingAddress" rows={3} autocomplete="street-address" {...constraints('ProfilePatchBody', 'billingAddress', { required: true })}></textarea></div>
            <div class="field"><label for="locale">{t('signup.locale')}</label>
              <select id="locale" name="locale" {...constraints('ProfilePatchBody', 'locale')}><option value="vi">{t('lang.vi')}</option><option value="en">{t('lang.en')}</option></select></div>
            <p class="form-error" role="alert" hidden></p>
            <p class="form-ok" role="status" hidden>{t('profile.saved')}</p>
            <button class="button" type="submit">{t('profile.save')}</button>
          </form>
        </section>
        <section class="panel" aria-labelledby="history-title">
          <h2 id="history-title">{t('history.title')}</h2>
          <p class="hint">{t('history.lead')}</p>
          <div id="history"><p>{t('common.loading')}</p></div>
        </section>
        <section class="panel" aria-labelledby="keys-title">
          <h2 id="keys-title">{t('keys.title')}</h2>
          <p class="hint">{t('keys.lead')}</p>
          <form id="key-form" method="post" class="inline-form" novalidate {...formSchemas('ApiKeyCreate')}>
            <div class="field"><label for="key-name">{t('keys.name')}</label><input id="key-name" name="name" {...constraints('ApiKeyCreate', 'name')} /></div>
            <div class="field"><label for="key-role">{t('keys.role')}</label>
              <select id="key-role" name="role" {...constraints('ApiKeyCreate', 'role')}><option value="agent">{t('role.agent')}</option><option value="admin">{t('role.admin')}</option></select></div>
            <button class="button" type="submit">{t('keys.create')}</button>
            <p class="form-error" role="alert" hidden></p>
          </form>
          <div class="secret" id="new-key" role="status" hidden><p>{t('keys.once')}</p><code></code></div>
          <div id="keys"><p>{t('common.loading')}</p></div>
        </section>
      </>
    ),
  };
}
