import type { Sql } from '../db/index.ts';
import { decodeCursor, encodeCursor } from '../db/keyset.ts';

export type SubscriberRow = {
  id: string; channel: string; display_name: string; phone: string | null; email: string | null;
  source: string; legal_basis: string; created_at: Date;
};

export const SUBSCRIBER_COLUMNS = 'id, channel, display_name, phone, email, source, legal_basis, created_at';

/** One page of the current tenant's Subscribers, newest first (row-level security scopes the tenant). */
export async function listSubscribers(tx: Sql, page: { limit: number; cursor?: string | undefined }): Promise<{ rows: SubscriberRow[]; nextCursor: string | null }> {
  const [at, id] = page.cursor ? decodeCursor(page.cursor) : [null, null];
  const rows = await tx.query<SubscriberRow>(
    `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers
      WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [at, id, page.limit + 1],
  );
  const shown = rows.slice(0, page.limit);
  return { rows: shown, nextCursor: rows.length > page.limit ? encodeCursor(shown.at(-1)!.created_at, shown.at(-1)!.id) : null };
}
