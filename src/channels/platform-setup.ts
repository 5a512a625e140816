/**
 * Telegram's `setWebhook`: tells the platform the bot's webhook URL and the `secret_token` it must
 * send back in `X-Telegram-Bot-Api-Secret-Token` (src/channels/signatures.ts). Called after a bot is
 * connected or its secrets rotated, once the new secret is committed. This module configures a bot;
 * it never messages anyone (test/channels/send-path.test.ts keeps every send endpoint out of it).
 */
const TIMEOUT_MS = 10_000;

export type WebhookSetup = 'set' | 'platform_refused' | 'platform_unreachable';

export async function setTelegramWebhook(baseUrl: string, botToken: string, webhookUrl: string, secretToken: string): Promise<WebhookSetup> {
  try {
    const res = await fetch(`${baseUrl}/bot${botToken}/setWebhook`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS),
      // Only what the bot's events are: messages, commands and its membership (stop, block).
      body: JSON.stringify({ url: webhookUrl, secret_token: secretToken, allowed_updates: ['message', 'edited_message', 'my_chat_member'] }),
    });
    const json = (await res.json().catch(() => ({}))) as { ok?: unknown };
    return res.ok && json.ok === true ? 'set' : 'platform_refused';
  } catch {
    return 'platform_unreachable';
  }
}
