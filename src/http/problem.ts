import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { isCardIssue } from '../guard/schema.ts';
import { PageRedirect } from './guard.ts';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

type Problem = { type: string; title: string; status: number; code: string; detail?: string; [k: string]: unknown };

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type(PROBLEM_TYPE).send(p);
}

const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}): Problem => ({
  type: `https://pledge.dev/problems/${code}`, title, status, code, ...extra,
});

// Fastify's own error codes mapped onto stable Pledge codes.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'The body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'The body is empty but declared as JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'The body is larger than this endpoint accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_content_length', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'bad_url', 'The URL is malformed'],
  FST_CSRF_INVALID_TOKEN: [403, 'csrf_invalid', 'Missing or wrong CSRF token'],
  FST_CSRF_MISSING_SECRET: [403, 'csrf_invalid', 'Missing or wrong CSRF token'],
};

/** Every error leaves as problem+json with a stable code; unknown errors reveal nothing. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof PageRedirect) return reply.header('cache-control', 'no-store').redirect(err.location, 303);
  if (err instanceof AppError) {
    if ((err.status === 429 || err.status === 503) && typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
    return sendProblem(reply, problem(err.status, err.code, err.title, err.extra));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // Name the fields and what was wrong, never echo the submitted value.
    const issues = err.validation.map((v) => ({
      in: err.validationContext ?? 'body',
      path: (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'invalid',
    }));
    // A card number where none belongs is its own refusal (C02): 422, the field named, the digits never echoed.
    const cardFields = err.validation.filter((v) => isCardIssue(v.params)).map((v) => (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.'));
    if (cardFields.length > 0) return sendProblem(reply, problem(422, 'card_data_refused', 'Payment card numbers are not accepted here; pay through the payment form', { fields: cardFields }));
    return sendProblem(reply, problem(400, 'validation_failed', 'The request does not match the schema', { issues }));
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return sendProblem(reply, problem(...mapped));
  if (err.statusCode === 429) return sendProblem(reply, problem(429, 'rate_limited', 'Too many requests; slow down'));
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, problem(err.statusCode, 'bad_request', 'The request could not be processed'));
  }
  // The message may quote a value (a database detail, a parse error): log the code and frames only.
  req.log.error({ err: { code: err.code, name: err.name, frames: err.stack?.split('\n').slice(1, 8).join('\n') } }, 'unhandled error');
  return sendProblem(reply, problem(500, 'internal_error', 'Something went wrong on our side'));
}

// The path is never echoed: it may carry a token, an address or a probe's payload.
export function handleNotFound(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem(404, 'route_not_found', 'No such route'));
}

/**
 * Errors the router raises before any route or hook runs (a malformed URL, an overlong path
 * parameter). Fastify's own answer echoes the path as JSON; ours is problem+json without it.
 */
export function handleFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, problem(414, 'path_too_long', 'A path segment is longer than this API accepts'));
  if (err.code === 'FST_ERR_BAD_URL') return sendProblem(reply, problem(400, 'bad_url', 'The URL is malformed'));
  return sendProblem(reply, problem(400, 'bad_request', 'The request could not be processed'));
}

/** NUL anywhere in a request's strings: PostgreSQL cannot store it in text, so it is refused at the door. */
export const invalidCharacter = () => new AppError(400, 'invalid_character', 'The request contains a NUL character, which no field accepts');
