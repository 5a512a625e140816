/**
 * ECOMKEY's contact hours, in Vietnam time (UTC+7, no daylight saving): Monday to Friday
 * 8:00–18:00, Saturday and Sunday 8:00–17:00, as the policy's contact section says (C41).
 * @clause C41
 */
const VN_OFFSET_MS = 7 * 3_600_000;

/** Opening and closing hour per weekday, Sunday first (JavaScript's getUTCDay order). */
export const CONTACT_HOURS: readonly (readonly [open: number, close: number])[] = [
  [8, 17], [8, 18], [8, 18], [8, 18], [8, 18], [8, 18], [8, 17],
];

export type HoursNow = { open: boolean; localTime: string; weekday: number; closesAt: string | null; opensAt: string };

const hhmm = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Whether the phone line is open at `at`, with the Vietnam-time clock and the next change. */
export function contactHoursAt(at: Date): HoursNow {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  const weekday = local.getUTCDay();
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const [open, close] = CONTACT_HOURS[weekday]!;
  const isOpen = minutes >= open * 60 && minutes < close * 60;
  const nextDay = CONTACT_HOURS[(weekday + 1) % 7]!;
  return {
    open: isOpen,
    localTime: `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`,
    weekday,
    closesAt: isOpen ? hhmm(close) : null,
    opensAt: minutes < open * 60 ? hhmm(open) : hhmm(nextDay[0]),
  };
}
