import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';
import { parseJsonBody } from './json.ts';

/**
 * Takes `text/plain` (and JSON) bodies as JSON, for endpoints a browser SDK calls across origins:
 * a text/plain POST is a "simple" request, so no preflight. Prototype keys are dropped (`json.ts`).
 */
export function acceptTextJson(app: FastifyInstance, bodyLimit: number, onMalformed: () => void = () => undefined): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['text/plain', 'application/json'], { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(String(body)));
    } catch {
      onMalformed();
      done(badRequest('malformed_json', 'The body is not valid JSON'), undefined);
    }
  });
}
