/**
 * A tenant's name is its Customer's company (for a sole trader, the person): sealed under the
 * tenant's data key, and kept equal to the owner's company when they change it (C16).
 * @clause C07 @clause C16
 */
import { randomUUID } from 'node:crypto';
import { isSealedValue, openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Sql } from '../db/index.ts';

const COLUMN = 'tenants.name';

/** Creates a tenant named `name` (sealed); returns its id. The row exists before its data key, which references it. */
export async function createTenant(tx: Sql, ring: Keyring, name: string, plan: 'free' | 'paid' = 'free'): Promise<string> {
  const id = randomUUID();
  await tx.query(`INSERT INTO tenants (id, name, plan) VALUES ($1, '', $2)`, [id, plan]);
  await tx.query('UPDATE tenants SET name = $2 WHERE id = $1', [id, await sealColumn(tx, ring, id, COLUMN, name)]);
  return id;
}

/** Renames a tenant (its Customer's company changed). */
export async function renameTenant(tx: Sql, ring: Keyring, tenantId: string, name: string): Promise<void> {
  await tx.query('UPDATE tenants SET name = $2 WHERE id = $1', [tenantId, await sealColumn(tx, ring, tenantId, COLUMN, name)]);
}

/** The tenant's name in clear, for a page or a mail (a name stored before 006 is still clear). */
export async function openTenantName(sql: Sql, ring: Keyring, tenantId: string, stored: string): Promise<string> {
  return isSealedValue(stored) ? openColumn(sql, ring, tenantId, COLUMN, stored) : stored;
}

/** The open tenant's name, or undefined when there is no such open tenant. */
export async function findTenantName(sql: Sql, ring: Keyring, tenantId: string, opts: { open?: boolean } = {}): Promise<string | undefined> {
  const [t] = await sql.query<{ name: string }>(`SELECT name FROM tenants WHERE id = $1${opts.open ? ' AND closed_at IS NULL' : ''}`, [tenantId]);
  return t ? openTenantName(sql, ring, tenantId, t.name) : undefined;
}
