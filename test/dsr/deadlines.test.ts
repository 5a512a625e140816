import { describe, expect, it } from 'vitest';
import { addPeriod, alertsDue, computeDeadlines, extensionAllowed, isWorkingDay, type DeadlineRule, type RequestClock } from '../../src/dsr/deadlines.ts';

// The rows migration 015 ships, as the pure functions take them.
const all = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal'];
const rule = (id: string, milestone: DeadlineRule['milestone'], kinds: string[], countsFrom: DeadlineRule['countsFrom'], amount: number, unit: DeadlineRule['unit'], applies: DeadlineRule['applies'], extension: DeadlineRule['extension']): DeadlineRule =>
  ({ id, milestone, kinds, countsFrom, amount, unit, applies, extension, calendar: 'VN', citation: 'test citation' });
const RULES: DeadlineRule[] = [
  rule('policy.c33.erasure', 'fulfil', ['erasure'], 'confirmation', 30, 'days', 'always', null),
  rule('vn.356.ack', 'acknowledge', all, 'receipt', 2, 'working_days', 'always', null),
  rule('vn.91.access', 'fulfil', ['access', 'portability', 'rectification'], 'confirmation', 10, 'days', 'no_processor', { amount: 10, unit: 'days' }),
  rule('vn.91.access.processor', 'fulfil', ['access', 'portability', 'rectification'], 'confirmation', 15, 'days', 'processor', { amount: 10, unit: 'days' }),
  rule('vn.91.erasure', 'fulfil', ['erasure'], 'confirmation', 20, 'days', 'no_processor', { amount: 10, unit: 'days' }),
  rule('vn.91.erasure.processor', 'fulfil', ['erasure'], 'confirmation', 30, 'days', 'processor', { amount: 10, unit: 'days' }),
  rule('vn.91.objection', 'fulfil', ['withdrawal', 'restriction', 'objection'], 'confirmation', 15, 'days', 'no_processor', { amount: 10, unit: 'days' }),
  rule('gdpr.12.3', 'fulfil', all, 'receipt', 1, 'months', 'gdpr', { amount: 2, unit: 'months' }),
];
const TET = new Map([['VN', new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-30', '2026-05-01'])]]);
const at = (s: string) => new Date(s);
const clock = (over: Partial<RequestClock> = {}): RequestClock => ({
  kind: 'erasure', receivedAt: at('2026-03-02T03:00:00Z'), confirmedAt: at('2026-03-02T03:00:00Z'), processorInvolved: false, gdpr: false, extended: false, ...over,
});
const DAY = 86_400_000;

describe('request deadlines from the rules table (pure)', () => {
  it('[C33] a confirmed erasure is due at the earliest rule: the law\'s 20 days beat the policy\'s 30', () => {
    const d = computeDeadlines(RULES, clock(), TET);
    expect(d.fulfil).toEqual({ at: new Date(at('2026-03-02T03:00:00Z').getTime() + 20 * DAY), rule: 'vn.91.erasure' });
  });

  it('[C33] with a processor to act, law and policy both say 30 days from confirmation', () => {
    const d = computeDeadlines(RULES, clock({ processorInvolved: true }), TET);
    expect(d.fulfil!.at).toEqual(new Date(at('2026-03-02T03:00:00Z').getTime() + 30 * DAY));
    expect(['policy.c33.erasure', 'vn.91.erasure.processor']).toContain(d.fulfil!.rule);
  });

  it('[C33] the clock starts at confirmation: unconfirmed, only receipt-based rules give a date', () => {
    const d = computeDeadlines(RULES, clock({ confirmedAt: null }), TET);
    expect(d.fulfil).toBeNull();
    expect(d.acknowledge).not.toBeNull();
    const late = computeDeadlines(RULES, clock({ confirmedAt: at('2026-03-05T03:00:00Z') }), TET);
    expect(late.fulfil!.at).toEqual(new Date(at('2026-03-05T03:00:00Z').getTime() + 20 * DAY));
  });

  it('access is due in 10 days, 15 with a processor; restriction and withdrawal in 15', () => {
    const base = at('2026-03-02T03:00:00Z').getTime();
    expect(computeDeadlines(RULES, clock({ kind: 'access' }), TET).fulfil!.at.getTime()).toBe(base + 10 * DAY);
    expect(computeDeadlines(RULES, clock({ kind: 'access', processorInvolved: true }), TET).fulfil!.at.getTime()).toBe(base + 15 * DAY);
    expect(computeDeadlines(RULES, clock({ kind: 'withdrawal' }), TET).fulfil!.at.getTime()).toBe(base + 15 * DAY);
  });

  it('GDPR\'s one month applies only to a subject it covers, and wins when earlier', () => {
    const d = computeDeadlines(RULES, clock({ kind: 'erasure', processorInvolved: true, gdpr: true }), TET);
    // 2 March + 1 month = 2 April, before the 30 days (1 April + 3 h)? 30 days = 1 April 03:00; a month = 2 April 03:00.
    expect(d.fulfil!.rule).not.toBe('gdpr.12.3');
    expect(addPeriod(at('2026-01-31T00:00:00Z'), 1, 'months', 'VN', TET).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('an extension moves the date once; the policy\'s promise is never extended', () => {
    const base = at('2026-03-02T03:00:00Z').getTime();
    const ext = computeDeadlines(RULES, clock({ extended: true }), TET);
    // Law: 20 + 10 = 30 days; policy: 30 days, not extendable: still 30.
    expect(ext.fulfil!.at.getTime()).toBe(base + 30 * DAY);
    expect(extensionAllowed(RULES, clock())).toBe(true);
    expect(extensionAllowed(RULES, clock({ extended: true }))).toBe(false);
  });

  it('acknowledgement is due within 2 Vietnamese working days: weekends and Tết do not count', () => {
    // Friday 13 Feb 2026 10:00 in Hanoi: Mon 16 – Fri 20 is Tết, so the 2 working days are Mon 23 and Tue 24.
    const ack = computeDeadlines(RULES, clock({ receivedAt: at('2026-02-13T03:00:00Z') }), TET).acknowledge!;
    expect(ack.rule).toBe('vn.356.ack');
    expect(ack.at.toISOString()).toBe('2026-02-24T16:59:59.999Z');
    // A Wednesday: Thursday and Friday.
    expect(computeDeadlines(RULES, clock({ receivedAt: at('2026-03-04T03:00:00Z') }), TET).acknowledge!.at.toISOString()).toBe('2026-03-06T16:59:59.999Z');
    // 23:30 on Wednesday in Hanoi is already Wednesday there, even though UTC says 16:30.
    expect(computeDeadlines(RULES, clock({ receivedAt: at('2026-03-04T16:30:00Z') }), TET).acknowledge!.at.toISOString()).toBe('2026-03-06T16:59:59.999Z');
    expect(isWorkingDay(at('2026-04-30T00:00:00Z'), 'VN', TET)).toBe(false);
    expect(isWorkingDay(at('2026-04-29T00:00:00Z'), 'VN', TET)).toBe(true);
  });

  it('[C33] alerts come a little before each deadline and at it', () => {
    const due = at('2026-03-22T03:00:00Z');
    const ackDue = at('2026-03-04T16:59:59Z');
    expect(alertsDue({ ackDueAt: ackDue, acknowledgedAt: null, dueAt: due }, at('2026-03-02T00:00:00Z'))).toEqual([]);
    expect(alertsDue({ ackDueAt: ackDue, acknowledgedAt: null, dueAt: due }, at('2026-03-04T00:00:00Z'))).toEqual(['ack_due_soon']);
    expect(alertsDue({ ackDueAt: ackDue, acknowledgedAt: at('2026-03-03T00:00:00Z'), dueAt: due }, at('2026-03-20T00:00:00Z'))).toEqual(['due_soon']);
    expect(alertsDue({ ackDueAt: ackDue, acknowledgedAt: null, dueAt: due }, at('2026-03-23T00:00:00Z'))).toEqual(['ack_overdue', 'overdue']);
  });
});
