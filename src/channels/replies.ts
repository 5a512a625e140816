/**
 * What the bot itself says, in the Subscriber's language: the confirmation of an opt-out or an
 * opt-in, and the help reply (how to stop; how to ask the shop to see, correct or delete one's data).
 * @clause C11
 */
import type { Language } from './opt-words.ts';

export const REPLIES: Readonly<Record<'opted_out' | 'opted_in' | 'help' | 'request_received', Readonly<Record<Language, string>>>> = {
  opted_out: {
    vi: 'Bạn đã hủy nhận tin. Cửa hàng sẽ không gửi thêm tin nhắn nào cho bạn trên kênh này. Gửi "ĐĂNG KÝ" để nhận tin lại.',
    en: 'You are unsubscribed. The shop will send you no more messages on this channel. Reply START to subscribe again.',
  },
  opted_in: {
    vi: 'Bạn đã đăng ký nhận tin lại. Gửi "HỦY" bất cứ lúc nào để ngừng.',
    en: 'You are subscribed again. Reply STOP at any time to stop.',
  },
  help: {
    vi: 'Gửi "HỦY" để ngừng nhận tin. Gửi "DỮ LIỆU" để xem dữ liệu cửa hàng lưu về bạn, "SỬA DỮ LIỆU" để sửa, "XÓA DỮ LIỆU" để xóa: cửa hàng sẽ trả lời yêu cầu của bạn.',
    en: 'Reply STOP to stop messages. Reply MY DATA to see what the shop holds about you, CORRECT MY DATA to correct it, DELETE MY DATA to delete it: the shop will answer your request.',
  },
  request_received: {
    vi: 'Cửa hàng đã nhận yêu cầu về dữ liệu của bạn và sẽ trả lời trong thời hạn luật định.',
    en: 'The shop has received your request about your data and will answer it within the time the law allows.',
  },
};
