/**
 * What the bot itself says, in the Subscriber's language: the confirmation of an opt-out or an
 * opt-in, and the help reply (how to stop; how to ask the shop to see, correct or delete one's data).
 * @clause C11
 */
import type { Language } from './opt-words.ts';

export const REPLIES: Readonly<Record<'opted_out' | 'opted_in' | 'help', Readonly<Record<Language, string>>>> = {
  opted_out: {
    vi: 'Bạn đã hủy nhận tin. Cửa hàng sẽ không gửi thêm tin nhắn nào cho bạn trên kênh này. Gửi "ĐĂNG KÝ" để nhận tin lại.',
    en: 'You are unsubscribed. The shop will send you no more messages on this channel. Reply START to subscribe again.',
  },
  opted_in: {
    vi: 'Bạn đã đăng ký nhận tin lại. Gửi "HỦY" bất cứ lúc nào để ngừng.',
    en: 'You are subscribed again. Reply STOP at any time to stop.',
  },
  help: {
    vi: 'Gửi "HỦY" để ngừng nhận tin. Để xem, sửa hoặc xóa dữ liệu của bạn, hãy nhắn "DỮ LIỆU" và cửa hàng sẽ trả lời yêu cầu của bạn.',
    en: 'Reply STOP to stop messages. To see, correct or delete your data, reply DATA and the shop will answer your request.',
  },
};
