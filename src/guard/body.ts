import type { FastifyRequest } from 'fastify';
import { findCards } from '../detector/index.ts';
import { cardDataRefused } from './index.ts';

const MAX_DEPTH = 8;

/** Paths (`a.b.0`) of every string or number in `value` that holds a Luhn-valid card number. */
export function cardPaths(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
    if (findCards(String(value)).length > 0) out.push(path.join('.') || '(body)');
  } else if (value !== null && typeof value === 'object' && path.length < MAX_DEPTH) {
    for (const [k, v] of Object.entries(value)) {
      if (findCards(k).length > 0) out.push([...path, '(key)'].join('.'));
      cardPaths(v, [...path, k], out);
    }
  }
  return out;
}

/**
 * A preValidation hook for routes that must never receive card data (the upgrade): a card
 * number anywhere in the body, even in a field the schema would refuse, is a 422 before any
 * handler, schema error or log sees it.
 * @clause C02 @clause C08
 */
export async function refuseCardsInBody(req: FastifyRequest): Promise<void> {
  const paths = cardPaths(req.body);
  if (paths.length > 0) throw cardDataRefused(paths);
}
