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
  'mine.title': 'Yêu cầu của tôi', 'mine.lead': 'Các yêu cầu bạn đã gửi tới {shop} về dữ liệu của mình, và hạn xử lý của từng yêu cầu.',
  'mine.none': 'Bạn chưa gửi yêu cầu nào.', 'mine.new': 'Gửi yêu cầu mới', 'mine.kind': 'Bạn muốn', 'mine.submit': 'Gửi yêu cầu',
  'mine.filed': 'Đã nhận yêu cầu của bạn. Hạn xử lý hiện trong bảng dưới đây.', 'mine.duplicate': 'Bạn đã có một yêu cầu cùng loại đang được xử lý: yêu cầu mới được gắn vào đó.',
  'mine.correction': 'Khi sửa dữ liệu: giá trị mới (để trống những gì không đổi)', 'mine.back': 'Về trung tâm quyền riêng tư', 'mine.link': 'Yêu cầu của tôi (xem, sao chép, sửa, xóa dữ liệu)',
  'field.name': 'Họ tên', 'field.company': 'Công ty', 'field.billingAddress': 'Địa chỉ thanh toán', 'field.displayName': 'Tên hiển thị', 'field.phone': 'Số điện thoại',
  'field.email': 'Địa chỉ e-mail', 'field.address': 'Địa chỉ',
  'pack.title': 'Xác nhận đã thực hiện yêu cầu', 'pack.lead': 'Bấm khi bạn đã thực hiện yêu cầu của chủ thể dữ liệu được gửi tới bạn qua e-mail.',
  'pack.submit': 'Xác nhận đã thực hiện', 'pack.done': 'Cảm ơn bạn. Đã ghi nhận xác nhận của bạn.', 'pack.bad': 'Liên kết này không hợp lệ: hãy dùng đúng liên kết trong thư.',
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
  'mine.title': 'My requests', 'mine.lead': 'The requests about your data you sent to {shop}, and when each is due.',
  'mine.none': 'You have not sent any request yet.', 'mine.new': 'Send a new request', 'mine.kind': 'You want', 'mine.submit': 'Send the request',
  'mine.filed': 'Your request is received. Its due date is in the table below.', 'mine.duplicate': 'You already have an open request of this kind: the new one is linked to it.',
  'mine.correction': 'For a correction: the new values (leave blank what stays)', 'mine.back': 'Back to the privacy center', 'mine.link': 'My requests (access, copy, correct, delete my data)',
  'field.name': 'Name', 'field.company': 'Company', 'field.billingAddress': 'Billing address', 'field.displayName': 'Display name', 'field.phone': 'Phone',
  'field.email': 'E-mail address', 'field.address': 'Address',
  'pack.title': 'Acknowledge a data subject request', 'pack.lead': 'Press once you have carried out the data subject\'s request mailed to you.',
  'pack.submit': 'Acknowledge: done', 'pack.done': 'Thank you. Your acknowledgement is recorded.', 'pack.bad': 'This link is not valid: use the one in the e-mail.',
};

/** The request pages' words in `lang`, with `{name}` placeholders filled. */
export const requestText = (lang: Lang) => (key: Key, vars: Record<string, string> = {}): string =>
  ((lang === 'en' ? EN : VI)[key] as string).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
export type RequestText = ReturnType<typeof requestText>;
export const FORM_KINDS = ['erasure', 'access', 'portability', 'restriction', 'objection', 'withdrawal'] as const;
/** What a signed-in person may ask for themselves: every kind, a correction included. */
export const MINE_KINDS = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal'] as const;
/** The fields a correction may carry, per kind of person (the API refuses any other). */
export const CORRECTION_FIELDS = {
  customer: ['name', 'company', 'billingAddress'],
  subscriber: ['displayName', 'phone', 'email'],
  buyer: ['name', 'phone', 'email', 'address'],
} as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[keyof typeof CORRECTION_FIELDS][number];
