import type { Child } from 'hono/jsx';
import type { FastifyRequest } from 'fastify';
import { chooseLang, LANG_COOKIE, type Lang, type T } from './i18n/index.ts';

/** What every page knows about the request it renders. */
export type View = {
  lang: Lang;
  t: T;
  /** Path and query of the request, for the language switch to keep. */
  url: URL;
  signedIn: boolean;
  /** The dev mailbox is served only with DEV_MAILBOX=1 (and never with SMTP). */
  devMailbox: boolean;
  /** A merger transfer's notice, shown prominently on every page while one is announced (C05). */
  siteNotice?: { acquirer: string; notBefore: Date } | null;
};

/** A page: its title, its main content (a component tree, rendered in the layout) and the one script module that enhances it. */
export type Page = { title: string; body: Child; script?: string };

/** The same URL in another language: every other query parameter (a token, `next`) is kept. */
export function urlInLang(url: URL, lang: Lang): string {
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** The language a request's page renders in: `?lang=`, then the remembered choice, then Vietnamese. */
export function langOf(req: FastifyRequest): Lang {
  return chooseLang((req.query as Record<string, unknown> | undefined)?.lang, req.cookies[LANG_COOKIE]).lang;
}
