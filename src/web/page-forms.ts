/**
 * Forms that work without JavaScript: a page's `<form method="post">` posts here as
 * `application/x-www-form-urlencoded` (accepted only in this scope; the API still takes JSON
 * only). Each handler forwards the values to the JSON API route with the CSRF token the form
 * carried (`api-call.ts`), then answers 303 back to the page on success (post/redirect/get) or
 * re-renders the page with the API's refusal as field errors and the entered values.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../errors.ts';
import { exemptString } from '../guard/schema.ts';
import type { ZodFastify } from '../http/routes.ts';
import type { fieldRule } from './form-fields.ts';
import type { FormState } from './pages/form-parts.tsx';
import { fieldErrors, type FormProblem } from './shared/field-errors.ts';

export type FormBody = Record<string, string>;

/** The declaration of a page's form post: it reads and writes nothing itself, the API route it forwards to decides. */
export const FORM_POST = {
  config: { access: 'public' as const, requiresAcceptance: false, noPersonalData: 'A form posted without JavaScript, forwarded to its JSON API route, which authenticates, checks the form\'s CSRF token, decides and audits' },
};

export const IdParams = z.strictObject({ id: exemptString(z.string().max(64), 'forwarded to the API route, which validates it') });
export const TenantParams = z.strictObject({ tenantId: exemptString(z.string().max(64), 'forwarded to the API route, which validates it') });

/** Field values as strings (a repeated name keeps its last value: these forms have no multiple select). */
export function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [k, v] of new URLSearchParams(text)) if (k !== '__proto__' && k !== 'constructor') out[k] = v;
  return out;
}

/** Registers page form routes in their own scope, the only one that parses urlencoded bodies. */
export function formRoutes(app: ZodFastify, register: (scope: ZodFastify) => void): void {
  void app.register(async (scope) => {
    // A form post is the one write a browser sends across sites without asking (JSON needs CORS):
    // one from another site is refused, so no other site can sign a visitor in or act as them.
    scope.addHook('onRequest', async (req) => {
      const origin = req.headers.origin;
      const crossSite = req.headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && !sameHost(origin, req.headers.host));
      if (crossSite) throw forbidden('cross_site_form', 'A form posted from another site');
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(String(body))));
    register(scope as unknown as ZodFastify);
  });
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed frame, a privacy redirect) or garbage
  }
}

/** The body of a form post (empty when none was sent). */
export const formBody = (body: unknown): FormBody => (body && typeof body === 'object' ? (body as FormBody) : {});

/**
 * A refusal no field error can fix, as the page answers it: sign in again (the session ended),
 * accept the policies first, or null when the page should show it.
 */
export function redirectForRefusal(reply: FastifyReply, refused: { status: number; problem: FormProblem }, signIn: string, back: string): FastifyReply | null {
  if (refused.status === 401 || refused.problem.code === 'session_required') return reply.redirect(`${signIn}?next=${encodeURIComponent(back)}`, 303);
  if (refused.problem.code === 'policy_acceptance_required') return reply.redirect('/accept', 303);
  return null;
}

/**
 * A refused form as the page re-renders it: the API's problem as field errors and the entered
 * values kept (escaped by the renderer), except a refused card number, which is never sent back (C02).
 */
export function formState(problem: FormProblem, values: FormBody, rule: (f: string) => ReturnType<typeof fieldRule> | undefined): FormState {
  const errors = fieldErrors(problem, (f) => values[f] ?? '', rule);
  const kept = Object.fromEntries(Object.entries(values).filter(([f]) => errors.get(f)?.key !== 'card'));
  return { errors, values: kept, code: problem.code };
}
