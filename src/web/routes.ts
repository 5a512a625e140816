import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exemptString } from '../guard/schema.ts';
import type { RouteModule } from '../http/routes.ts';
import type { AppContext } from '../app/context.ts';
import { chooseLang, LANG_COOKIE, translator } from './i18n/index.ts';
import { layout } from './layout.tsx';
import { acceptPage } from './pages/accept.tsx';
import { signinPage, verifyPage } from './pages/auth.tsx';
import { homePage } from './pages/home.tsx';
import { mailboxPage } from './pages/mailbox.tsx';
import { policyPage, type PolicyKind } from './pages/policies.tsx';
import { registerProfilePages } from './profile-routes.ts';
import { registerPrivacyCenterPages } from './privacy-center-routes.ts';
import { signupPage } from './pages/signup.tsx';
import type { Page, View } from './view.ts';
import { registerConsolePages, type SendPage } from './console-routes.ts';
import { pageScripts } from './build.ts';
import { registerRequestPages } from './requests-routes.ts';
import { registerPublicPages } from './public-routes.ts';
import { activeNotice, type SiteNotice } from '../transfers/transfers.ts';

const CSS_NAME = /^[a-z][a-z0-9-]*\.css$/;

/** The static files, read and bundled once at boot: the set is fixed, so no request can name a path outside it. */
async function loadAssets(): Promise<Map<string, { body: Buffer; type: string }>> {
  const dir = new URL('./assets/', import.meta.url);
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) if (CSS_NAME.test(name)) assets.set(name, { body: readFileSync(new URL(name, dir)), type: 'text/css; charset=utf-8' });
  for (const [name, b] of await pageScripts()) assets.set(name, { body: b.body, type: 'text/javascript; charset=utf-8' });
  return assets;
}

// Scripts and styles come only from this origin; pages can be neither framed nor post elsewhere.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const YEAR_S = 365 * 24 * 3600;
const AssetParams = z.strictObject({ file: exemptString(z.string().max(100), 'looked up in the asset map, never stored') });
// Checked by the handlers, so a wrong one gets the not-found page rather than a 400.
const KindParams = z.strictObject({ kind: exemptString(z.string().max(40), 'matched against the policy kinds, never stored') });
const VersionParams = z.strictObject({ kind: exemptString(z.string().max(40), 'matched against the policy kinds, never stored'), version: exemptString(z.string().max(20), 'matched as a number, never stored') });

export const webRoutes: RouteModule = async (app, ctx) => {
  const assets = await loadAssets();
  // What a page shows of a person it reads from the JSON API in process (api-call.ts), through the API's pipeline and presenters.
  const pageConfig = { config: { access: 'public' as const, noPersonalData: 'A page: what it shows of a person comes from the JSON API, through its pipeline and presenters' }, schema: { hide: true } };

  app.get('/assets/:file', { ...pageConfig, schema: { hide: true, params: AssetParams } }, async (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body);
  });

  // Read at most every few seconds: every page shows it, none should wait on it.
  const notice = cachedNotice(ctx);
  const send: SendPage = async (req, reply, build) => sendPage(reply, { ...viewOf(ctx, req, reply), siteNotice: await notice() }, build);
  const render = (build: (v: View) => Page) => async (req: FastifyRequest, reply: FastifyReply) => send(req, reply, build);

  app.get('/', pageConfig, render(homePage));
  app.get('/signup', pageConfig, render(signupPage));
  app.get('/verify', pageConfig, render(verifyPage));
  // The verification e-mail links here; both paths show the same page.
  app.get('/verify-email', pageConfig, render(verifyPage));
  app.get('/signin', pageConfig, render(signinPage));
  app.get('/dev/mailbox', pageConfig, render(mailboxPage));

  // Signed-in pages: the pipeline signs the visitor in (then back here) and checks acceptance;
  // what they show of the person comes from the JSON API.
  const signedIn = (extra: { requiresAcceptance?: false } = {}) => ({
    config: { access: 'user' as const, signIn: '/signin' as const, ...extra, noPersonalData: pageConfig.config.noPersonalData }, schema: { hide: true },
  });
  app.get('/accept', signedIn({ requiresAcceptance: false }), render(acceptPage));
  registerProfilePages(app, ctx, send, signedIn());
  // The privacy center: a signed-in Customer's own consents to ECOMKEY (withdrawing never waits for acceptance),
  // or a shop's Subscribers and Buyers by e-mail link.
  registerPrivacyCenterPages(app, ctx, send, signedIn({ requiresAcceptance: false }), pageConfig);

  // Params are checked here rather than by a schema, so a wrong one gets the not-found answer, not a 400.
  app.get('/policies/:kind', { ...pageConfig, schema: { hide: true, params: KindParams } }, async (req, reply) => {
    const kind = policyKind(req.params.kind);
    if (!kind) return reply.callNotFound();
    return send(req, reply, (v) => policyPage(v, kind, null));
  });

  app.get('/policies/:kind/:version', { ...pageConfig, schema: { hide: true, params: VersionParams } }, async (req, reply) => {
    const params = req.params;
    const kind = policyKind(params.kind);
    if (!kind || !/^[1-9][0-9]{0,5}$/.test(params.version)) return reply.callNotFound();
    return send(req, reply, (v) => policyPage(v, kind, Number(params.version)));
  });

  // The merchant console (consents, restrictions, disclosures, processors) in this same shell.
  registerConsolePages(app, ctx, send);
  registerRequestPages(app, ctx, send);
  registerPublicPages(app, ctx, send, pageConfig);
};

const NOTICE_TTL_MS = 5_000;
function cachedNotice(ctx: AppContext): () => Promise<SiteNotice | null> {
  let at = 0;
  let value: Promise<SiteNotice | null> = Promise.resolve(null);
  return () => {
    if (Date.now() - at > NOTICE_TTL_MS) {
      at = Date.now();
      value = activeNotice(ctx.db).catch(() => null);
    }
    return value;
  };
}

const policyKind = (s: string): PolicyKind | null => (s === 'privacy' || s === 'terms' ? s : null);

/** The request as pages see it; a `?lang=` choice is remembered in a cookie. */
function viewOf(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): View {
  const url = new URL(req.url, 'http://pledge.invalid');
  const { lang, remember } = chooseLang(url.searchParams.get('lang'), req.cookies[LANG_COOKIE]);
  if (remember) reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', maxAge: YEAR_S, httpOnly: true });
  return { lang, t: translator(lang), url, signedIn: req.actor.kind !== 'anonymous', devMailbox: ctx.config.devMailbox };
}

function sendPage(reply: FastifyReply, v: View, build: (v: View) => Page): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    // Pages differ by session and language: never serve one person's page from a cache to another.
    .header('cache-control', 'no-store')
    .header('content-language', v.lang)
    .send(layout(v, build(v)));
}
