// Every string list the detector ships in src/detector/data, found by walking each module's
// exports, so a list added later is kept out of the development corpus (and checked by
// test/detector/separation.test.ts) without anyone wiring it in.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldString } from '../src/detector/lexicon.ts';

export interface NamedList {
  /** `file.ts:EXPORT`, for messages. */
  name: string;
  values: string[];
}

/** Strings that are elements of an array anywhere inside `x` (not object keys or labels). */
export function listedStrings(x: unknown, inArray = false): string[] {
  if (typeof x === 'string') return inArray ? [x] : [];
  if (Array.isArray(x)) return x.flatMap((v) => listedStrings(v, true));
  if (x && typeof x === 'object' && !(x instanceof RegExp)) return Object.values(x).flatMap((v) => listedStrings(v, false));
  return [];
}

/** Compares values the way the detector matches them: folded, punctuation as spaces. */
export function valueKey(s: string): string {
  return foldString(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

const DATA_DIR = fileURLToPath(new URL('../src/detector/data/', import.meta.url));

async function loadLists(): Promise<NamedList[]> {
  const out: NamedList[] = [];
  for (const file of readdirSync(DATA_DIR).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(new URL(file, new URL('../src/detector/data/', import.meta.url)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const values = listedStrings(value);
      if (values.length > 0) out.push({ name: `${file}:${name}`, values });
    }
  }
  return out;
}

/** The detector's lists, read once. */
export const DETECTOR_LISTS: readonly NamedList[] = await loadLists();

const LISTED = new Set(DETECTOR_LISTS.flatMap((l) => l.values.map(valueKey)));

/** True when any of the detector's lists holds the value (compared by `valueKey`). */
export function isListed(value: string): boolean {
  return LISTED.has(valueKey(value));
}
