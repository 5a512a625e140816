import { badRequest } from '../errors.ts';

/**
 * Opaque keyset cursors over (timestamp, id): rows sharing a timestamp are neither skipped nor
 * repeated. Every paged list uses these, so a cursor reads the same everywhere.
 */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');

export function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw badRequest('cursor_invalid', 'The cursor is not one this API returned');
  return [at, id];
}
