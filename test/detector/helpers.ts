import { detect, type PiiType } from '../../src/detector/index.ts';

/** The detected entities of one type, as the substrings they cover. */
export function found(text: string, type: PiiType, lang?: 'vi' | 'en'): string[] {
  return detect(text, { lang })
    .filter((s) => s.type === type)
    .map((s) => text.slice(s.start, s.end));
}

/** Every detected entity as "TYPE:substring". */
export function all(text: string, lang?: 'vi' | 'en'): string[] {
  return detect(text, { lang }).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}
