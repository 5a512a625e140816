import { badRequest } from '../errors.ts';

/**
 * Opaque keyset cursors over (timestamp, id): rows sharing a timestamp are neither skipped nor
 * repeated. Every paged list uses these, so a cursor reads the same everywhere.
 */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Accepts exactly what `encodeCursor` produces: anything else would reach the database as a
 * timestamp or uuid it cannot parse (a 500), so it is refused here as a 400.
 */
export function decodeCursor(cursor: string): [string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [at, id] = parts;
  const valid = parts.length === 2 && at !== undefined && id !== undefined && ISO_INSTANT.test(at) && UUID.test(id)
    && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString() === at && at >= '1900';
  if (!valid) throw badRequest('cursor_invalid', 'The cursor is not one this API returned');
  return [at, id];
}
