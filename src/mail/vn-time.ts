/** Dates in mail are Vietnam time, with the zone named: every reader of ECOMKEY's mail reads them alike. */
export const vnTime = (d: Date, lang: 'vi' | 'en'): string =>
  `${new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' }).format(d)} (UTC+7)`;
