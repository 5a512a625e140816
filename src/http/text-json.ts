import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';

/**
 * Takes `text/plain` (and JSON) bodies as JSON, for endpoints a browser SDK calls across origins:
 * a text/plain POST is a "simple" request, so no preflight. Prototype keys are dropped.
 */
export function acceptTextJson(app: FastifyInstance, bodyLimit: number, onMalformed: () => void = () => undefined): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['text/plain', 'application/json'], { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body), (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v)));
    } catch {
      onMalformed();
      done(badRequest('malformed_json', 'The body is not valid JSON'), undefined);
    }
  });
}
