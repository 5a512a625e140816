import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../corpus/evaluate.ts';
import { score } from '../../corpus/score.ts';
import { trainShipped } from '../../corpus/trainNames.ts';
import { decodeWeights, findModelNames, personWeights } from '../../src/detector/nameModel.ts';
import { makeView } from '../../src/detector/normalize.ts';
import { tokenize } from '../../src/detector/tokens.ts';

// PERSON F1 of the model's multi-word runs alone, so the check measures the weights.
function modelF1(weights: Float32Array): number {
  const items = readCorpus('corpus/dev.jsonl').map((l) => {
    const toks = tokenize(makeView(l.text));
    const pred = findModelNames(toks, weights)
      .filter((h) => h.endTok > h.startTok)
      .map((h) => ({ type: 'PERSON', start: toks[h.startTok]!.s, end: toks[h.endTok]!.e }));
    return { lang: l.lang, gold: l.spans.filter((s) => s.type === 'PERSON'), pred };
  });
  return score(items).perType.PERSON.f1;
}

describe('person-name model', () => {
  it('retraining with the shipped settings reproduces the shipped weights score within 0.01', () => {
    const shipped = modelF1(personWeights());
    const retrained = modelF1(decodeWeights(trainShipped()));
    expect(shipped).toBeGreaterThan(0.3);
    expect(Math.abs(shipped - retrained)).toBeLessThanOrEqual(0.01);
  }, 60_000);
});
