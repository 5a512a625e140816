import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db, Sql } from '../db/index.ts';
import { deriveKeys, type Keys } from './keys.ts';
import { seal, unseal } from './seal.ts';

/**
 * Envelope encryption at rest: every tenant has a data key (AES-256-GCM) stored wrapped by a
 * key-encryption key (KEK); each sealed value names the data key that sealed it:
 * `enc:v1:<data key id>:<base64url(iv | tag | ciphertext)>`. Rotation wraps the data keys under
 * the newest KEK and issues fresh data keys; retired keys keep opening what they sealed, so no
 * value has to be rewritten and nothing stops while it runs.
 * @clause C07 Sensitive fields are encrypted at rest, with a key id per value and key rotation.
 */
export const SEALED_PREFIX = 'enc:v1:';
const SEALED_SHAPE = /^enc:v1:([0-9a-f-]{36}):([A-Za-z0-9_-]+)$/;

/** A store's keys: the KEKs by id, and the data keys this process has already unwrapped. */
export type Keyring = {
  readonly keks: ReadonlyMap<string, Buffer>;
  /** The KEK that wraps new and rotated data keys: the highest-numbered one. */
  readonly activeKek: string;
  readonly dataKeys: Map<string, Buffer>;
  readonly current: Map<string, { id: string; key: Buffer; at: number }>;
  /** The purpose-bound keys of the same secret (subject keys, blind indexes, mail), for code that holds only the ring. */
  readonly keys: Keys;
};

// Another process may rotate the keys: a cached "current key" is re-read after this long.
const CURRENT_TTL_MS = 60_000;
const rings = new WeakMap<Config, Keyring>();

/** The keyring of a configuration (one per process and store). */
export function keyringFor(config: Pick<Config, 'secret' | 'keks'>): Keyring {
  const cached = rings.get(config as Config);
  if (cached) return cached;
  const keks = new Map<string, Buffer>([['k1', Buffer.from(hkdfSync('sha256', config.secret, 'pledge', 'kek-k1', 32))], ...Object.entries(config.keks)]);
  const activeKek = [...keks.keys()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).at(-1)!;
  const ring: Keyring = { keks, activeKek, dataKeys: new Map(), current: new Map(), keys: deriveKeys(config.secret) };
  rings.set(config as Config, ring);
  return ring;
}

/** True for a value written by `sealColumn`. */
export const isSealedValue = (v: string): boolean => SEALED_SHAPE.test(v);
/** The data key id a sealed value names, or null. */
export const sealedKeyId = (v: string): string | null => SEALED_SHAPE.exec(v)?.[1] ?? null;

const wrapContext = (id: string, tenantId: string) => `data-key:${id}:${tenantId}`;
// The tenant and column are authenticated with the value: a sealed value copied to another
// tenant or column does not open.
const valueContext = (tenantId: string, column: string) => `${tenantId}:${column}`;

type KeyRow = { id: string; wrapped_key: string; kek_id: string; committed: boolean };

function unwrap(ring: Keyring, row: KeyRow, tenantId: string): Buffer {
  const kek = ring.keks.get(row.kek_id);
  if (!kek) throw new Error(`data key ${row.id} is wrapped by KEK ${row.kek_id}, which is not configured (PLEDGE_KEK_${row.kek_id.toUpperCase()})`);
  return unseal(kek, row.wrapped_key, wrapContext(row.id, tenantId));
}

// `committed` (created before this transaction began) decides what may be cached: a key made
// inside a transaction that later rolls back must not outlive it in memory.
const KEY_COLUMNS = 'id, wrapped_key, kek_id, created_at < now() AS committed';

async function currentKey(tx: Sql, ring: Keyring, tenantId: string): Promise<{ id: string; key: Buffer }> {
  const hit = ring.current.get(tenantId);
  if (hit && Date.now() - hit.at < CURRENT_TTL_MS) return hit;
  const select = () => tx.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM data_keys WHERE tenant_id = $1 AND retired_at IS NULL`, [tenantId]);
  let [row] = await select();
  if (!row) {
    const id = randomUUID();
    const wrapped = seal(ring.keks.get(ring.activeKek)!, randomBytes(32), wrapContext(id, tenantId));
    await tx.query(
      `INSERT INTO data_keys (id, tenant_id, wrapped_key, kek_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) WHERE retired_at IS NULL DO NOTHING`,
      [id, tenantId, wrapped, ring.activeKek],
    );
    [row] = await select();
  }
  const key = unwrap(ring, row!, tenantId);
  if (row!.committed) {
    ring.current.set(tenantId, { id: row!.id, key, at: Date.now() });
    ring.dataKeys.set(row!.id, key);
  }
  return { id: row!.id, key };
}

async function keyById(tx: Sql, ring: Keyring, tenantId: string, id: string): Promise<Buffer> {
  const hit = ring.dataKeys.get(id);
  if (hit) return hit;
  const [row] = await tx.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM data_keys WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
  if (!row) throw new Error(`data key ${id} not found`);
  const key = unwrap(ring, row, tenantId);
  if (row.committed) ring.dataKeys.set(id, key);
  return key;
}

/** Seals `plaintext` for `column` (`table.column`) of a tenant row, under the tenant's current data key. */
export async function sealColumn(tx: Sql, ring: Keyring, tenantId: string, column: string, plaintext: string): Promise<string> {
  return (await sealColumns(tx, ring, tenantId, column, [plaintext]))[0]!;
}

/**
 * Seals many values of one column under the tenant's current data key: one key lookup and one
 * draw of randomness for every IV (a batch of webhook events).
 */
export async function sealColumns(tx: Sql, ring: Keyring, tenantId: string, column: string, plaintexts: readonly string[]): Promise<string[]> {
  if (plaintexts.length === 0) return [];
  const { id, key } = await currentKey(tx, ring, tenantId);
  const ivs = randomBytes(12 * plaintexts.length);
  const aad = Buffer.from(valueContext(tenantId, column));
  return plaintexts.map((plaintext, i) => {
    const iv = ivs.subarray(i * 12, i * 12 + 12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${id}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  });
}

/** Opens a value sealed by `sealColumn`; throws when it was tampered with or moved. */
export async function openColumn(tx: Sql, ring: Keyring, tenantId: string, column: string, sealed: string): Promise<string> {
  const m = SEALED_SHAPE.exec(sealed);
  if (!m) throw new Error('openColumn: not a sealed value');
  const key = await keyById(tx, ring, tenantId, m[1]!);
  const raw = Buffer.from(m[2]!, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(valueContext(tenantId, column)));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export type RotationReport = { rewrapped: number; issued: number; kek: string };

/**
 * Wraps every data key under the newest KEK and, unless `rewrapOnly`, issues each tenant a new
 * data key and retires the old one (which still opens old values). One short transaction per
 * tenant, so running servers keep reading and writing throughout.
 */
export async function rotateKeys(db: Db, ring: Keyring, opts: { rewrapOnly?: boolean } = {}): Promise<RotationReport> {
  const tenants = await db.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM data_keys');
  let rewrapped = 0;
  let issued = 0;
  for (const { tenant_id: tenantId } of tenants) {
    await db.transaction(async (tx) => {
      const rows = await tx.query<KeyRow & { retired_at: Date | null }>(
        `SELECT ${KEY_COLUMNS}, retired_at FROM data_keys WHERE tenant_id = $1 FOR UPDATE`,
        [tenantId],
      );
      for (const row of rows) {
        if (row.kek_id === ring.activeKek) continue;
        const key = unwrap(ring, row, tenantId);
        const wrapped = seal(ring.keks.get(ring.activeKek)!, key, wrapContext(row.id, tenantId));
        await tx.query('UPDATE data_keys SET wrapped_key = $2, kek_id = $3 WHERE id = $1', [row.id, wrapped, ring.activeKek]);
        rewrapped++;
      }
      if (opts.rewrapOnly) return;
      await tx.query('UPDATE data_keys SET retired_at = now() WHERE tenant_id = $1 AND retired_at IS NULL', [tenantId]);
      const id = randomUUID();
      await tx.query('INSERT INTO data_keys (id, tenant_id, wrapped_key, kek_id) VALUES ($1, $2, $3, $4)', [
        id, tenantId, seal(ring.keks.get(ring.activeKek)!, randomBytes(32), wrapContext(id, tenantId)), ring.activeKek,
      ]);
      issued++;
    });
  }
  ring.current.clear();
  return { rewrapped, issued, kek: ring.activeKek };
}
