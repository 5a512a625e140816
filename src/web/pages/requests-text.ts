/**
 * The words of the request pages, in Vietnamese and English. Kept beside the pages (not in the
 * shared dictionaries) so the request workflow's text moves with it. Pure data.
 */
import type { Lang } from '../i18n/index.ts';

const VI = {
  'status.title': 'Trạng thái yêu cầu', 'status.lead': 'Yêu cầu của bạn về dữ liệu cá nhân, theo mã đã gửi cho bạn.',
  'status.none': 'Không có yêu cầu nào với mã này, hoặc chúng tôi không giữ dữ liệu nào của bạn.',
  'col.kind': 'Loại yêu cầu', 'col.state': 'Trạng thái', 'col.received': 'Nhận lúc', 'col.due': 'Hạn xử lý', 'col.closed': 'Hoàn tất lúc', 'col.left': 'Còn lại',
  'col.subject': 'Chủ thể', 'col.via': 'Kênh', 'col.found': 'Dữ liệu tìm thấy',
  'kind.access': 'Xem dữ liệu', 'kind.portability': 'Bản sao dữ liệu', 'kind.rectification': 'Sửa dữ liệu', 'kind.erasure': 'Xóa dữ liệu',
  'kind.restriction': 'Hạn chế xử lý', 'kind.objection': 'Phản đối xử lý', 'kind.withdrawal': 'Rút lại sự đồng ý',
  'state.received': 'Đã nhận', 'state.identity_unverified': 'Chờ xác nhận danh tính', 'state.verified': 'Đã xác minh', 'state.in_progress': 'Đang xử lý',
  'state.fulfilled': 'Đã hoàn tất', 'state.denied': 'Bị từ chối', 'state.canceled': 'Đã hủy',
  'confirm.title': 'Xác nhận yêu cầu', 'confirm.lead': 'Bấm để xác nhận bạn đã gửi yêu cầu này. Thời hạn xử lý bắt đầu từ lúc bạn xác nhận.',
  'confirm.submit': 'Xác nhận yêu cầu', 'confirm.done': 'Đã xác nhận. Theo dõi yêu cầu của bạn tại:', 'confirm.follow': 'Xem trạng thái',
  'form.title': 'Gửi yêu cầu về dữ liệu của bạn', 'form.lead': 'Gửi tới {shop}. Chúng tôi sẽ gửi một liên kết xác nhận tới địa chỉ e-mail của bạn.',
  'form.email': 'Địa chỉ e-mail', 'form.kind': 'Bạn muốn', 'form.submit': 'Gửi yêu cầu', 'form.sent': 'Nếu địa chỉ này có trong danh sách của cửa hàng, bạn sẽ nhận được thư xác nhận.',
  'inbox.title': 'Yêu cầu của chủ thể dữ liệu', 'inbox.lead': 'Mỗi yêu cầu với hạn xử lý sớm nhất theo chính sách và pháp luật.', 'inbox.empty': 'Chưa có yêu cầu nào. Mỗi yêu cầu của chủ thể dữ liệu sẽ hiện ở đây với hạn xử lý theo chính sách và pháp luật.',
  'inbox.overdue': 'Quá hạn', 'inbox.fulfil': 'Thực hiện', 'inbox.deny': 'Từ chối', 'inbox.extend': 'Gia hạn', 'inbox.verify': 'Đã xác minh danh tính', 'inbox.steps': 'Các bước',
  'inbox.processors': 'Bên xử lý được thông báo', 'inbox.history': 'Lịch sử', 'inbox.reason': 'Lý do',
} as const;

type Key = keyof typeof VI;

const EN: Record<Key, string> = {
  'status.title': 'Request status', 'status.lead': 'Your request about your personal data, by the code you were given.',
  'status.none': 'No request has this code, or we hold no data about you.',
  'col.kind': 'Request', 'col.state': 'State', 'col.received': 'Received', 'col.due': 'Due', 'col.closed': 'Completed', 'col.left': 'Time left',
  'col.subject': 'Subject', 'col.via': 'Channel', 'col.found': 'Data found',
  'kind.access': 'Access', 'kind.portability': 'Portable copy', 'kind.rectification': 'Correction', 'kind.erasure': 'Erasure',
  'kind.restriction': 'Restriction', 'kind.objection': 'Objection', 'kind.withdrawal': 'Consent withdrawal',
  'state.received': 'Received', 'state.identity_unverified': 'Awaiting confirmation', 'state.verified': 'Verified', 'state.in_progress': 'In progress',
  'state.fulfilled': 'Done', 'state.denied': 'Denied', 'state.canceled': 'Canceled',
  'confirm.title': 'Confirm your request', 'confirm.lead': 'Press to confirm you sent this request. The deadline counts from your confirmation.',
  'confirm.submit': 'Confirm the request', 'confirm.done': 'Confirmed. Follow your request here:', 'confirm.follow': 'See its status',
  'form.title': 'Send a request about your data', 'form.lead': 'To {shop}. We will e-mail you a link to confirm it.',
  'form.email': 'E-mail address', 'form.kind': 'You want', 'form.submit': 'Send the request', 'form.sent': 'If this address is on the shop\'s list, a confirmation e-mail is on its way.',
  'inbox.title': 'Data subject requests', 'inbox.lead': 'Each request with the earliest due date the policy and the law give.', 'inbox.empty': 'No requests yet. Each data subject\'s request will appear here with its due date from the policy and the law.',
  'inbox.overdue': 'Overdue', 'inbox.fulfil': 'Fulfil', 'inbox.deny': 'Deny', 'inbox.extend': 'Extend', 'inbox.verify': 'Identity verified', 'inbox.steps': 'Steps',
  'inbox.processors': 'Processors notified', 'inbox.history': 'History', 'inbox.reason': 'Reason',
};

/** The request pages' words in `lang`, with `{name}` placeholders filled. */
export const requestText = (lang: Lang) => (key: Key, vars: Record<string, string> = {}): string =>
  ((lang === 'en' ? EN : VI)[key] as string).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
export type RequestText = ReturnType<typeof requestText>;
export const FORM_KINDS = ['erasure', 'access', 'portability', 'restriction', 'objection', 'withdrawal'] as const;
