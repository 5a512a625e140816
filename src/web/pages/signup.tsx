import { constraints, formSchemas } from '../form-fields.ts';
import { PolicyNote } from './form-parts.tsx';
import type { Page, View } from '../view.ts';

/**
 * Registration: the four items of C17 plus password, date of birth (C38) and language;
 * no card field, a note saying so, and a link to the clause that covers collection (C15).
 * @clause C15 @clause C17 @clause C38
 */
export function signupPage({ t, lang, devMailbox }: View): Page {
  return {
    title: t('signup.title'),
    script: 'signup',
    body: (
      <>
        <section class="panel narrow" id="signup">
          <h1>{t('signup.title')}</h1>
          <p class="lead">{t('signup.lead')}</p>
          <p class="callout" id="no-card">{t('signup.noCard')}</p>
          <form id="signup-form" method="post" novalidate {...formSchemas('SignUpBody')}>
            <PolicyNote t={t} section={2} />
            <div class="field"><label for="name">{t('signup.name')}</label>
              <input id="name" name="name" autocomplete="name" {...constraints('SignUpBody', 'name')} /></div>
            <div class="field"><label for="company">{t('signup.company')}</label>
              <input id="company" name="company" autocomplete="organization" {...constraints('SignUpBody', 'company')} /></div>
            <div class="field"><label for="email">{t('signup.email')}</label>
              <input id="email" name="email" type="email" autocomplete="email" {...constraints('SignUpBody', 'email')} /></div>
            <div class="field"><label for="billingAddress">{t('signup.billingAddress')}</label>
              <textarea id="billingAddress" name="billingAddress" autocomplete="street-address" rows={3} {...constraints('SignUpBody', 'billingAddress')}></textarea></div>
            <div class="field"><label for="password">{t('signup.password')}</label>
              <input id="password" name="password" type="password" autocomplete="new-password" {...constraints('SignUpBody', 'password')} aria-describedby="password-hint" />
              <p class="hint" id="password-hint">{t('signup.passwordHint')}</p></div>
            <div class="field"><label for="dateOfBirth">{t('signup.dateOfBirth')}</label>
              <input id="dateOfBirth" name="dateOfBirth" type="date" {...constraints('SignUpBody', 'dateOfBirth')} aria-describedby="dob-hint" />
              <p class="hint" id="dob-hint">{t('signup.dateOfBirthHint')}</p></div>
            <div class="field"><label for="locale">{t('signup.locale')}</label>
              <select id="locale" name="locale" {...constraints('SignUpBody', 'locale')}>
                <option value="vi" selected={lang === 'vi'}>{t('lang.vi')}</option>
                <option value="en" selected={lang === 'en'}>{t('lang.en')}</option>
              </select></div>
            <p class="fineprint" id="collected">{t('signup.collected')} <a href="/policies/privacy#section-1">{t('signup.collectedLink')}</a>.</p>
            <p class="form-error" role="alert" hidden></p>
            <button class="button" type="submit">{t('signup.submit')}</button>
          </form>
          <p class="aside">{t('signup.haveAccount')} <a href="/signin">{t('nav.signin')}</a></p>
        </section>
        <section class="panel narrow result" id="signup-sent" tabindex={-1} hidden>
          <h1>{t('signup.sent.title')}</h1>
          <p>{t('signup.sent.body')}</p>
          {devMailbox && <p><a class="button" href="/dev/mailbox">{t('nav.mailbox')}</a> <span class="hint">{t('signup.sent.dev')}</span></p>}
        </section>
        <section class="panel narrow result" id="signup-minor" tabindex={-1} hidden>
          <h1>{t('signup.minor.title')}</h1>
          <p>{t('signup.minor.body')}</p>
        </section>
      </>
    ),
  };
}
