import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { csrfTokenValid } from '../auth/sessions.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import { sameOriginNext } from '../web/shared/next.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import { authenticate } from './authenticate.ts';

/** Who may call a route. Declared on every route in `config.access`; default is 'user'. */
export type Access = 'public' | 'user' | 'staff' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** false for the few routes a user needs before accepting the policy (sign-in, policy pages). */
    requiresAcceptance?: boolean;
    /**
     * A web page: a visitor the route's access refuses is sent to this sign-in page (and back
     * with `next`), one who must accept the policies to `/accept`, instead of a problem+json.
     */
    signIn?: '/signin' | '/staff/signin';
  }
  interface FastifyRequest {
    actor: import('../auth/actor.ts').Actor;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A page's answer to a visitor its access refuses: a redirect, sent by the error handler. */
export class PageRedirect extends AppError {
  constructor(readonly location: string) {
    super(303, 'redirect', 'See other');
  }
}

/** The sign-in page for this request, coming back to it afterwards (validated like any `next`), in the same language. */
export function toSignIn(signIn: string, url: string): PageRedirect {
  const lang = new URL(url, 'http://pledge.invalid').searchParams.get('lang');
  const inLang = lang === 'vi' || lang === 'en' ? `&lang=${lang}` : '';
  return new PageRedirect(`${signIn}?next=${encodeURIComponent(sameOriginNext(url, 'http://pledge.invalid', '/'))}${inLang}`);
}

/** authenticate → CSRF → access → policy acceptance: the fixed front of every route's pipeline. */
export function guard(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const config = req.routeOptions.config;
    req.actor = await authenticate(ctx, req);
    if (!req.routeOptions.url) return; // no such route: the not-found handler answers
    const actor = req.actor;
    // Routes under /api/ default to signed-in users; pages and docs default to public.
    const access = config.access ?? (req.routeOptions.url.startsWith('/api/') ? 'user' : 'public');
    // Cookie-borne sessions need a CSRF token on writes; API keys are not sent by browsers on their own.
    // Public routes (sign-in, sign-up) act on no session, so a stale cookie must not block them.
    if (access !== 'public' && UNSAFE.has(req.method) && actor.kind !== 'anonymous' && 'sessionHash' in actor && actor.sessionHash) {
      const given = req.headers['x-csrf-token'];
      if (!csrfTokenValid(ctx.keys.csrf, actor.sessionHash, typeof given === 'string' ? given : undefined)) {
        throw forbidden('csrf_invalid', 'Missing or wrong CSRF token');
      }
    }
    if (access === 'public' || access === 'any') return;
    // A page sends whoever its access refuses to sign in as someone it admits.
    const refuse = (err: AppError): AppError => (config.signIn ? toSignIn(config.signIn, req.url) : err);
    if (access === 'staff') {
      if (actor.kind !== 'staff') throw refuse(actor.kind === 'anonymous' ? unauthorized() : forbidden('staff_only', 'Only ECOMKEY staff may do this'));
      return;
    }
    if (actor.kind !== 'user') throw refuse(actor.kind === 'anonymous' ? unauthorized() : forbidden('tenant_forbidden', 'Staff cannot act as a merchant'));
    if (config.requiresAcceptance === false || ctx.caches.accepted.get(actor.userId)) return;
    if (await acceptanceMissing(ctx.db, actor.userId)) {
      if (config.signIn) throw new PageRedirect('/accept');
      throw forbidden('policy_acceptance_required', 'Accept the current Terms of Service and Privacy Policy first', {
        links: { privacy: '/api/policies/privacy/current', terms: '/api/policies/terms/current', accept: '/api/policies/accept', page: '/accept' },
      });
    }
    // Only "has accepted" is cached: a fresh acceptance is seen at once, a new version within AUTH_CACHE_MS.
    ctx.caches.accepted.set(actor.userId, true);
  };
}
