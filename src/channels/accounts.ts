/**
 * A tenant's channel accounts: a Messenger page, a Zalo OA, a Telegram bot. Every secret is
 * sealed under the tenant's data key in one JSON value; the ones Pledge makes (Messenger's
 * verify token, Telegram's secret token) are shown once, when made or rotated.
 * @clause C07 @clause C10
 */
import { randomBytes } from 'node:crypto';
import { openColumn, sealColumn, type Keyring } from '../crypto/envelope.ts';
import type { Db, Sql } from '../db/index.ts';
import type { Platform } from './events.ts';

export type ChannelSecrets = {
  /** Messenger: the Meta app secret (signs webhooks, proves Graph API calls). */
  appSecret?: string;
  /** Messenger: the token of the GET handshake (made by Pledge). */
  verifyToken?: string;
  /** Zalo: the OA secret key the event signature hashes. */
  oaSecretKey?: string;
  /** Telegram: the `secret_token` given to setWebhook (made by Pledge). */
  secretToken?: string;
  /** Page access token, OA access token or bot token: what the send API takes. */
  accessToken?: string;
};

export type AccountRow = {
  id: string; tenant_id: string; platform: Platform; platform_account: string; app_ref: string | null; label: string;
  secrets: string; created_at: Date; rotated_at: Date | null;
};
export const ACCOUNT_COLUMNS = 'id, tenant_id, platform, platform_account, app_ref, label, secrets, created_at, rotated_at';

export type NewAccount = { platform: Platform; platformAccount: string; appRef?: string | undefined; label?: string | undefined; secrets: ChannelSecrets };

const SECRETS_COLUMN = 'channel_accounts.secrets';

/** The secrets Pledge makes for a platform: what the merchant then gives the platform. */
export function generatedSecrets(platform: Platform): ChannelSecrets {
  const token = () => randomBytes(24).toString('base64url');
  if (platform === 'messenger') return { verifyToken: token() };
  if (platform === 'telegram') return { secretToken: token() };
  return {};
}

export async function insertAccount(tx: Sql, ring: Keyring, tenantId: string, a: NewAccount): Promise<AccountRow> {
  const sealed = await sealColumn(tx, ring, tenantId, SECRETS_COLUMN, JSON.stringify(a.secrets));
  const [row] = await tx.query<AccountRow>(
    `INSERT INTO channel_accounts (tenant_id, platform, platform_account, app_ref, label, secrets) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ACCOUNT_COLUMNS}`,
    [tenantId, a.platform, a.platformAccount, a.appRef ?? null, a.label ?? '', sealed],
  );
  return row!;
}

export const openSecrets = async (tx: Sql, ring: Keyring, row: Pick<AccountRow, 'tenant_id' | 'secrets'>): Promise<ChannelSecrets> =>
  JSON.parse(await openColumn(tx, ring, row.tenant_id, SECRETS_COLUMN, row.secrets)) as ChannelSecrets;

/** Replaces the given secrets and makes new generated ones; the row's other secrets stay. */
export async function rotateAccount(tx: Sql, ring: Keyring, row: AccountRow, given: ChannelSecrets): Promise<{ row: AccountRow; made: ChannelSecrets }> {
  const made = generatedSecrets(row.platform);
  const next = { ...(await openSecrets(tx, ring, row)), ...given, ...made };
  const sealed = await sealColumn(tx, ring, row.tenant_id, SECRETS_COLUMN, JSON.stringify(next));
  const [updated] = await tx.query<AccountRow>(`UPDATE channel_accounts SET secrets = $2, rotated_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`, [row.id, sealed]);
  forgetAccount(row.id);
  return { row: updated!, made };
}

export type WebhookAccount = { row: AccountRow; secrets: ChannelSecrets };

// Every webhook call needs its account's secrets: kept opened in memory for a short while.
// A rotation here is seen at once; one on another server within ACCOUNT_TTL_MS.
const ACCOUNT_TTL_MS = 30_000;
const cache = new Map<string, { at: number; account: WebhookAccount | null }>();
export const forgetAccount = (id: string): void => void cache.delete(id);

/**
 * The account a webhook URL names, read with platform rights: the tenant is not known before
 * this read (as an API key's is not before authentication). Null for no such account.
 */
export async function webhookAccount(db: Db, ring: Keyring, id: string, platform: Platform): Promise<WebhookAccount | null> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < ACCOUNT_TTL_MS) return hit.account?.row.platform === platform ? hit.account : null;
  const [row] = await db.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1`, [id]);
  const account = row ? { row, secrets: await openSecrets(db, ring, row) } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { at: Date.now(), account });
  return account?.row.platform === platform ? account : null;
}
