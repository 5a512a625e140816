/**
 * Whether a transfer may start (C05): it was announced, every open account has been e-mailed
 * (the provider took the mail), and the site's notice has been up for the whole period. Pure;
 * the database checks the same again when the state changes (migration 032's trigger).
 * @clause C05
 */
const DAY = 86_400_000;

export type TransferClock = { state: string; announcedAt: Date | null; noticeDays: number };
export type Readiness =
  | { ready: true; noticeEndsAt: Date }
  | { ready: false; code: 'transfer_not_announced' | 'users_not_notified' | 'notice_period_running'; unnotified: number; noticeEndsAt: Date | null };

export const noticeEndsAt = (t: TransferClock): Date | null => (t.announcedAt ? new Date(t.announcedAt.getTime() + t.noticeDays * DAY) : null);

export function transferReadiness(t: TransferClock, unnotified: number, now: Date): Readiness {
  const ends = noticeEndsAt(t);
  if (t.state !== 'announced' || !ends) return { ready: false, code: 'transfer_not_announced', unnotified, noticeEndsAt: ends };
  if (unnotified > 0) return { ready: false, code: 'users_not_notified', unnotified, noticeEndsAt: ends };
  if (now < ends) return { ready: false, code: 'notice_period_running', unnotified, noticeEndsAt: ends };
  return { ready: true, noticeEndsAt: ends };
}
