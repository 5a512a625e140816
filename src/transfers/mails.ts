import type { Mail } from '../mail/outbox.ts';

const day = (d: Date, lang: 'vi' | 'en') => new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'long' }).format(d);

/** The e-mail every user receives before their data is transferred (C05). */
export function transferNoticeMail(to: string, lang: 'vi' | 'en', t: { acquirer: string; notBefore: Date }, publicUrl: string): Omit<Mail, 'recipient'> {
  return lang === 'vi'
    ? { kind: 'transfer_notice', to, subject: 'Thông báo: dữ liệu của bạn sẽ được chuyển giao cho một công ty khác',
        text: `ECOMKEY sắp sáp nhập hoặc được mua lại bởi ${t.acquirer}. Thông tin của bạn sẽ được chuyển giao không sớm hơn ngày ${day(t.notBefore, 'vi')} ` +
          `và từ đó chịu sự điều chỉnh của chính sách quyền riêng tư của ${t.acquirer}.\nBạn có thể tải dữ liệu của mình hoặc yêu cầu xoá trước ngày đó: ${publicUrl}/privacy-center\n` }
    : { kind: 'transfer_notice', to, subject: 'Notice: your data will be transferred to another company',
        text: `ECOMKEY is merging with or being acquired by ${t.acquirer}. Your information will be transferred no earlier than ${day(t.notBefore, 'en')} ` +
          `and will then be subject to ${t.acquirer}'s privacy policy.\nYou can download your data or ask for its deletion before then: ${publicUrl}/privacy-center\n` };
}
