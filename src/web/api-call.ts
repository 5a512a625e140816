/**
 * A page reads and writes through the JSON API, in process: the page's request is replayed on
 * the API route with the visitor's own cookies, address and (for a write) the CSRF token the
 * form carried, so the API's pipeline authenticates, checks acceptance, admits the subject,
 * validates, audits and presents exactly as it does for the browser's scripts. What a page
 * shows is therefore what the API's presenters give, and a form refused without JavaScript
 * gets the very problem+json a script would.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FormProblem } from './shared/field-errors.ts';

export type ApiAnswer<T> = { ok: true; status: number; body: T; setCookies: string[] } | { ok: false; status: number; problem: FormProblem & { status?: number } };

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type ApiCaller = <T>(method: Method, url: string, opts?: { body?: unknown; csrf?: string; idempotencyKey?: string }) => Promise<ApiAnswer<T>>;

/** Calls the API as the visitor of `req` did. */
export function apiFor(app: FastifyInstance, req: FastifyRequest): ApiCaller {
  return async <T>(method: Method, url: string, opts: { body?: unknown; csrf?: string; idempotencyKey?: string } = {}): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.headers.cookie) headers.cookie = req.headers.cookie;
    if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const res = await app.inject({ method, url, headers, remoteAddress: req.ip, ...(opts.body === undefined ? {} : { payload: opts.body as object }) });
    const body: unknown = res.body === '' ? null : JSON.parse(res.body);
    if (res.statusCode >= 400) return { ok: false, status: res.statusCode, problem: (body ?? {}) as FormProblem };
    const cookies = res.headers['set-cookie'];
    return { ok: true, status: res.statusCode, body: body as T, setCookies: cookies === undefined ? [] : [cookies].flat() };
  };
}
