import { en } from './en.ts';
import { vi, type MessageKey } from './vi.ts';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const LANG_COOKIE = 'pledge_lang';

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';

/** The whole dictionary of a language; pages embed it so their scripts speak the same language. */
export const dictionary = (lang: Lang): Record<MessageKey, string> => DICTIONARIES[lang];

/** A translator for one language: `{name}` placeholders are filled from `vars`. */
export function translator(lang: Lang) {
  const dict = DICTIONARIES[lang];
  return (key: MessageKey, vars: Record<string, string | number> = {}): string =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
export type T = ReturnType<typeof translator>;

/** `?lang=` wins (and is remembered), then the cookie, then Vietnamese. */
export function chooseLang(query: unknown, cookie: unknown): { lang: Lang; remember: boolean } {
  if (isLang(query)) return { lang: query, remember: query !== cookie };
  if (isLang(cookie)) return { lang: cookie, remember: false };
  return { lang: 'vi', remember: false };
}
