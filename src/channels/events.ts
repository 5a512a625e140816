/**
 * The platforms' webhook payloads read into one shape of event: who, what kind, when, the text
 * or payload, and the platform's id for it (the idempotency key). Pure; unknown shapes are
 * `other` events (stored, then ignored) and a payload that is not the platform's at all is null.
 */
import type { Language } from './opt-words.ts';

export type Platform = 'messenger' | 'zalo' | 'telegram';
export const PLATFORMS: readonly Platform[] = ['messenger', 'zalo', 'telegram'];

export type EventKind =
  | 'message' | 'postback' | 'referral' | 'follow' | 'unfollow' | 'optin_stop' | 'optin_resume'
  | 'start' | 'stop_command' | 'kicked' | 'member' | 'other';

export type ChannelEvent = {
  /** The platform's id of the event, unique per channel account. */
  readonly key: string;
  readonly kind: EventKind;
  /** The person's platform id (PSID, Zalo user id, Telegram user id). */
  readonly userId: string;
  readonly at: number;
  readonly text?: string;
  readonly payload?: string;
  readonly name?: string;
  readonly language?: Language;
  /** The item of the delivery this event came in: what is sealed as its raw evidence. */
  readonly raw: unknown;
};

/** A delivery read: the page or OA it names (null when the platform names none) and its events. */
export type Delivery = { readonly recipients: readonly string[]; readonly events: readonly ChannelEvent[] };

type J = Record<string, unknown>;
const obj = (v: unknown): J | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as J) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 4096 ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const langOf = (code: unknown): Language | undefined => (typeof code === 'string' ? (code.toLowerCase().startsWith('vi') ? 'vi' : code.toLowerCase().startsWith('en') ? 'en' : undefined) : undefined);
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

function messengerItem(m: J): Omit<ChannelEvent, 'userId' | 'at' | 'raw'> | null {
  const message = obj(m.message);
  const postback = obj(m.postback);
  const referral = obj(m.referral) ?? obj(postback?.referral);
  const optin = obj(m.optin) ?? obj(m.messaging_optins);
  const who = str(obj(m.sender)?.id);
  const when = str(m.timestamp);
  const fallback = (kind: string) => `${kind}:${who}:${when}`;
  if (message) {
    if (message.is_echo === true) return null; // the page's own sends, echoed back
    return { key: str(message.mid) ?? fallback('message'), kind: 'message', ...(str(message.text) ? { text: str(message.text)! } : {}) };
  }
  if (postback) {
    const payload = str(postback.payload);
    return { key: str(postback.mid) ?? fallback('postback'), kind: referral ? 'referral' : 'postback', ...(payload ? { payload } : {}) };
  }
  if (referral) return { key: fallback('referral'), kind: 'referral', ...(str(referral.ref) ? { payload: str(referral.ref)! } : {}) };
  if (optin) {
    const status = str(optin.notification_messages_status) ?? '';
    const kind: EventKind = /^STOP/.test(status) ? 'optin_stop' : /^RESUME/.test(status) ? 'optin_resume' : 'other';
    return { key: fallback(`optin_${status.toLowerCase() || 'other'}`), kind };
  }
  return { key: fallback('other'), kind: 'other' };
}

/** Messenger and Instagram: `{ object, entry: [{ id, messaging: [...] }] }`. */
export function readMessenger(body: unknown): Delivery | null {
  const b = obj(body);
  if (!b || (b.object !== 'page' && b.object !== 'instagram')) return null;
  const recipients = new Set<string>();
  const events: ChannelEvent[] = [];
  for (const e of list(b.entry)) {
    const entry = obj(e);
    if (!entry) continue;
    const page = str(entry.id);
    if (page) recipients.add(page);
    for (const item of list(entry.messaging)) {
      const m = obj(item);
      const userId = str(obj(m?.sender)?.id);
      const to = str(obj(m?.recipient)?.id);
      if (!m || !userId || !ID.test(userId)) continue;
      if (to) recipients.add(to);
      const read = messengerItem(m);
      if (read) events.push({ ...read, userId, at: Number(m.timestamp) || Date.now(), raw: m });
    }
  }
  return { recipients: [...recipients], events };
}

const ZALO_KINDS: Readonly<Record<string, EventKind>> = { user_send_text: 'message', follow: 'follow', unfollow: 'unfollow' };

/** Zalo OA: one event per delivery, `{ app_id, event_name, timestamp, sender|follower, recipient|oa_id, message }`. */
export function readZalo(body: unknown): Delivery | null {
  const b = obj(body);
  const name = str(b?.event_name);
  if (!b || !name) return null;
  const userId = str(obj(b.follower)?.id) ?? str(obj(b.sender)?.id) ?? str(b.user_id_by_app);
  const oa = str(b.oa_id) ?? str(obj(b.recipient)?.id);
  const message = obj(b.message);
  const timestamp = str(b.timestamp) ?? '';
  if (!userId || !ID.test(userId)) return { recipients: oa ? [oa] : [], events: [] };
  const kind = ZALO_KINDS[name] ?? (name.startsWith('user_send_') ? 'message' : 'other');
  const text = str(message?.text);
  return {
    recipients: oa ? [oa] : [],
    events: [{ key: str(message?.msg_id) ?? `${name}:${userId}:${timestamp}`, kind, userId, at: Number(timestamp) || Date.now(), ...(text ? { text } : {}), raw: b }],
  };
}

/** Telegram: one update per delivery, `{ update_id, message | my_chat_member }`; only private chats are a Subscriber's. */
export function readTelegram(body: unknown): Delivery | null {
  const b = obj(body);
  const updateId = str(b?.update_id);
  if (!b || !updateId) return null;
  const message = obj(b.message);
  const member = obj(b.my_chat_member);
  const from = obj(message?.from) ?? obj(member?.from);
  const chat = obj(message?.chat) ?? obj(member?.chat);
  const userId = str(from?.id);
  if (!userId || !ID.test(userId) || (chat && chat.type !== undefined && chat.type !== 'private')) return { recipients: [], events: [] };
  const base = {
    key: `update:${updateId}`, userId, at: (Number(message?.date ?? member?.date) || Date.now() / 1000) * 1000, raw: b,
    ...(str(from?.first_name) ? { name: str(from!.first_name)! } : {}), ...(langOf(from?.language_code) ? { language: langOf(from?.language_code)! } : {}),
  };
  if (member) {
    const status = str(obj(member.new_chat_member)?.status);
    return { recipients: [], events: [{ ...base, kind: status === 'kicked' ? 'kicked' : status === 'member' ? 'member' : 'other' }] };
  }
  const text = str(message?.text);
  if (!message) return { recipients: [], events: [{ ...base, kind: 'other' }] };
  // Bot commands, optionally addressed `/stop@shop_bot`; `/start <payload>` is a deep link.
  const command = text ? /^\/(start|stop)(?:@[A-Za-z0-9_]+)?(?:\s+(\S{1,64}))?\s*$/.exec(text) : null;
  if (command?.[1] === 'start') return { recipients: [], events: [{ ...base, kind: 'start', ...(command[2] ? { payload: command[2] } : {}) }] };
  if (command?.[1] === 'stop') return { recipients: [], events: [{ ...base, kind: 'stop_command' }] };
  return { recipients: [], events: [{ ...base, kind: 'message', ...(text ? { text } : {}) }] };
}

export const READERS: Readonly<Record<Platform, (body: unknown) => Delivery | null>> = { messenger: readMessenger, zalo: readZalo, telegram: readTelegram };
