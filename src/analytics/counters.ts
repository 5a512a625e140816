/** Why the ingest refused or dropped input, counted per process: bad input is visible, never silent. */
export const DROP_REASONS = ['malformed', 'too_large', 'unknown_site', 'forged_origin', 'bot', 'rate_limited', 'clock_skew', 'no_consent'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

const counts: Record<DropReason | 'accepted', number> = Object.fromEntries([...DROP_REASONS, 'accepted'].map((k) => [k, 0])) as Record<DropReason | 'accepted', number>;

/** Adds `n` to a counter. */
export const count = (k: DropReason | 'accepted', n = 1): void => void (counts[k] += n);
/** A copy of the counters. */
export const ingestCounters = (): Readonly<Record<DropReason | 'accepted', number>> => ({ ...counts });
