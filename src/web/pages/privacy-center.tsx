import { constraints, formSchemas } from '../form-fields.ts';
import { JsonIsland } from '../json-island.tsx';
import type { Page, View } from '../view.ts';
import { PURPOSE_KEYS } from '../../domain/taxonomy/index.ts';
import { purposeLabel } from './console-common.tsx';

/**
 * The privacy center: for a shop's Subscribers and Buyers (`tenantId` given: sign in by e-mail
 * link) or for a signed-in Customer (their consents to ECOMKEY). Everything below the sign-in
 * is filled by privacy-center.js from the API; nothing is ticked by default.
 * @clause C22 withdrawing is one click, as easy as giving. @clause C34 restrict, object, lift one's own.
 */
export function privacyCenterPage(v: View, tenantId: string | null, shop: string): Page {
  const { t } = v;
  return {
    title: t('pc.title'),
    script: 'privacy-center',
    body: (
      <>
        <JsonIsland id="pc-purposes" value={Object.fromEntries(PURPOSE_KEYS.map((p) => [p, purposeLabel(v, p)]))} />
        <div id="pc" data-tenant={tenantId ?? ''} data-shop={shop}>
          <section class="panel narrow" id="pc-signin" aria-labelledby="pc-signin-title" hidden>
            <h1 id="pc-signin-title">{t('pc.title')}</h1>
            <p class="lead">{t('pc.signin.lead', { shop })}</p>
            <form id="pc-signin-form" method="post" novalidate {...formSchemas('CenterSignInBody')}>
              <div class="field"><label for="pc-email">{t('pc.signin.email')}</label><input id="pc-email" name="email" type="email" autocomplete="email" {...constraints('CenterSignInBody', 'email')} /></div>
              <p class="form-error" role="alert" hidden></p>
              <button class="button" type="submit">{t('pc.signin.submit')}</button>
            </form>
            <div id="pc-sent" role="status" hidden><p>{t('pc.signin.sent')}</p>
              {v.devMailbox && <p><a href="/dev/mailbox">{t('nav.mailbox')}</a> — {t('pc.signin.dev')}</p>}</div>
          </section>
          <p id="pc-status" role="status" hidden>{t('pc.signin.working')}</p>
          <div id="pc-main" hidden>
            <section class="panel" aria-labelledby="pc-title">
              <h1 id="pc-title">{t('pc.title')}</h1>
              <p class="lead" id="pc-lead"></p>
              <p class="form-ok" role="status" id="pc-ok" hidden></p>
              <p class="form-error" role="alert" id="pc-error" hidden></p>
              <button type="button" class="button button-quiet button-small" id="pc-signout" hidden>{t('pc.signout')}</button>
            </section>
            <section class="panel" aria-labelledby="pc-current-title">
              <h2 id="pc-current-title">{t('pc.current.title')}</h2>
              <div id="pc-current"><p>{t('common.loading')}</p></div>
            </section>
            <section class="panel" aria-labelledby="pc-offer-title">
              <h2 id="pc-offer-title">{t('pc.offer.title')}</h2>
              <p class="hint">{t('pc.offer.lead')}</p>
              <div id="pc-offers"><p>{t('common.loading')}</p></div>
            </section>
            <section class="panel" aria-labelledby="pc-restrict-title">
              <h2 id="pc-restrict-title">{t('pc.restrict.title')}</h2>
              <p class="hint">{t('pc.restrict.lead')}</p>
              <form id="pc-restrict-form" method="post" class="inline-form" novalidate {...formSchemas('CenterRestrictionBody')}>
                <div class="field"><label for="pc-kind">{t('pc.restrict.kind')}</label>
                  <select id="pc-kind" name="kind" {...constraints('CenterRestrictionBody', 'kind')}><option value="restriction">{t('pc.restrict.kind.restriction')}</option><option value="objection">{t('pc.restrict.kind.objection')}</option></select></div>
                <div class="field"><label for="pc-purpose">{t('pc.restrict.purpose')}</label>
                  <select id="pc-purpose" name="purpose" {...constraints('CenterRestrictionBody', 'purpose')}><option value="">{t('pc.restrict.all')}</option>
                    {PURPOSE_KEYS.map((p) => <option value={p}>{purposeLabel(v, p)}</option>)}</select></div>
                <button class="button" type="submit">{t('pc.restrict.submit')}</button>
                <p class="form-error" role="alert" hidden></p>
              </form>
              <div id="pc-restrictions"></div>
            </section>
            <section class="panel" aria-labelledby="pc-history-title">
              <h2 id="pc-history-title">{t('pc.history.title')}</h2>
              <div id="pc-history"></div>
            </section>
          </div>
        </div>
      </>
    ),
  };
}
