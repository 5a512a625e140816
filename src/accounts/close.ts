/**
 * Closing a Customer account (C30). In one transaction: the person's own data is erased through
 * the subject map, everywhere it reaches (their address's blind index included); a shop they
 * alone own closes with them, its Subscribers and Buyers erased as its controller's data goes;
 * what a retention ground keeps — invoices for the Accounting Law, proof of consent and of the
 * contract — stays with that ground and an end date; and the person is mailed that list.
 * @clause C30 Closing an account leaves only items with a retention reason and an end date.
 * @clause C36
 */
import type { AppContext } from '../app/context.ts';
import type { UserActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/log.ts';
import { keyringFor } from '../crypto/envelope.ts';
import { verifyPassword } from '../crypto/password.ts';
import { inPlatform, tenantRead } from '../db/scope.ts';
import { eraseSubject, type ErasedTable } from '../dsr/erase.ts';
import { AppError, conflict } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { openUser, USER_KEY } from './users.ts';
import { closureMail } from './mails.ts';

export type RetainedItem = { table: string; rows: number; ground: string; period: string; until: string; clause: string | null };
export type Closure = { closedAt: string; retained: RetainedItem[]; erased: { table: string; rows: number; action: string }[]; shopsClosed: number; contactsErased: number };

/** `start` plus an ISO 8601 period of years, months, weeks and days. */
export function addIsoPeriod(start: Date, period: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m) throw new Error(`unsupported period ${period}`);
  const d = new Date(start.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0), d.getUTCMonth() + Number(m[2] ?? 0), d.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0));
  return d;
}

export async function closeAccount(ctx: AppContext, actor: UserActor, password: string, now = new Date()): Promise<Closure> {
  // The route's admission (the signed-in person, in their shop) is settled before anything is erased.
  await tenantRead(ctx.db, actor.tenantId, 'SELECT 1');
  const closure = await inPlatform(ctx.db, async (tx) => {
    const [u] = await tx.query<{ id: string; email: string; name: string; wrapped_key: string | null; password_hash: string; locale: 'vi' | 'en'; closed_at: Date | null }>(
      `SELECT u.id, u.email, u.name, ${USER_KEY()}, u.password_hash, u.locale, u.closed_at FROM users u WHERE u.id = $1 FOR UPDATE`, [actor.userId]);
    if (!u || u.closed_at) throw conflict('account_closed', 'This account is already closed');
    // Closing cannot be undone: the person proves it is them, not a session left open.
    if (!(await verifyPassword(password, u.password_hash))) throw new AppError(403, 'password_incorrect', 'The password is not this account\'s');
    const email = openUser(ctx.keys, u).email;
    const deps = { tx, ring: keyringFor(ctx.config), keys: ctx.keys };

    // Shops whose only owner this is close with the account: their contacts go too.
    const shops = await tx.query<{ tenant_id: string }>(
      `SELECT m.tenant_id FROM memberships m WHERE m.user_id = $1 AND m.role = 'owner'
        AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.tenant_id = m.tenant_id AND o.role = 'owner' AND o.user_id <> $1)`, [u.id]);
    const tables = new Map<string, ErasedTable>();
    const add = (t: ErasedTable) => {
      const prev = tables.get(t.table);
      tables.set(t.table, prev ? { ...prev, rows: prev.rows + t.rows } : t);
    };
    let contacts = 0;
    for (const { tenant_id } of shops) {
      const people = await tx.query<{ type: 'subscriber' | 'buyer'; id: string }>(
        "SELECT 'subscriber' AS type, id FROM subscribers WHERE tenant_id = $1 UNION ALL SELECT 'buyer', id FROM buyers WHERE tenant_id = $1", [tenant_id]);
      for (const p of people) (await eraseSubject(deps, { type: p.type, id: p.id, tenantId: tenant_id })).tables.forEach(add);
      contacts += people.length;
      await tx.query('UPDATE tenants SET closed_at = $2 WHERE id = $1', [tenant_id, now]);
    }
    (await eraseSubject(deps, { type: 'customer', id: u.id, tenantId: null }, { emails: email ? [email] : [] })).tables.forEach(add);
    await tx.query('UPDATE users SET closed_at = $2 WHERE id = $1', [u.id, now]);

    const all = [...tables.values()];
    const retained: RetainedItem[] = all.filter((t) => t.action === 'retain').map((t) => ({
      table: t.table, rows: t.rows, ground: t.ground!, period: t.period!, until: addIsoPeriod(now, t.period!).toISOString(), clause: t.clause ?? null,
    }));
    if (email) await enqueueMail(tx, ctx, { ...closureMail(email, u.locale, retained), recipient: { type: 'customer', id: u.id } });
    await recordAudit(tx, ctx.keys.audit, {
      tenantId: null, actor: { type: 'user', id: u.id }, action: 'account.closed', target: { type: 'user', id: u.id },
      details: { shops: shops.length, contacts, retained: retained.map((r) => r.table) },
    });
    return {
      closedAt: now.toISOString(), retained, shopsClosed: shops.length, contactsErased: contacts,
      erased: all.filter((t) => t.action !== 'retain').map((t) => ({ table: t.table, rows: t.rows, action: t.action })),
    };
  });
  // Their sessions and API keys are deleted: no cached sign-in may outlive them on this server (others within AUTH_CACHE_MS).
  ctx.caches.actors.clear();
  return closure;
}
