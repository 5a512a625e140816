/**
 * The words of the records-of-processing report in Vietnamese and English. Keys come from the
 * taxonomy; a key with no Vietnamese label here is shown as its key and caught by a test.
 */
import type { Lang } from '../web/i18n/index.ts';

type Pair = readonly [vi: string, en: string];

export const HEADINGS = {
  title: ['Hồ sơ hoạt động xử lý dữ liệu cá nhân', 'Records of processing activities'],
  subtitle: ['Theo Điều 30 GDPR và hồ sơ đánh giá tác động theo Nghị định 356/2025/NĐ-CP', 'Under GDPR Art 30, with the impact-assessment dossier of Vietnam\'s Decree 356/2025'],
  controller: ['Bên kiểm soát dữ liệu', 'Controller'],
  contact: ['Liên hệ', 'Contact'],
  version: ['Phiên bản', 'Version'],
  generated: ['Lập lúc', 'Generated'],
  activities: ['1. Hoạt động xử lý theo mục đích', '1. Processing activities by purpose'],
  purpose: ['Mục đích', 'Purpose'],
  basis: ['Cơ sở pháp lý', 'Lawful basis'],
  subjects: ['Chủ thể dữ liệu', 'Data subjects'],
  categories: ['Loại dữ liệu', 'Data categories'],
  recipients: ['Bên nhận', 'Recipients'],
  features: ['Chức năng', 'Features'],
  storage: ['Nơi lưu và thời hạn xoá', 'Where kept and erasure time limits'],
  none: ['Không có', 'None'],
  columns: ['2. Dữ liệu được lưu', '2. Data held'],
  column: ['Cột', 'Column'],
  source: ['Nguồn', 'Source'],
  atRest: ['Bảo vệ khi lưu', 'At rest'],
  erasure: ['Khi xoá', 'On erasure'],
  processors: ['3. Bên xử lý và chuyển giao', '3. Processors and transfers'],
  processor: ['Bên xử lý', 'Processor'],
  kind: ['Loại', 'Kind'],
  retentionCol: ['Lưu giữ', 'Retention'],
  agreement: ['Hợp đồng', 'Agreement'],
  transfers: ['Mọi chuyển giao ra ngoài ECOMKEY đều qua một bên xử lý có hợp đồng trên đây và được ghi sổ công bố.', 'Every transfer outside ECOMKEY goes to a processor with an agreement above, and is recorded in the disclosure ledger.'],
  retention: ['4. Quy tắc lưu giữ', '4. Retention rules'],
  rule: ['Quy tắc', 'Rule'],
  table: ['Bảng', 'Table'],
  keep: ['Thời hạn', 'Period'],
  from: ['Tính từ', 'From'],
  why: ['Lý do', 'Why'],
  citation: ['Căn cứ', 'Citation'],
  measures: ['5. Biện pháp bảo mật', '5. Security measures'],
  count: ['Số lượng', 'Count'],
  risks: ['6. Luồng dữ liệu, rủi ro và biện pháp (Nghị định 356/2025)', '6. Data flows, risks and measures (Decree 356/2025)'],
  risk: ['Rủi ro', 'Risk'],
  about: ['Đối tượng', 'Concerns'],
  sensitive: ['nhạy cảm', 'sensitive'],
} as const satisfies Record<string, Pair>;

export const SUBJECT_LABELS: Record<string, Pair> = {
  customer: ['Khách hàng (chủ shop)', 'Customer (merchant)'],
  subscriber: ['Người đăng ký (liên hệ qua bot)', 'Subscriber (bot contact)'],
  buyer: ['Người mua', 'Buyer'],
  visitor: ['Khách truy cập website', 'Website visitor'],
  staff: ['Nhân viên ECOMKEY', 'ECOMKEY staff'],
  minor: ['Người dưới 18 tuổi', 'Person under 18'],
};

export const BASIS_LABELS: Record<string, Pair> = {
  contract: ['Thực hiện hợp đồng', 'Performing the contract'],
  consent: ['Sự đồng ý của chủ thể', 'The subject\'s consent'],
};

export const MEASURE_LABELS: Record<string, Pair> = {
  subject_key: ['Cột mã hoá bằng khoá riêng của từng người (AES-256-GCM; xoá khoá là xoá dữ liệu)', 'Columns sealed under each person\'s own key (AES-256-GCM; shredding the key erases them)'],
  tenant_key: ['Cột mã hoá bằng khoá của từng shop', 'Columns sealed under each shop\'s key'],
  mail_key: ['Cột thư mã hoá đến khi gửi', 'Mail columns sealed until sent'],
  blind_index: ['Chỉ mục mù (HMAC có khoá) thay cho giá trị rõ', 'Blind indexes (keyed HMAC) in place of clear values'],
  rls: ['Bảng có phân quyền theo dòng (mỗi shop chỉ thấy dữ liệu của mình)', 'Tables under row-level security (each shop sees only its own)'],
  restriction_wall: ['Bảng trong bản đồ chủ thể: hạn chế và phản đối xử lý được cơ sở dữ liệu thi hành', 'Tables of the subject map: restriction and objection enforced by the database'],
  input_guard: ['Tuyến API có bộ lọc đầu vào phát hiện dữ liệu cá nhân', 'API routes behind the personal-data input guard'],
  audit_chain: ['Nhật ký kiểm toán chuỗi băm, không chứa dữ liệu cá nhân dạng rõ', 'Hash-chained audit log, no personal data in clear'],
  tls: ['Truyền tải mã hoá TLS, HSTS', 'TLS in transit, HSTS'],
};

export const RISK_LABELS: Record<string, Pair> = {
  sensitive: ['Lộ dữ liệu nhạy cảm', 'Disclosure of sensitive data'],
  processor: ['Chuyển giao cho bên xử lý', 'Transfer to a processor'],
  minor: ['Dữ liệu của trẻ vị thành niên', 'Data of a minor'],
  channel_identity: ['Nhận dạng qua nền tảng nhắn tin', 'Identification through messaging platforms'],
};

export const FROM_LABELS: Record<string, Pair> = {
  expiry: ['khi hết hạn', 'expiry'], sent: ['khi gửi', 'sending'], record: ['khi ghi', 'recording'],
  erasure: ['khi xoá theo yêu cầu', 'erasure'], contract_end: ['khi hợp đồng kết thúc', 'end of contract'], deletion: ['khi bị xoá', 'deletion'],
};

export const CATEGORY_VI: Record<string, string> = {
  user: 'Dữ liệu về một cá nhân',
  'user.name': 'Họ tên, tên hiển thị hoặc tên người dùng',
  'user.unique_id': 'Mã định danh trên nền tảng khác (Zalo, Messenger, Telegram)',
  'user.contact': 'Dữ liệu liên lạc',
  'user.contact.email': 'Địa chỉ e-mail',
  'user.contact.phone': 'Số điện thoại',
  'user.contact.address': 'Địa chỉ bưu chính, thanh toán hoặc giao hàng',
  'user.contact.city': 'Thành phố hiển thị cạnh bài đăng công khai',
  'user.workplace': 'Tên công ty hoặc shop',
  'user.preference': 'Ngôn ngữ và các lựa chọn cài đặt',
  'user.demographic': 'Dữ liệu nhân khẩu học',
  'user.demographic.date_of_birth': 'Ngày sinh',
  'user.demographic.gender': 'Giới tính',
  'user.government_id': 'Giấy tờ tuỳ thân do nhà nước cấp',
  'user.government_id.national_id': 'Số CCCD / CMND / số an sinh xã hội',
  'user.government_id.passport': 'Số hộ chiếu',
  'user.government_id.id_card_image': 'Ảnh giấy tờ tuỳ thân',
  'user.government_id.eid_credentials': 'Thông tin tài khoản định danh điện tử (VNeID)',
  'user.financial': 'Dữ liệu tài chính',
  'user.financial.bank_account': 'Tài khoản ngân hàng',
  'user.financial.payment_card_token': 'Mã tham chiếu thanh toán (không bao giờ là số thẻ)',
  'user.financial.transactions': 'Giao dịch thanh toán',
  'user.financial.credentials': 'Thông tin đăng nhập tài khoản thanh toán',
  'user.credentials': 'Bí mật xác thực',
  'user.credentials.password_hash': 'Mật khẩu đã băm (scrypt)',
  'user.device': 'Dữ liệu thiết bị',
  'user.device.ip_address': 'Địa chỉ IP (đầy đủ hoặc rút gọn)',
  'user.device.cookie_id': 'Cookie hoặc mã thiết bị',
  'user.device.browser': 'Trình duyệt, loại thiết bị và hệ điều hành',
  'user.behavior': 'Cách người dùng sử dụng dịch vụ (dữ liệu nhật ký)',
  'user.behavior.browsing': 'Trang đã xem, thời gian, từ khoá tìm kiếm, liên kết đã nhấn',
  'user.behavior.tracking': 'Dữ liệu theo dõi hành vi trực tuyến',
  'user.location': 'Vị trí xác định qua dịch vụ định vị',
  'user.health': 'Tình trạng sức khoẻ và hồ sơ y tế',
  'user.religion': 'Tôn giáo, tín ngưỡng',
  'user.political_opinion': 'Quan điểm chính trị',
  'user.ethnicity': 'Nguồn gốc chủng tộc, dân tộc',
  'user.genetic': 'Đặc điểm di truyền',
  'user.biometric': 'Đặc điểm sinh trắc học',
  'user.sexual_orientation': 'Đời sống tình dục, xu hướng tính dục',
  'user.criminal_record': 'Lý lịch tư pháp, hành vi phạm tội',
  'user.union_membership': 'Thành viên công đoàn',
  'user.private_life': 'Đời sống riêng tư, bí mật gia đình',
  'user.social_profile': 'Thông tin công khai trên mạng xã hội',
  'user.content': 'Nội dung do người dùng viết hoặc gửi đến họ',
  'user.content.message': 'Tin nhắn và thư',
  'user.content.feedback': 'Góp ý, bình luận và bài đăng',
};

export const pick = (pair: Pair, lang: Lang): string => (lang === 'vi' ? pair[0] : pair[1]);
export const labelOf = (table: Record<string, Pair>, key: string, lang: Lang): string => (table[key] ? pick(table[key]!, lang) : key);
