// Signed webhook deliveries as each platform sends them, built with the platforms' own
// signature schemes (src/channels/signatures.ts), for tests and the benchmark.
import { messengerSignature, zaloSignature } from '../../src/channels/signatures.ts';

export type Signed = { body: Buffer; headers: Record<string, string> };

export function messengerDelivery(appSecret: string, pageId: string, items: Array<Record<string, unknown>>): Signed {
  const body = Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: pageId, time: Date.now(), messaging: items.map((i) => ({ recipient: { id: pageId }, timestamp: Date.now(), ...i })) }] }));
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': messengerSignature(body, appSecret) } };
}
export const messengerText = (psid: string, mid: string, text: string) => ({ sender: { id: psid }, message: { mid, text } });

export function zaloDelivery(appId: string, oaSecretKey: string, oaId: string, event: Record<string, unknown>): Signed {
  const timestamp = String(Date.now());
  const body = Buffer.from(JSON.stringify({ app_id: appId, oa_id: oaId, timestamp, ...event }));
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(body, appId, timestamp, oaSecretKey) } };
}
export const zaloText = (userId: string, oaId: string, msgId: string, text: string) =>
  ({ event_name: 'user_send_text', sender: { id: userId }, recipient: { id: oaId }, message: { msg_id: msgId, text } });

export function telegramDelivery(secretToken: string, update: Record<string, unknown>): Signed {
  const body = Buffer.from(JSON.stringify(update));
  return { body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken } };
}
export const telegramText = (updateId: number, userId: number, text: string, language = 'vi') =>
  ({ update_id: updateId, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Lan', language_code: language }, text } });
