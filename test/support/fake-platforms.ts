// A local stand-in for the Messenger, Zalo and Telegram send APIs: checks each request's
// shape and credentials (Graph API's appsecret_proof, Zalo's access_token header, Telegram's
// bot token in the path) and a per-account rate limit, and keeps what it accepted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { appSecretProof } from '../../src/channels/signatures.ts';

export type Sent = { platform: 'messenger' | 'zalo' | 'telegram'; to: string; text: string; tag?: string; at: number };
export type WebhookSet = { token: string; url: string; secretToken: string };
export type FakePlatforms = {
  url: string; sent: Sent[]; webhooks: WebhookSet[]; refused: { platform: string; why: string }[];
  /** The credentials the fake accepts, per platform. */
  accept: { messenger: { token: string; appSecret: string }; zalo: { token: string }; telegram: { token: string } };
  close(): Promise<void>;
};

const RATE_PER_SECOND = 50;

const readJson = (req: IncomingMessage): Promise<Record<string, unknown> | null> => new Promise((resolve) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
    } catch {
      resolve(null);
    }
  });
});

export async function startFakePlatforms(accept: FakePlatforms['accept']): Promise<FakePlatforms> {
  const sent: Sent[] = [];
  const webhooks: WebhookSet[] = [];
  const refused: FakePlatforms['refused'] = [];
  const recent = new Map<string, number[]>();
  const limited = (key: string): boolean => {
    const now = Date.now();
    const times = (recent.get(key) ?? []).filter((t) => now - t < 1000);
    times.push(now);
    recent.set(key, times);
    return times.length > RATE_PER_SECOND;
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readJson(req);
    const answer = (status: number, json: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
    const refuse = (platform: string, why: string, status: number, json: unknown) => { refused.push({ platform, why }); answer(status, json); };
    const msg = body?.message as { text?: unknown } | undefined;
    if (url.pathname === '/v19.0/me/messages') {
      const token = url.searchParams.get('access_token');
      if (token !== accept.messenger.token || url.searchParams.get('appsecret_proof') !== appSecretProof(token, accept.messenger.appSecret)) return refuse('messenger', 'credentials', 400, { error: { code: 190 } });
      const to = (body?.recipient as { id?: unknown } | undefined)?.id;
      if (typeof to !== 'string' || typeof msg?.text !== 'string' || !['RESPONSE', 'MESSAGE_TAG', 'UPDATE'].includes(String(body?.messaging_type))) return refuse('messenger', 'shape', 400, { error: { code: 100 } });
      if (body?.messaging_type === 'MESSAGE_TAG' && typeof body.tag !== 'string') return refuse('messenger', 'tag', 400, { error: { code: 100 } });
      if (limited(`m:${token}`)) return refuse('messenger', 'rate', 429, { error: { code: 613 } });
      sent.push({ platform: 'messenger', to, text: msg.text, ...(typeof body?.tag === 'string' ? { tag: body.tag } : {}), at: Date.now() });
      return answer(200, { recipient_id: to, message_id: `m_${sent.length}` });
    }
    if (url.pathname === '/v3.0/oa/message/cs') {
      if (req.headers.access_token !== accept.zalo.token) return refuse('zalo', 'credentials', 200, { error: -216, message: 'Access token is invalid' });
      const to = (body?.recipient as { user_id?: unknown } | undefined)?.user_id;
      if (typeof to !== 'string' || typeof msg?.text !== 'string') return refuse('zalo', 'shape', 200, { error: -201, message: 'Parameters are invalid' });
      if (limited(`z:${accept.zalo.token}`)) return refuse('zalo', 'rate', 429, { error: -32, message: 'Exceeded the rate limit' });
      sent.push({ platform: 'zalo', to, text: msg.text, at: Date.now() });
      return answer(200, { error: 0, message: 'Success', data: { message_id: `z_${sent.length}` } });
    }
    const tg = /^\/bot([^/]+)\/sendMessage$/.exec(url.pathname);
    if (tg) {
      if (tg[1] !== accept.telegram.token) return refuse('telegram', 'credentials', 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      if ((typeof body?.chat_id !== 'string' && typeof body?.chat_id !== 'number') || typeof body?.text !== 'string') return refuse('telegram', 'shape', 400, { ok: false, error_code: 400 });
      if (limited(`t:${tg[1]}`)) return refuse('telegram', 'rate', 429, { ok: false, error_code: 429, parameters: { retry_after: 1 } });
      sent.push({ platform: 'telegram', to: String(body.chat_id), text: body.text, at: Date.now() });
      return answer(200, { ok: true, result: { message_id: sent.length } });
    }
    // setWebhook: Telegram takes an HTTPS url in production; the fake takes any url, and a secret_token of 1–256 of [A-Za-z0-9_-].
    const hook = /^\/bot([^/]+)\/setWebhook$/.exec(url.pathname);
    if (hook) {
      if (hook[1] !== accept.telegram.token) return refuse('telegram', 'credentials', 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      if (typeof body?.url !== 'string' || typeof body.secret_token !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(body.secret_token)) return refuse('telegram', 'shape', 400, { ok: false, error_code: 400 });
      webhooks.push({ token: hook[1], url: body.url, secretToken: body.secret_token });
      return answer(200, { ok: true, result: true, description: 'Webhook was set' });
    }
    refuse('unknown', url.pathname, 404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, sent, webhooks, refused, accept, close: () => new Promise((r) => server.close(() => r())) };
}
