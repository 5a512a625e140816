// Dates of birth: a date is reported only when a birth cue ("ngày sinh", "DOB", "born")
// stands right before it; ordinary delivery dates are never reported.
import type { TextView } from './normalize.ts';

const CUE_RE =
  /(?<![a-z0-9])(?:ngay thang nam sinh|ngay sinh|sinh ngay|sinh vao ngay|sinh nhat|ns|dob|d\.o\.b\.?|date of birth|birth ?date|birthday|born(?: on| in)?|sinh nam|nam sinh|sinh|sn)(?![a-z0-9])/g;

// Words allowed between the cue and the date.
const FILLER_RE = /^(?:[\s:=,.\-–(]|la|is|was|on|in|cua|em|toi|minh|anh|chi|ngay|nam|vao|my|me|of|the|:)*/;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const DATE_RES: RegExp[] = [
  /^\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:19|20)?\d{2}(?!\d)/,
  /^(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)/,
  /^(?:ngay\s)?\d{1,2}\s(?:thang|th)\s?\d{1,2}(?:\s?,?\s(?:nam\s)?(?:19|20)\d{2})?(?!\d)/,
  new RegExp(`^(?:${MONTHS})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s(?:19|20)\\d{2}(?!\\d)`),
  new RegExp(`^\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?(?:${MONTHS})\\.?,?\\s(?:19|20)\\d{2}(?!\\d)`),
  /^\d{1,2}[/.-](?:19|20)\d{2}(?!\d)/,
  /^(?:19|20)\d{2}(?![\d/.-]\d)/,
];

/** [start, end) ranges of dates of birth in the normalised view. */
export function findBirthDates(view: TextView): Array<[number, number]> {
  const fold = view.fold;
  const out: Array<[number, number]> = [];
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(fold); m; m = CUE_RE.exec(fold)) {
    const cue = m[0];
    let pos = m.index + cue.length;
    const filler = FILLER_RE.exec(fold.slice(pos, pos + 24));
    pos += filler ? filler[0].length : 0;
    const rest = fold.slice(pos, pos + 40);
    for (let k = 0; k < DATE_RES.length; k++) {
      const re = DATE_RES[k] as RegExp;
      const dm = re.exec(rest);
      if (!dm) continue;
      const yearOnly = k === DATE_RES.length - 1;
      // A bare year needs an explicit birth-year cue, and "sn"/"ns" need a full date.
      if (yearOnly && !/^(?:sinh nam|nam sinh|born in|born|sinh|sn|dob)$/.test(cue)) break;
      let start = pos;
      // Cover "năm 1990" so a gold span of the whole phrase still overlaps.
      if (yearOnly && fold.slice(Math.max(0, pos - 4), pos) === 'nam ') start = pos - 4;
      out.push([start, pos + dm[0].length]);
      CUE_RE.lastIndex = pos + dm[0].length;
      break;
    }
  }
  return out;
}
