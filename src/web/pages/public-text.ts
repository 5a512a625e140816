/**
 * The words of the contact and community pages, in Vietnamese and English, kept beside them.
 */
import type { Lang } from '../i18n/index.ts';

const VI = {
  'contact.title': 'Liên hệ ECOMKEY', 'contact.lead': 'Hỏi về quyền riêng tư hoặc bảo mật. Câu hỏi bảo mật: đặt tiêu đề "Security Policy Question" để được chuyển thẳng tới bộ phận bảo mật.',
  'contact.hours': 'Giờ làm việc qua điện thoại (giờ Việt Nam, UTC+7)', 'contact.weekdays': 'Thứ Hai – thứ Sáu', 'contact.weekend': 'Thứ Bảy – Chủ nhật',
  'contact.open': 'Đang mở cửa — giờ Việt Nam hiện là {time}, đóng lúc {closes}.', 'contact.closed': 'Đang ngoài giờ — giờ Việt Nam hiện là {time}, mở lại lúc {opens}. Bạn vẫn có thể gửi câu hỏi bên dưới.',
  'contact.email': 'E-mail của bạn', 'contact.subject': 'Tiêu đề', 'contact.message': 'Câu hỏi', 'contact.submit': 'Gửi câu hỏi',
  'contact.sent': 'Đã nhận câu hỏi của bạn (mã {ref}). Chúng tôi đã gửi thư xác nhận và sẽ trả lời trước hạn.',
  'community.title': 'Góp ý và bình luận', 'community.lead': 'Đề xuất, lời khen hoặc vấn đề bạn gặp với ECOMKEY.',
  'community.public': 'Bài đăng là công khai: mọi người sẽ thấy tên người dùng, thành phố và nội dung bạn viết. ECOMKEY không thể bảo vệ những gì bạn đăng — đừng đăng số điện thoại, e-mail, số giấy tờ hay thông tin nhạy cảm.',
  'community.kind': 'Loại', 'community.kind.suggestion': 'Đề xuất', 'community.kind.compliment': 'Lời khen', 'community.kind.issue': 'Vấn đề', 'community.kind.comment': 'Bình luận',
  'community.username': 'Tên người dùng (hiển thị công khai)', 'community.city': 'Thành phố (hiển thị công khai)', 'community.body': 'Nội dung', 'community.submit': 'Đăng công khai',
  'community.signin': 'Đăng nhập để đăng bài.', 'community.empty': 'Chưa có bài đăng nào.', 'community.posted': 'Đã đăng.',
  'community.review': 'Nội dung này có vẻ chứa thông tin cá nhân và sẽ được công khai:', 'community.confirm': 'Tôi hiểu và vẫn muốn đăng công khai',
  'warn.EMAIL': 'địa chỉ e-mail', 'warn.PHONE': 'số điện thoại', 'warn.CARD': 'số thẻ', 'warn.NATIONAL_ID': 'số giấy tờ tuỳ thân', 'warn.BANK_ACCOUNT': 'số tài khoản ngân hàng',
  'warn.ADDRESS': 'địa chỉ', 'warn.DATE_OF_BIRTH': 'ngày sinh', 'warn.SENSITIVE': 'thông tin nhạy cảm (sức khoẻ, tôn giáo, chính trị…)',
} as const;

type Key = keyof typeof VI;

const EN: Record<Key, string> = {
  'contact.title': 'Contact ECOMKEY', 'contact.lead': 'Ask about privacy or security. For a security question, use the subject "Security Policy Question" and it goes straight to our security team.',
  'contact.hours': 'Phone hours (Vietnam time, UTC+7)', 'contact.weekdays': 'Monday – Friday', 'contact.weekend': 'Saturday – Sunday',
  'contact.open': 'Open now — it is {time} in Vietnam; we close at {closes}.', 'contact.closed': 'Closed now — it is {time} in Vietnam; we open at {opens}. You can still send a question below.',
  'contact.email': 'Your e-mail', 'contact.subject': 'Subject', 'contact.message': 'Your question', 'contact.submit': 'Send question',
  'contact.sent': 'We received your question (reference {ref}). A confirmation is on its way, and we will answer by the due date.',
  'community.title': 'Feedback and comments', 'community.lead': 'Suggestions, compliments or issues you met with ECOMKEY.',
  'community.public': 'Posts are public: everyone sees your username, your city and what you write. ECOMKEY cannot protect what you post — do not post phone numbers, e-mails, ID numbers or sensitive details.',
  'community.kind': 'Kind', 'community.kind.suggestion': 'Suggestion', 'community.kind.compliment': 'Compliment', 'community.kind.issue': 'Issue', 'community.kind.comment': 'Comment',
  'community.username': 'Username (shown publicly)', 'community.city': 'City (shown publicly)', 'community.body': 'Your post', 'community.submit': 'Post publicly',
  'community.signin': 'Sign in to post.', 'community.empty': 'No posts yet.', 'community.posted': 'Posted.',
  'community.review': 'This looks like it holds personal data, and it would be public:', 'community.confirm': 'I understand and want to post it publicly anyway',
  'warn.EMAIL': 'an e-mail address', 'warn.PHONE': 'a phone number', 'warn.CARD': 'a card number', 'warn.NATIONAL_ID': 'an ID number', 'warn.BANK_ACCOUNT': 'a bank account number',
  'warn.ADDRESS': 'an address', 'warn.DATE_OF_BIRTH': 'a date of birth', 'warn.SENSITIVE': 'sensitive details (health, religion, politics…)',
};

export type PublicTextKey = Key;
export function publicText(lang: Lang) {
  const dict: Record<Key, string> = lang === 'vi' ? VI : EN;
  return (key: Key, vars: Record<string, string | number> = {}): string => dict[key].replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m));
}
