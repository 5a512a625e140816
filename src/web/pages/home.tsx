import type { Page, View } from '../view.ts';

/** What Pledge is, with the site notice of a significant policy change (filled by home.js). @clause C40 */
export function homePage({ t, signedIn }: View): Page {
  return {
    title: t('nav.home'),
    script: 'home',
    body: (
      <>
        <div id="site-notice" class="notice" role="region" aria-labelledby="site-notice-title" hidden></div>
        <section class="hero">
          <h1>{t('home.title')}</h1>
          <p class="lead">{t('home.lead')}</p>
          <p class="actions">
            {!signedIn && <a class="button" href="/signup">{t('home.ctaSignup')}</a>}
            <a class="button button-quiet" href="/policies/privacy">{t('home.ctaPolicy')}</a>
            <a class="button button-quiet" href="/demo">{t('home.ctaDemoSite')}</a>
          </p>
        </section>
        <ul class="cards">
          {(['1', '2', '3'] as const).map((n) => <li class="card"><h2>{t(`home.point${n}.title`)}</h2><p>{t(`home.point${n}.body`)}</p></li>)}
        </ul>
      </>
    ),
  };
}
