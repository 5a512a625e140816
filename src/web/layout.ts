import { html, jsonScript, type SafeHtml } from './html.ts';
import { dictionary, LANGS, type Lang } from './i18n/index.ts';
import { urlInLang, type Page, type View } from './view.ts';

/**
 * The dictionary keys each page script reads, by prefix, besides `common.` and `error.` (the
 * shared client code's): a page ships its own namespace, not the whole dictionary.
 */
export const SCRIPT_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  accept: ['accept.', 'nav.profile'], home: ['notice.', 'policy.'], mailbox: ['mailbox.'], policy: ['policy.'],
  'privacy-center': ['pc.', 'method.'], profile: ['history.', 'keys.', 'role.', 'signup.', 'profile.'], verify: ['verify.'],
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

function navLink(v: View, href: string, label: string): SafeHtml {
  const current = v.url.pathname === href || (href !== '/' && v.url.pathname.startsWith(`${href}/`));
  return html`<li><a href="${href}" ${current ? html`aria-current="page"` : ''}>${label}</a></li>`;
}

function header(v: View): SafeHtml {
  const { t } = v;
  return html`<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">P</span><span>Pledge</span><small>ECOMKEY</small></a>
    <nav aria-label="${t('nav.label')}">
      <ul class="nav">
        ${navLink(v, '/', t('nav.home'))}
        ${navLink(v, '/policies/privacy', t('nav.privacy'))}
        ${navLink(v, '/policies/terms', t('nav.terms'))}
        ${v.devMailbox ? navLink(v, '/dev/mailbox', t('nav.mailbox')) : ''}
        ${v.signedIn ? navLink(v, '/console', t('nav.console')) : ''}
        ${v.signedIn ? navLink(v, '/profile', t('nav.profile')) : [navLink(v, '/signin', t('nav.signin')), navLink(v, '/signup', t('nav.signup'))]}
      </ul>
    </nav>
    <div class="header-tools">
      <ul class="lang-switch" aria-label="${t('lang.label')}">
        ${LANGS.map((l) => html`<li><a href="${urlInLang(v.url, l)}" lang="${l}" hreflang="${l}" ${l === v.lang ? html`aria-current="true"` : ''}>${t(`lang.${l}`)}</a></li>`)}
      </ul>
      ${v.signedIn ? html`<button type="button" class="button button-quiet button-small" data-signout>${t('nav.signout')}</button>` : ''}
    </div>
  </div>
</header>`;
}

/** The page shell: skip link, header, main, footer, the page's dictionary and its one script (the shared code bundled in). */
export function layout(v: View, page: Page): string {
  const { t } = v;
  return html`<!doctype html>
<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Pledge</title>
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/${page.script ?? 'app'}.js"></script>
</head>
<body>
<a class="skip-link" href="#main">${t('skip')}</a>
${header(v)}
<main id="main" tabindex="-1"><div class="wrap">
${page.body}
</div></main>
<footer class="site-footer"><div class="wrap">
  <p>${t('footer.contact')}</p>
  <p><a href="/docs">${t('footer.api')}</a> · <span>${t('site.tagline')}</span></p>
</div></footer>
<script type="application/json" id="pledge-i18n">${jsonScript(pageDictionary(v.lang, page.script))}</script>
</body>
</html>
`.value;
}
