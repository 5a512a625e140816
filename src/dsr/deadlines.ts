/**
 * A request's deadlines from the rules table (migration 015): the acknowledgement date and the
 * due date, the earliest of every rule that applies — so the policy's 30 days (C33) and the
 * law's 20 for a deletion give 20, the stricter. Pure: rules and holidays come in as data.
 * @clause C33
 */
export const REQUEST_KINDS = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal', 'disclosure'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export type Unit = 'days' | 'working_days' | 'months';
export type DeadlineRule = {
  id: string;
  milestone: 'acknowledge' | 'fulfil';
  kinds: readonly string[];
  countsFrom: 'receipt' | 'confirmation';
  amount: number;
  unit: Unit;
  applies: 'always' | 'processor' | 'no_processor' | 'gdpr';
  extension: { amount: number; unit: Unit } | null;
  calendar: string;
  citation: string;
};

/** Days off per calendar, as ISO dates (YYYY-MM-DD, in the calendar's own time zone). */
export type Holidays = ReadonlyMap<string, ReadonlySet<string>>;

export type RequestClock = {
  kind: string;
  receivedAt: Date;
  /** When identity was confirmed; a clock counting from confirmation has not started before. */
  confirmedAt: Date | null;
  processorInvolved: boolean;
  gdpr: boolean;
  extended: boolean;
};

export type Deadline = { at: Date; rule: string };
export type Deadlines = { acknowledge: Deadline | null; fulfil: Deadline | null };

// Vietnam's working days are counted in Vietnam (UTC+7, no daylight saving).
const CALENDAR_OFFSET_MS: Readonly<Record<string, number>> = { VN: 7 * 3600_000 };
const DAY = 86_400_000;

const localDate = (t: number, calendar: string): Date => new Date(t + (CALENDAR_OFFSET_MS[calendar] ?? 0));
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** True when `day` (a local calendar date) is a working day: not a weekend, not a listed holiday. */
export function isWorkingDay(localDay: Date, calendar: string, holidays: Holidays): boolean {
  const wd = localDay.getUTCDay();
  return wd !== 0 && wd !== 6 && !holidays.get(calendar)?.has(isoDay(localDay));
}

/**
 * `start` plus `amount` of `unit`. Working days: the n-th working day after the start's local
 * date, at the end of that day (23:59:59.999 local), as a person reads "within 2 working days".
 */
export function addPeriod(start: Date, amount: number, unit: Unit, calendar: string, holidays: Holidays): Date {
  if (unit === 'days') return new Date(start.getTime() + amount * DAY);
  if (unit === 'months') {
    const d = new Date(start.getTime());
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + amount);
    // 31 January + 1 month is the last day of February, not 3 March.
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d;
  }
  const offset = CALENDAR_OFFSET_MS[calendar] ?? 0;
  const local = localDate(start.getTime(), calendar);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let left = amount;
  while (left > 0) {
    day += DAY;
    if (isWorkingDay(new Date(day), calendar, holidays)) left--;
  }
  return new Date(day + DAY - 1 - offset);
}

/** Whether `rule` applies to the request. */
export function ruleApplies(rule: DeadlineRule, r: RequestClock): boolean {
  if (!rule.kinds.includes(r.kind)) return false;
  switch (rule.applies) {
    case 'always': return true;
    case 'processor': return r.processorInvolved;
    case 'no_processor': return !r.processorInvolved;
    case 'gdpr': return r.gdpr;
  }
}

/** The date one rule gives, or null while its clock has not started (unconfirmed identity). */
export function ruleDeadline(rule: DeadlineRule, r: RequestClock, holidays: Holidays): Date | null {
  const from = rule.countsFrom === 'receipt' ? r.receivedAt : r.confirmedAt;
  if (!from) return null;
  const base = addPeriod(from, rule.amount, rule.unit, rule.calendar, holidays);
  // Extended once, with a reason: a rule that allows none (the policy's promise) keeps its date.
  return r.extended && rule.extension ? addPeriod(base, rule.extension.amount, rule.extension.unit, rule.calendar, holidays) : base;
}

const earliest = (rules: readonly DeadlineRule[], r: RequestClock, holidays: Holidays): Deadline | null => {
  let best: Deadline | null = null;
  for (const rule of rules) {
    if (!ruleApplies(rule, r)) continue;
    const at = ruleDeadline(rule, r, holidays);
    if (at && (!best || at < best.at)) best = { at, rule: rule.id };
  }
  return best;
};

/** The acknowledgement and due dates of a request: for each, the earliest of the rules that apply. */
export function computeDeadlines(rules: readonly DeadlineRule[], r: RequestClock, holidays: Holidays): Deadlines {
  return {
    acknowledge: earliest(rules.filter((x) => x.milestone === 'acknowledge'), r, holidays),
    fulfil: earliest(rules.filter((x) => x.milestone === 'fulfil'), r, holidays),
  };
}

/** Whether an extension can move the due date at all: some applying rule allows one. */
export const extensionAllowed = (rules: readonly DeadlineRule[], r: RequestClock): boolean =>
  !r.extended && rules.some((x) => x.milestone === 'fulfil' && x.extension && ruleApplies(x, r));

export type AlertKind = 'ack_due_soon' | 'ack_overdue' | 'due_soon' | 'overdue';

/** The alerts a request has earned at `now`: a day before each deadline, and at it. */
export function alertsDue(d: { ackDueAt: Date | null; acknowledgedAt: Date | null; dueAt: Date | null }, now: Date, warnMs = DAY): AlertKind[] {
  const out: AlertKind[] = [];
  const t = now.getTime();
  if (d.ackDueAt && !d.acknowledgedAt) {
    if (t >= d.ackDueAt.getTime()) out.push('ack_overdue');
    else if (t >= d.ackDueAt.getTime() - warnMs) out.push('ack_due_soon');
  }
  if (d.dueAt) {
    if (t >= d.dueAt.getTime()) out.push('overdue');
    else if (t >= d.dueAt.getTime() - 3 * warnMs) out.push('due_soon');
  }
  return out;
}
