import type { Mail } from '../mail/outbox.ts';
import { vnTime } from '../mail/vn-time.ts';
import type { IncidentRow } from './register.ts';

/** The notice to an affected Customer: what happened, which of their data, what was done, whom to ask. Names no person. */
export function breachNoticeMail(to: string, locale: 'vi' | 'en', inc: Pick<IncidentRow, 'detected_at' | 'summary' | 'measures' | 'consequences' | 'categories'>, publicUrl: string): Omit<Mail, 'recipient'> {
  const cats = inc.categories.join(', ');
  return locale === 'vi'
    ? {
        kind: 'breach_notice', to,
        subject: 'Thông báo sự cố ảnh hưởng đến dữ liệu của bạn trên ECOMKEY',
        text: `Chúng tôi phát hiện một sự cố bảo mật lúc ${vnTime(inc.detected_at, 'vi')}.\n\nSự việc: ${inc.summary}\nLoại dữ liệu bị ảnh hưởng: ${cats}\n` +
          `Hậu quả có thể xảy ra: ${inc.consequences}\nBiện pháp đã thực hiện: ${inc.measures}\n\nCâu hỏi: ${publicUrl}/contact\n`,
      }
    : {
        kind: 'breach_notice', to,
        subject: 'Notice of an incident affecting your data at ECOMKEY',
        text: `We detected a security incident at ${vnTime(inc.detected_at, 'en')}.\n\nWhat happened: ${inc.summary}\nData affected: ${cats}\n` +
          `Likely consequences: ${inc.consequences}\nMeasures taken: ${inc.measures}\n\nQuestions: ${publicUrl}/contact\n`,
      };
}

/** To the privacy officers: the authority report is due soon (or overdue). */
export function deadlineReminderMail(to: string, inc: Pick<IncidentRow, 'id' | 'authority_due_at'>, now: Date, publicUrl: string): Omit<Mail, 'recipient'> {
  const hours = Math.round((inc.authority_due_at.getTime() - now.getTime()) / 3_600_000);
  const when = hours > 0 ? `due in ${hours} hours` : `overdue by ${-hours} hours`;
  return {
    kind: 'incident_deadline', to,
    subject: `Authority report for incident ${inc.id.slice(0, 8)} ${when}`,
    text: `The 72-hour report to the authority (Decree 356/2025) for incident ${inc.id} is ${when}: ${vnTime(inc.authority_due_at, 'en')}.\n` +
      `Draft: ${publicUrl}/api/staff/incidents/${inc.id}/report\n`,
  };
}
