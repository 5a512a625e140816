/**
 * The stop and start words of the one opt-out model (C11). Pure data and functions.
 *
 * The rule: a message is a stop (or start) command only when the WHOLE message, once tidied
 * (lower case, punctuation, emoji and extra spaces dropped), is one of the phrases below or
 * one the tenant added. A word inside a sentence is never a command: "đừng hủy đơn của tôi" and
 * "stop by the shop" are messages, not opt-outs.
 *
 * Diacritics decide which list a Vietnamese message is read against. A message written with
 * any diacritic is compared with its tone marks removed against the accented phrases with
 * theirs removed ("hủy", "huỷ" and "HỦY" all read "huy"; "dừng" reads "dưng"), so "Đúng"
 * ("right") or "dùng" ("use") never read as "dừng". A message written without any diacritic
 * is compared against the unaccented forms ("huy", "dung", "ngung"), as people type them on a
 * keyboard without Vietnamese input. A tenant's own phrases are stored unaccented and matched
 * against the message with every diacritic removed.
 * @clause C11
 */

export type OptKind = 'opt_out' | 'opt_in';
export type Language = 'vi' | 'en';
export type OptWord = { readonly phrase: string; readonly kind: OptKind; readonly language: Language };
export type OptMatch = { readonly kind: OptKind; readonly language: Language; readonly phrase: string };

/** The built-in phrases: accented Vietnamese forms, their unaccented forms, and English. */
export const BUILT_IN_OPT_WORDS: readonly OptWord[] = [
  ...['stop', 'stopall', 'stop all', 'unsubscribe', 'cancel', 'end', 'quit'].map((phrase) => ({ phrase, kind: 'opt_out' as const, language: 'en' as const })),
  ...['start', 'yes', 'unstop'].map((phrase) => ({ phrase, kind: 'opt_in' as const, language: 'en' as const })),
  ...['hủy', 'huy', 'dừng', 'dung', 'ngừng', 'ngung', 'hủy đăng ký', 'huy dang ky', 'không nhận tin nữa', 'khong nhan tin nua', 'ngừng nhận tin', 'ngung nhan tin']
    .map((phrase) => ({ phrase, kind: 'opt_out' as const, language: 'vi' as const })),
  ...['đăng ký', 'dang ky', 'đăng ký lại', 'dang ky lai'].map((phrase) => ({ phrase, kind: 'opt_in' as const, language: 'vi' as const })),
];

// Vietnamese tone marks (grave, acute, tilde, hook above, dot below); the letter marks (circumflex,
// breve, horn) and đ stay, since they tell "dưng" from "dung".
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const MARKS = /\p{M}/gu;
const ANY_MARK = /\p{M}/u;

/** Lower case, letters and digits (and `/`) only, single spaces. */
export function tidy(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}/]+/gu, ' ').trim();
}

/** True when the text carries any Vietnamese diacritic. */
export const hasDiacritics = (s: string): boolean => /[đĐ]/.test(s) || ANY_MARK.test(s.normalize('NFD'));

/** Tone marks removed, letter marks kept: "huỷ" and "hủy" both give "huy". */
export const toneless = (s: string): string => s.normalize('NFD').replace(TONES, '').normalize('NFC');

/** Every diacritic removed: "không nhận tin nữa" gives "khong nhan tin nua". */
export const bare = (s: string): string => s.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A lookup over the built-in phrases and a tenant's own: built once per tenant list. */
export type OptLexicon = { readonly accented: ReadonlyMap<string, OptWord>; readonly plain: ReadonlyMap<string, OptWord>; readonly tenant: ReadonlyMap<string, OptWord> };

export function buildLexicon(tenantWords: readonly OptWord[] = []): OptLexicon {
  const accented = new Map<string, OptWord>();
  const plain = new Map<string, OptWord>();
  for (const w of BUILT_IN_OPT_WORDS) {
    const t = tidy(w.phrase);
    if (hasDiacritics(t)) accented.set(toneless(t), w);
    else plain.set(t, w);
  }
  return { accented, plain, tenant: new Map(tenantWords.map((w) => [bare(tidy(w.phrase)), w])) };
}

const DEFAULT_LEXICON = buildLexicon();

/** The stop or start command a whole message is, or null when it is an ordinary message. */
export function classifyOptText(text: string, lexicon: OptLexicon = DEFAULT_LEXICON): OptMatch | null {
  if (text.length > 80) return null;
  const t = tidy(text);
  if (t === '') return null;
  const w = (hasDiacritics(t) ? lexicon.accented.get(toneless(t)) : lexicon.plain.get(t)) ?? lexicon.tenant.get(bare(t));
  return w ? { kind: w.kind, language: w.language, phrase: w.phrase } : null;
}

/** A tenant's phrase as stored: tidied, unaccented; null when nothing is left. */
export function storedPhrase(phrase: string): string | null {
  const p = bare(tidy(phrase));
  return /^[a-z0-9/ ]{1,60}$/.test(p) ? p : null;
}
