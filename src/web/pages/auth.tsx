import { constraints, formSchemas } from '../form-fields.ts';
import { PolicyNote } from './form-parts.tsx';
import { sameOriginNext } from '../shared/next.ts';
import type { Page, View } from '../view.ts';

/** Follows the e-mailed link: the token is posted by verify.js, so a link prefetcher cannot spend it. */
export function verifyPage({ t }: View): Page {
  return {
    title: t('verify.title'),
    script: 'verify',
    body: (
      <section class="panel narrow">
        <h1>{t('verify.title')}</h1>
        <p id="verify-status" role="status">{t('verify.working')}</p>
        <p id="verify-next" hidden><a class="button" href="/signin">{t('nav.signin')}</a></p>
      </section>
    ),
  };
}

/** E-mail and password, the fields shared by the merchant's and the staff sign-in. */
export function SignInFields({ t }: Pick<View, 't'>) {
  return (
    <>
      <div class="field"><label for="email">{t('signin.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" {...constraints('SignInBody', 'email')} /></div>
      <div class="field"><label for="password">{t('signin.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" {...constraints('SignInBody', 'password')} /></div>
      <p class="form-error" role="alert" hidden></p>
      <button class="button" type="submit">{t('signin.submit')}</button>
    </>
  );
}

export function signinPage({ t, url }: View): Page {
  return {
    title: t('signin.title'),
    script: 'signin',
    body: (
      <section class="panel narrow">
        <h1>{t('signin.title')}</h1>
        {url.searchParams.get('closed') === '1' && <p class="form-ok" role="status" id="account-closed">{t('close.done')}</p>}
        <form id="signin-form" method="post" novalidate data-next={sameOriginNext(url.searchParams.get('next'), url.origin, '/profile')} {...formSchemas('SignInBody')}>
          <PolicyNote t={t} section={2} />
          <SignInFields t={t} />
        </form>
        <p class="aside">{t('signin.noAccount')} <a href="/signup">{t('nav.signup')}</a></p>
      </section>
    ),
  };
}
