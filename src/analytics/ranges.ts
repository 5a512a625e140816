/**
 * Date ranges of the dashboard: presets or a custom span of whole UTC days (the salt's day, see
 * daily.ts), each compared with the period of the same length just before it. Pure.
 */
export const PRESETS = ['today', '7d', '30d', 'month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** A span of UTC days, both ends included, as `YYYY-MM-DD`. */
export type DaySpan = { from: string; to: string };
export type Range = DaySpan & { preset: Preset; days: number; previous: DaySpan };
export type RangeInput = { range?: Preset | undefined; from?: string | undefined; to?: string | undefined; days?: number | undefined };

export const MAX_RANGE_DAYS = 400;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (s: string): number | null => {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(ms) || iso(ms) !== s ? null : ms;
};

/** The UTC day of `at`. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
/** `day` plus `n` days. */
export const addDays = (day: string, n: number): string => iso(parse(day)! + n * DAY);
/** The instant `day` starts (UTC midnight). */
export const startOf = (day: string): Date => new Date(parse(day)!);

/**
 * The range a query asks for, or a reason it is not one: `custom` needs `from` ≤ `to`, at most
 * 400 days; `days=N` (the API's first form) is the last N days, today included.
 */
export function resolveRange(q: RangeInput, now: Date): Range | { error: 'range_invalid' | 'range_too_long' } {
  const today = dayOf(now);
  let from: string;
  let to = today;
  const preset: Preset = q.range ?? (q.from || q.to ? 'custom' : '30d');
  if (preset === 'custom') {
    const f = q.from ? parse(q.from) : null;
    const t = q.to ? parse(q.to) : null;
    if (f === null || t === null || f > t) return { error: 'range_invalid' };
    from = iso(f);
    to = iso(t);
  } else if (q.days !== undefined && q.range === undefined) {
    from = addDays(today, 1 - q.days);
  } else {
    from = preset === 'today' ? today : preset === '7d' ? addDays(today, -6) : preset === '30d' ? addDays(today, -29) : `${today.slice(0, 8)}01`;
  }
  const days = Math.round((parse(to)! - parse(from)!) / DAY) + 1;
  if (days > MAX_RANGE_DAYS) return { error: 'range_too_long' };
  return { from, to, preset, days, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}
