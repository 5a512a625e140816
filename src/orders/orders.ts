/**
 * Orders and the Buyers they come from (C19). A Buyer is matched by the blind index of their
 * e-mail, then of their phone, within the tenant, or created; their contact data serves the
 * order (the contract), not marketing: a marketing list still needs their marketing consent.
 * The delivery address is sealed under the Buyer's own key, so erasing the Buyer shreds it.
 * @clause C19 @clause C07
 */
import { randomUUID } from 'node:crypto';
import type { SealKeys } from '../accounts/users.ts';
import { openField, sealField } from '../crypto/fields.ts';
import type { Keys } from '../crypto/keys.ts';
import type { Sql } from '../db/index.ts';
import { decodeCursor, encodeCursor } from '../db/keyset.ts';
import { buildSnapshot, type SubjectSnapshot } from '../domain/gate-snapshot.ts';
import type { SubjectSourceKey } from '../domain/taxonomy/index.ts';
import { buyerIndex, insertBuyer } from '../subjects/buyers.ts';
import { findSubjectKey, openSubjectKey, wrappedKeyOf } from '../subjects/keys.ts';

export type OrderItem = { sku?: string | undefined; name: string; quantity: number; unitPrice: number };
export type NewOrderBuyer = { name: string; email?: string | undefined; phone?: string | undefined; address?: string | undefined };

export type OrderRow = {
  id: string; buyer_id: string; reference: string | null; currency: string; items: OrderItem[]; total_minor: string | number;
  delivery_address: string | null; created_at: Date; wrapped_key: string | null;
};
export const ORDER_COLUMNS = `id, buyer_id, reference, currency, items, total_minor, delivery_address, created_at,
  ${wrappedKeyOf('buyer', 'orders.buyer_id')} AS wrapped_key`;

/** The order's total in minor units; null when it overflows what is counted exactly. */
export function orderTotal(items: readonly OrderItem[]): number | null {
  let total = 0;
  for (const i of items) total += i.quantity * i.unitPrice;
  return Number.isSafeInteger(total) ? total : null;
}

/** The tenant's Buyer with this e-mail, else this phone (by blind index: no clear value is compared). */
export async function matchBuyer(tx: Sql, keys: Pick<Keys, 'index'>, tenantId: string, b: NewOrderBuyer): Promise<string | undefined> {
  for (const [column, bidx] of [['email_bidx', buyerIndex.email(keys, tenantId, b.email)], ['phone_bidx', buyerIndex.phone(keys, tenantId, b.phone)]] as const) {
    if (!bidx) continue;
    const [r] = await tx.query<{ id: string }>(`SELECT id FROM buyers WHERE tenant_id = $1 AND ${column} = $2 ORDER BY created_at LIMIT 1`, [tenantId, bidx]);
    if (r) return r.id;
  }
  return undefined;
}

/** The matched Buyer's id, or a new Buyer made from the order (`source` names where the order came from). */
export async function buyerForOrder(tx: Sql, keys: SealKeys, tenantId: string, b: NewOrderBuyer, source: SubjectSourceKey): Promise<{ id: string; matched: boolean }> {
  const found = await matchBuyer(tx, keys, tenantId, b);
  if (found) return { id: found, matched: true };
  return { id: await insertBuyer(tx, keys, tenantId, { name: b.name, email: b.email ?? null, phone: b.phone ?? null, address: b.address ?? null, source }), matched: false };
}

/**
 * The Buyer's snapshot with the order as a contract covering its fulfilment: the order is the
 * basis their contact data is processed on. Restrictions and consents stay as recorded, so a
 * Buyer who objected is still refused, and marketing still needs a consent (C19).
 */
export function withOrderContract(snap: SubjectSnapshot, orderId: string, at: number): SubjectSnapshot {
  const contract = buildSnapshot({ subject: snap.subject, legalBases: [{ id: `order:${orderId}`, basis: 'contract', purposes: ['provide_service', 'communicate'], at }] });
  return { ...snap, legalBases: snap.legalBases.map((l, i) => [...l, ...contract.legalBases[i]!].sort((a, b) => a.from - b.from)) };
}

export type NewOrder = { id?: string; buyerId: string; reference?: string | undefined; currency: string; items: OrderItem[]; total: number; deliveryAddress?: string | undefined };

export async function insertOrder(tx: Sql, keys: Pick<Keys, 'data'>, tenantId: string, o: NewOrder): Promise<OrderRow> {
  const id = o.id ?? randomUUID();
  const key = await findSubjectKey(tx, keys.data, { type: 'buyer', id: o.buyerId, tenantId });
  const sealed = o.deliveryAddress && key ? sealField(key, 'orders.delivery_address', id, o.deliveryAddress) : null;
  const [row] = await tx.query<OrderRow>(
    `INSERT INTO orders (id, tenant_id, buyer_id, reference, currency, items, total_minor, delivery_address)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING ${ORDER_COLUMNS}`,
    [id, tenantId, o.buyerId, o.reference ?? null, o.currency, JSON.stringify(o.items), o.total, sealed],
  );
  return row!;
}

export const openDeliveryAddress = (keys: Pick<Keys, 'data'>, r: Pick<OrderRow, 'id' | 'buyer_id' | 'delivery_address' | 'wrapped_key'>): string | null =>
  openField(openSubjectKey(keys.data, { type: 'buyer', id: r.buyer_id }, r.wrapped_key), 'orders.delivery_address', r.id, r.delivery_address);

export async function findOrder(tx: Sql, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [id]);
  return row;
}

/** A Buyer's orders, newest first (the console's Buyer page). */
export const ordersOfBuyer = (tx: Sql, buyerId: string, limit = 50): Promise<OrderRow[]> =>
  tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE buyer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [buyerId, limit]);

/** One page of the tenant's orders, newest first (row-level security scopes the tenant). */
export async function listOrders(tx: Sql, page: { limit: number; cursor?: string | undefined }): Promise<{ rows: OrderRow[]; nextCursor: string | null }> {
  const [at, id] = page.cursor ? decodeCursor(page.cursor) : [null, null];
  const rows = await tx.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid)
      ORDER BY created_at DESC, id DESC LIMIT $3`, [at, id, page.limit + 1]);
  const shown = rows.slice(0, page.limit);
  return { rows: shown, nextCursor: rows.length > page.limit ? encodeCursor(shown.at(-1)!.created_at, shown.at(-1)!.id) : null };
}
