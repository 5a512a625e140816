import pino from 'pino';
import { maskCardsDeep, maskLogString } from './guard/log-safety.ts';

/**
 * Paths that may carry personal values or secrets; pino replaces them before a line is written.
 * Handlers log ids and codes, never values, and this list is the safety net behind that habit.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.email',
  '*.password',
  '*.name',
  '*.phone',
  '*.address',
  '*.billingAddress',
  '*.token',
  '*.text',
  '*.body',
  'body',
  'email',
  'password',
];

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Safety net (C02): a card number that reaches a log line anyway leaves masked.
      formatters: { log: (obj) => maskCardsDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskLogString(a) : a)) as Parameters<typeof method>);
        },
      },
      // Query strings may hold tokens (verification links): log the path only.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      },
    },
    destination,
  );
}
