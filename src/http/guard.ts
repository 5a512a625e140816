import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { csrfTokenValid } from '../auth/sessions.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { acceptanceMissing } from '../policies/acceptance.ts';
import { authenticate } from './authenticate.ts';

/** Who may call a route. Declared on every route in `config.access`; default is 'user'. */
export type Access = 'public' | 'user' | 'staff' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** false for the few routes a user needs before accepting the policy (sign-in, policy pages). */
    requiresAcceptance?: boolean;
  }
  interface FastifyRequest {
    actor: import('../auth/actor.ts').Actor;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    if (access === 'staff') {
      if (actor.kind !== 'staff') throw actor.kind === 'anonymous' ? unauthorized() : forbidden('staff_only', 'Only ECOMKEY staff may do this');
      return;
    }
    if (actor.kind !== 'user') throw actor.kind === 'anonymous' ? unauthorized() : forbidden('tenant_forbidden', 'Staff cannot act as a merchant');
    if (config.requiresAcceptance === false || ctx.caches.accepted.get(actor.userId)) return;
    if (await acceptanceMissing(ctx.db, actor.userId)) {
      throw forbidden('policy_acceptance_required', 'Accept the current Terms of Service and Privacy Policy first', {
        links: { privacy: '/api/policies/privacy/current', terms: '/api/policies/terms/current', accept: '/api/policies/accept', page: '/accept' },
      });
    }
    // Only "has accepted" is cached: a fresh acceptance is seen at once, a new version within AUTH_CACHE_MS.
    ctx.caches.accepted.set(actor.userId, true);
  };
}
