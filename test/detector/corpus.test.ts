import { describe, expect, it } from 'vitest';
import { evaluatePledge, readCorpus } from '../../corpus/evaluate.ts';
import { score } from '../../corpus/score.ts';

describe('detector quality', () => {
  it('reaches typed F1 ≥ 0.9 on the hand-written messages the generator never produced', () => {
    const rep = score(evaluatePledge(readCorpus('corpus/handwritten.jsonl')).items);
    expect(rep.typed.f1).toBeGreaterThanOrEqual(0.9);
    expect(rep.typedByLang.vi!.f1).toBeGreaterThanOrEqual(0.9);
    expect(rep.typedByLang.en!.f1).toBeGreaterThanOrEqual(0.9);
    expect(rep.hardNegativeRate).toBeLessThan(0.05);
  });

  it('reaches typed F1 ≥ 0.95 on the generated development corpus', () => {
    const rep = score(evaluatePledge(readCorpus('corpus/dev.jsonl')).items);
    expect(rep.typed.f1).toBeGreaterThanOrEqual(0.95);
  });
});
