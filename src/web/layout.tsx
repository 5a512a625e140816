import { dictionary, LANGS, type Lang } from './i18n/index.ts';
import { JsonIsland } from './json-island.tsx';
import { toHtml } from './render.ts';
import { urlInLang, type Page, type View } from './view.ts';

/**
 * The dictionary keys each page script reads, by prefix, besides `common.` and `error.` (the
 * shared client code's): a page ships its own namespace, not the whole dictionary.
 */
export const SCRIPT_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  accept: ['accept.', 'nav.profile'], home: ['notice.', 'policy.'], mailbox: ['mailbox.'], policy: ['policy.'],
  'privacy-center': ['pc.offer.tick'], profile: ['keys.confirmRevoke'], verify: ['verify.'],
};

const pageDicts = new Map<string, Record<string, string>>();

/** The part of the dictionary a page's script reads. */
export function pageDictionary(lang: Lang, script: string | undefined): Record<string, string> {
  const id = `${lang}:${script ?? ''}`;
  let d = pageDicts.get(id);
  if (!d) {
    const prefixes = ['common.', 'error.', ...(SCRIPT_NAMESPACES[script ?? ''] ?? [])];
    d = Object.fromEntries(Object.entries(dictionary(lang)).filter(([k]) => prefixes.some((p) => k.startsWith(p))));
    pageDicts.set(id, d);
  }
  return d;
}

function NavLink({ v, href, label }: { v: View; href: string; label: string }) {
  const current = v.url.pathname === href || (href !== '/' && v.url.pathname.startsWith(`${href}/`));
  return <li><a href={href} aria-current={current ? 'page' : undefined}>{label}</a></li>;
}

function Header({ v }: { v: View }) {
  const { t } = v;
  return (
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">P</span><span>Pledge</span><small>ECOMKEY</small></a>
        <nav aria-label={t('nav.label')}>
          <ul class="nav">
            <NavLink v={v} href="/" label={t('nav.home')} />
            <NavLink v={v} href="/policies/privacy" label={t('nav.privacy')} />
            <NavLink v={v} href="/policies/terms" label={t('nav.terms')} />
            <NavLink v={v} href="/community" label={t('nav.community')} />
            <NavLink v={v} href="/contact" label={t('nav.contact')} />
            {v.devMailbox && <NavLink v={v} href="/dev/mailbox" label={t('nav.mailbox')} />}
            {v.signedIn && <NavLink v={v} href="/console" label={t('nav.console')} />}
            {v.signedIn
              ? <NavLink v={v} href="/profile" label={t('nav.profile')} />
              : <><NavLink v={v} href="/signin" label={t('nav.signin')} /><NavLink v={v} href="/signup" label={t('nav.signup')} /></>}
          </ul>
        </nav>
        <div class="header-tools">
          <ul class="lang-switch" aria-label={t('lang.label')}>
            {LANGS.map((l) => <li><a href={urlInLang(v.url, l)} lang={l} hreflang={l} aria-current={l === v.lang ? 'true' : undefined}>{t(`lang.${l}`)}</a></li>)}
          </ul>
          {v.signedIn && <button type="button" class="button button-quiet button-small" data-signout>{t('nav.signout')}</button>}
        </div>
      </div>
    </header>
  );
}

/** The merger notice (C05): first on every page, before anything else, while a transfer is announced. */
function SiteNoticeBanner({ v, notice }: { v: View; notice: NonNullable<View['siteNotice']> }) {
  const date = new Intl.DateTimeFormat(v.lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'long' }).format(notice.notBefore);
  return (
    <aside class="site-notice" id="transfer-notice" role="region" aria-label={v.t('notice.transferLabel')}>
      <div class="wrap"><strong>{v.t('notice.transferLabel')}:</strong> {v.t('notice.transfer', { acquirer: notice.acquirer, date })} <a href="/privacy-center">{v.t('notice.transferAct')}</a></div>
    </aside>
  );
}

/** The page shell: skip link, header, main, footer, the page's dictionary and its one script (the shared code bundled in). */
function Document({ v, page }: { v: View; page: Page }) {
  const { t } = v;
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{page.title} · Pledge</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script type="module" src={`/assets/${page.script ?? 'app'}.js`}></script>
      </head>
      <body>
        <a class="skip-link" href="#main">{t('skip')}</a>
        {v.siteNotice && <SiteNoticeBanner v={v} notice={v.siteNotice} />}
        <Header v={v} />
        <main id="main" tabindex={-1}><div class="wrap">{page.body}</div></main>
        <footer class="site-footer"><div class="wrap">
          <p>{t('footer.contact')}</p>
          <p><a href="/docs">{t('footer.api')}</a> · <span>{t('site.tagline')}</span></p>
        </div></footer>
        <JsonIsland id="pledge-i18n" value={pageDictionary(v.lang, page.script)} />
      </body>
    </html>
  );
}

/** A whole page as HTML. */
export const layout = (v: View, page: Page): string => `<!doctype html>\n${toHtml(<Document v={v} page={page} />)}`;
