import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../corpus/evaluate.ts';
import { halfOf } from '../../corpus/namePools.ts';
import * as P from '../../corpus/pools.ts';
import { EN_FIRST_NAMES, EN_SURNAMES } from '../../src/detector/data/enNames.ts';
import { SENSITIVE_TERMS } from '../../src/detector/data/sensitiveTerms.ts';
import { BANK_NAMES } from '../../src/detector/data/vnBanks.ts';
import { VN_FAMILY_NAMES } from '../../src/detector/data/vnFamilyNames.ts';
import { VN_GIVEN_NAMES } from '../../src/detector/data/vnGivenNames.ts';
import { foldString } from '../../src/detector/lexicon.ts';
import { phraseKey } from '../../src/detector/phrases.ts';

const key = (s: string): string => phraseKey(foldString(s).replace(/'/g, ' '));
const NAME_LIST = new Set([...VN_FAMILY_NAMES, ...VN_GIVEN_NAMES, ...EN_FIRST_NAMES, ...EN_SURNAMES].map(key));
const TERMS = SENSITIVE_TERMS.filter((g) => !g.head).flatMap((g) => g.terms.map(key));

describe('development corpus is built from values the detector does not list', () => {
  it('name pools share no value with the gazetteers or the model training half', () => {
    const pools = [...P.VN_FAMILY, ...P.VN_MIDDLE_M, ...P.VN_MIDDLE_F, ...P.VN_GIVEN_M, ...P.VN_GIVEN_F, ...P.EN_FIRST, ...P.EN_LAST];
    expect(pools.filter((v) => NAME_LIST.has(key(v)))).toEqual([]);
    expect([...P.EN_FIRST, ...P.EN_LAST].filter((v) => halfOf(v) !== 'dev')).toEqual([]);
  });

  it('every word of every PERSON span in corpus/dev.jsonl is absent from the name lists', () => {
    const shared = new Set<string>();
    for (const l of readCorpus('corpus/dev.jsonl')) {
      for (const s of l.spans) {
        if (s.type !== 'PERSON') continue;
        for (const w of key(l.text.slice(s.start, s.end)).split(' ')) if (w.length > 1 && NAME_LIST.has(w)) shared.add(w);
      }
    }
    expect([...shared]).toEqual([]);
  });

  it('bank names and sensitive topics share no value with the detector lists', () => {
    const banks = new Set(BANK_NAMES.map(key));
    expect([...P.BANKS_VN, ...P.BANKS_EN].filter((b) => banks.has(key(b)))).toEqual([]);
    const topics = [...P.SENSITIVE_VI_TOPICS, ...P.SENSITIVE_EN_TOPICS, ...P.SENSITIVE_EN_MEDICINES];
    const hits = topics.filter((t) => TERMS.some((term) => ` ${key(t)} `.includes(` ${term} `)));
    expect(hits).toEqual([]);
  });

  it('the detector never reads the blind set', () => {
    const files = readdirSync('src/detector', { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    for (const f of files) expect(readFileSync(`src/detector/${f}`, 'utf8')).not.toMatch(/blind/i);
  });
});
