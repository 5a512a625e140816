import { SENSITIVE_TERMS, type SensitiveCategory } from '../detector/data/sensitiveTerms.ts';
import { foldString } from '../detector/lexicon.ts';
import { phraseKey } from '../detector/phrases.ts';
import type { CategoryKey } from '../domain/taxonomy/index.ts';

/** The taxonomy category of each of the detector's sensitive term groups. */
const CATEGORY_OF: Record<SensitiveCategory, CategoryKey> = {
  health: 'user.health',
  religion: 'user.religion',
  politics: 'user.political_opinion',
  ethnicity: 'user.ethnicity',
  orientation: 'user.sexual_orientation',
  criminal: 'user.criminal_record',
  union: 'user.union_membership',
  biometric: 'user.biometric',
};

const TERM_CATEGORY = new Map<string, CategoryKey>();
for (const g of SENSITIVE_TERMS) for (const t of g.terms) if (!TERM_CATEGORY.has(phraseKey(t))) TERM_CATEGORY.set(phraseKey(t), CATEGORY_OF[g.category]);
const MAX_WORDS = Math.max(...[...TERM_CATEGORY.keys()].map((k) => k.split(' ').length));

/**
 * The special category a SENSITIVE span discloses, from the longest listed term inside it.
 * A span with no listed term (the detector also reads context) falls back to private life,
 * the widest special category, so it is still held rather than stored in clear.
 */
export function sensitiveCategoryOf(spanText: string): CategoryKey {
  const words = phraseKey(foldString(spanText).replace(/'/g, ' ')).split(' ');
  let best: { n: number; cat: CategoryKey } | null = null;
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const cat = TERM_CATEGORY.get(words.slice(i, i + n).join(' '));
      if (cat && (!best || n > best.n)) best = { n, cat };
      if (cat) break;
    }
  }
  return best?.cat ?? 'user.private_life';
}
