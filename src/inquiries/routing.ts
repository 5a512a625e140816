/**
 * Where an inquiry goes and by when it is answered. The policy names one subject line: a
 * message titled "Security Policy Question" reaches security staff (C25); every other message
 * reaches the privacy officer (C41). Pure: the register stores what these return.
 * @clause C25 @clause C41
 */
import { addPeriod, type Holidays, type Unit } from '../dsr/deadlines.ts';

export type Topic = 'security' | 'privacy';

// Reply prefixes a mail client adds ("Re:", "Fwd:", Vietnamese "TL:" for trả lời, "CT:" for chuyển tiếp).
const PREFIX = /^\s*(?:(?:re|fwd?|aw|tl|ct|tr)\s*:\s*)+/i;
const SECURITY_SUBJECT = 'security policy question';

/** The topic of a message by its subject line: case, spacing, quotes and reply prefixes aside. */
export function topicOf(subject: string): Topic {
  const s = subject.normalize('NFKC').replace(PREFIX, '').replace(/["“”'‘’«»]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return s === SECURITY_SUBJECT || s.startsWith(`${SECURITY_SUBJECT}:`) || s.startsWith(`${SECURITY_SUBJECT} -`) ? 'security' : 'privacy';
}

/**
 * How long an answer may take, in Vietnam's working days from receipt. A security question may
 * report a live weakness, so it is answered the next working day; a privacy question within 5,
 * well inside the 10 days Decree 356/2025 allows for the quickest request it may turn into.
 */
export const ANSWER_SLA: Readonly<Record<Topic, { amount: number; unit: Unit }>> = {
  security: { amount: 1, unit: 'working_days' },
  privacy: { amount: 5, unit: 'working_days' },
};

export const answerDue = (topic: Topic, receivedAt: Date, holidays: Holidays): Date =>
  addPeriod(receivedAt, ANSWER_SLA[topic].amount, ANSWER_SLA[topic].unit, 'VN', holidays);

/** The staff role that answers each topic. */
export const ROLE_OF: Readonly<Record<Topic, 'security' | 'privacy_officer'>> = { security: 'security', privacy: 'privacy_officer' };
