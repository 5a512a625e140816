/**
 * Each platform's send API behind one adapter shape: the only code in Pledge that posts to a
 * platform (test/channels/send-path.test.ts enumerates the sources to keep it so). Called only
 * by the delivery job, after the send gate. Sends are paced per channel account under each
 * platform's rate limit, so a broadcast never exceeds it from one process.
 * @clause C29
 */
import type { ChannelSecrets } from './accounts.ts';
import type { Platform } from './events.ts';
import { appSecretProof } from './signatures.ts';
import type { MessageTag } from './send-rules.ts';

export type SendRequest = {
  baseUrl: string; secrets: ChannelSecrets; accountId: string; platformUserId: string; text: string; tag: MessageTag | null;
};

/** A send the platform did not take: `retry` when trying again later may work (rate limit, outage). */
export class PlatformError extends Error {
  constructor(readonly code: string, readonly retry: boolean) {
    super(code);
  }
}

// Messages per second per channel account, under each platform's published limit.
export const SEND_RATE: Readonly<Record<Platform, number>> = { messenger: 200, zalo: 50, telegram: 25 };
const TIMEOUT_MS = 10_000;

const nextSlot = new Map<string, number>();
/** Waits for this account's next send slot (a simple pacer: one send every 1/rate seconds). */
async function pace(accountId: string, rate: number): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextSlot.get(accountId) ?? 0);
  nextSlot.set(accountId, at + 1000 / rate);
  if (at > now) await new Promise((r) => setTimeout(r, at - now));
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new PlatformError('platform_unreachable', true);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 429) throw new PlatformError('platform_rate_limited', true);
  if (res.status >= 500) throw new PlatformError('platform_unavailable', true);
  return { status: res.status, json };
}

const need = (v: string | undefined): string => {
  if (!v) throw new PlatformError('channel_secret_missing', false);
  return v;
};

type Adapter = (r: SendRequest) => Promise<string>;

const messenger: Adapter = async (r) => {
  const token = need(r.secrets.accessToken);
  const q = new URLSearchParams({ access_token: token, appsecret_proof: appSecretProof(token, need(r.secrets.appSecret)) });
  const { status, json } = await post(`${r.baseUrl}/v19.0/me/messages?${q}`, {
    recipient: { id: r.platformUserId }, messaging_type: r.tag ? 'MESSAGE_TAG' : 'RESPONSE', ...(r.tag ? { tag: r.tag } : {}), message: { text: r.text },
  });
  if (status !== 200 || typeof json.message_id !== 'string') throw new PlatformError('platform_refused', false);
  return json.message_id;
};

const zalo: Adapter = async (r) => {
  const { json } = await post(`${r.baseUrl}/v3.0/oa/message/cs`, { recipient: { user_id: r.platformUserId }, message: { text: r.text } }, { access_token: need(r.secrets.accessToken) });
  const id = (json.data as { message_id?: unknown } | undefined)?.message_id;
  if (json.error !== 0 || typeof id !== 'string') throw new PlatformError('platform_refused', false);
  return id;
};

const telegram: Adapter = async (r) => {
  const { json } = await post(`${r.baseUrl}/bot${need(r.secrets.accessToken)}/sendMessage`, { chat_id: r.platformUserId, text: r.text });
  const id = (json.result as { message_id?: unknown } | undefined)?.message_id;
  // A user who blocked the bot answers 403: nothing more can go to them.
  if (json.ok !== true || id === undefined) throw new PlatformError(json.error_code === 403 ? 'platform_blocked' : 'platform_refused', false);
  return String(id);
};

const ADAPTERS: Readonly<Record<Platform, Adapter>> = { messenger, zalo, telegram };

/** Sends one message through its platform; returns the platform's message id. */
export async function sendThroughPlatform(platform: Platform, r: SendRequest): Promise<string> {
  await pace(r.accountId, SEND_RATE[platform]);
  return ADAPTERS[platform](r);
}
