/** The banner's words, Vietnamese first. Short on purpose: the policy page says the rest. */
export const TEXT = {
  vi: {
    title: 'Quyền riêng tư của bạn',
    body: 'Chúng tôi dùng cookie cần thiết để trang hoạt động. Với sự đồng ý của bạn, chúng tôi dùng thêm cookie phân tích và tiếp thị.',
    accept: 'Chấp nhận tất cả', reject: 'Từ chối tất cả', choose: 'Tùy chọn', save: 'Lưu lựa chọn',
    necessary: 'Cần thiết (luôn bật)', analytics: 'Phân tích', marketing: 'Tiếp thị', legend: 'Loại cookie', id: 'Mã đồng ý',
  },
  en: {
    title: 'Your privacy',
    body: 'We use necessary cookies to make this site work. With your consent we also use analytics and marketing cookies.',
    accept: 'Accept all', reject: 'Reject all', choose: 'Choose', save: 'Save choices',
    necessary: 'Necessary (always on)', analytics: 'Analytics', marketing: 'Marketing', legend: 'Cookie categories', id: 'Consent ID',
  },
} as const;
