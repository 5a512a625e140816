/**
 * A Subscriber asks the shop, in the chat, to see, correct or delete their data (C11): the whole
 * message, tidied as for the stop words, is one of these phrases. The request lands in the
 * shop's requests (`subject_requests`, received via the bot), never with the message's words.
 * @clause C11
 */
import { bare, tidy } from './opt-words.ts';

export type ChatRequestKind = 'access' | 'rectification' | 'erasure';

const PHRASES: Readonly<Record<string, ChatRequestKind>> = {
  'du lieu': 'access', 'xem du lieu': 'access', data: 'access', 'my data': 'access',
  'sua du lieu': 'rectification', 'correct my data': 'rectification',
  'xoa du lieu': 'erasure', 'delete my data': 'erasure',
};

/** The request a whole message makes, or null. Matched unaccented: "DỮ LIỆU" and "du lieu" alike. */
export const classifyChatRequest = (text: string): ChatRequestKind | null => (text.length > 40 ? null : PHRASES[bare(tidy(text))] ?? null);
