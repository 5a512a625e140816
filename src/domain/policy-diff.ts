import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';

export type DiffOp = 'add' | 'del' | 'same';
export type DiffPart = { op: DiffOp; text: string };

// Word refinement is worth it for paragraph-long lines, but Myers' diff costs grow with the
// number of edits: a paragraph changed in more words than this is shown as replaced whole.
// This bound keeps a public page fast even for a complete rewrite.
const MAX_WORD_EDITS = 100;

const opOf = (c: ChangeObject<string>): DiffOp => (c.added ? 'add' : c.removed ? 'del' : 'same');

/** Appends a part, merging it into the previous one when both have the same op. */
function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** Lines with their line breaks kept, so joining them gives the text back. */
const splitLines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function refine(parts: DiffPart[], before: string, after: string): void {
  const words = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (words) {
    for (const w of words) push(parts, opOf(w), w.value);
  } else {
    push(parts, 'del', before);
    push(parts, 'add', after);
  }
}

/**
 * The changes from `before` to `after`: a line diff whose replaced lines are refined to words,
 * so a one-word edit in a long paragraph shows as that word. Joining the 'same' and 'del'
 * parts gives `before` back; joining 'same' and 'add' gives `after`.
 */
export function diffPolicyText(before: string, after: string): DiffPart[] {
  const lines = diffLines(before, after);
  const parts: DiffPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!;
    const next = lines[i + 1];
    // A removed block directly followed by an added one is a replacement: diff it by words,
    // paragraph by paragraph when the line counts match (the usual case of edited paragraphs).
    if (c.removed && next?.added) {
      const oldLines = splitLines(c.value);
      const newLines = splitLines(next.value);
      const pairs: Array<[string, string]> =
        oldLines.length === newLines.length ? oldLines.map((l, k) => [l, newLines[k]!]) : [[c.value, next.value]];
      for (const [a, b] of pairs) refine(parts, a, b);
      i++;
      continue;
    }
    push(parts, opOf(c), c.value);
  }
  return parts;
}

/** True when the diff holds no change at all. */
export const diffIsEmpty = (parts: readonly DiffPart[]): boolean => parts.every((p) => p.op === 'same');
