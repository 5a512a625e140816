/**
 * Age rules for sign-up (C38). Plain functions over calendar dates ('YYYY-MM-DD'), no clock:
 * the caller passes "today" so every boundary can be tested exactly.
 */

export const ADULT_AGE = 18;

// Vietnam keeps UTC+7 all year (no daylight saving): the service's calendar day.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam at instant `now`, as 'YYYY-MM-DD'. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

const parts = (isoDate: string): [number, number, number] => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y!, m!, d!];
};

/**
 * Completed years between a birth date and `today`. Someone born on 29 February
 * has their birthday on 1 March in common years: they are not a year older on 28 February.
 */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [ty, tm, td] = parts(today);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** True when a person born on `birthDate` is 18 or older on `today`. @clause C38 */
export const isAdult = (birthDate: string, today: string): boolean => ageOn(birthDate, today) >= ADULT_AGE;
