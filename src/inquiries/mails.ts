import type { Mail } from '../mail/outbox.ts';
import { vnTime } from '../mail/vn-time.ts';
import { CONTACT_HOURS } from './hours.ts';
import type { Topic } from './routing.ts';

const hoursLine = (lang: 'vi' | 'en') => {
  const [wk, we] = [CONTACT_HOURS[1]!, CONTACT_HOURS[0]!];
  return lang === 'vi'
    ? `Điện thoại: thứ Hai–thứ Sáu ${wk[0]}:00–${wk[1]}:00, thứ Bảy–Chủ nhật ${we[0]}:00–${we[1]}:00 (giờ Việt Nam).`
    : `Phone: Monday–Friday ${wk[0]}:00–${wk[1]}:00, Saturday–Sunday ${we[0]}:00–${we[1]}:00 (Vietnam time).`;
};

/** The acknowledgement: the reference, who will answer and by when. Quotes nothing the person wrote. */
export function acknowledgementMail(to: string, lang: 'vi' | 'en', q: { reference: string; topic: Topic; dueAt: Date }): Omit<Mail, 'recipient'> {
  const team = q.topic === 'security' ? (lang === 'vi' ? 'bộ phận bảo mật' : 'our security team') : (lang === 'vi' ? 'cán bộ bảo vệ dữ liệu' : 'our privacy officer');
  return lang === 'vi'
    ? { kind: 'inquiry_acknowledged', to, subject: `[${q.reference}] ECOMKEY đã nhận câu hỏi của bạn`,
        text: `Chúng tôi đã nhận câu hỏi của bạn (mã ${q.reference}) và chuyển đến ${team}.\nBạn sẽ nhận được trả lời trước ${vnTime(q.dueAt, 'vi')}.\n${hoursLine('vi')}\n` }
    : { kind: 'inquiry_acknowledged', to, subject: `[${q.reference}] ECOMKEY received your question`,
        text: `We received your question (reference ${q.reference}) and passed it to ${team}.\nYou will have an answer by ${vnTime(q.dueAt, 'en')}.\n${hoursLine('en')}\n` };
}

export function answerMail(to: string, lang: 'vi' | 'en', q: { reference: string; answer: string }): Omit<Mail, 'recipient'> {
  return lang === 'vi'
    ? { kind: 'inquiry_answered', to, subject: `[${q.reference}] Trả lời từ ECOMKEY`, text: `${q.answer}\n\n— ECOMKEY (mã ${q.reference})\n` }
    : { kind: 'inquiry_answered', to, subject: `[${q.reference}] Answer from ECOMKEY`, text: `${q.answer}\n\n— ECOMKEY (reference ${q.reference})\n` };
}

/** To the staff who answer the topic: an answer is due soon or late. Names no one and quotes nothing. */
export function inquiryDueMail(to: string, q: { reference: string; topic: Topic; dueAt: Date }, now: Date, publicUrl: string): Omit<Mail, 'recipient'> {
  const hours = Math.round((q.dueAt.getTime() - now.getTime()) / 3_600_000);
  const when = hours >= 0 ? `due in ${hours} hours` : `overdue by ${-hours} hours`;
  return {
    kind: 'inquiry_due', to, subject: `Answer to ${q.topic} inquiry ${q.reference} ${when}`,
    text: `The answer to ${q.topic} inquiry ${q.reference} is ${when}: ${vnTime(q.dueAt, 'en')}.\nOpen it: ${publicUrl}/api/staff/inquiries?topic=${q.topic}\n`,
  };
}

/** To the staff who answer the topic: that an inquiry waits, and by when. Names no one and quotes nothing. */
export function newInquiryMail(to: string, q: { reference: string; topic: Topic; dueAt: Date }, publicUrl: string): Omit<Mail, 'recipient'> {
  return {
    kind: 'inquiry_routed', to,
    subject: `New ${q.topic} inquiry ${q.reference}, answer due ${vnTime(q.dueAt, 'en')}`,
    text: `A ${q.topic} inquiry (${q.reference}) waits for an answer by ${vnTime(q.dueAt, 'en')}.\nOpen it: ${publicUrl}/api/staff/inquiries?topic=${q.topic}\n`,
  };
}
