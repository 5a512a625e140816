import { describe, expect, it } from 'vitest';
import { detect, type SensitiveCategory } from '../../src/detector/index.ts';

function sensitive(text: string, lang?: 'vi' | 'en'): Array<[string, SensitiveCategory | undefined]> {
  return detect(text, { lang }).filter((s) => s.type === 'SENSITIVE').map((s) => [text.slice(s.start, s.end), s.category]);
}

describe('[C14] sensitive disclosures beyond the term list', () => {
  it('finds the disclosures named in issue #10 with their category', () => {
    expect(sensitive('Em bị bệnh vảy nến, dùng kem nào được ạ')).toEqual([['Em bị bệnh vảy nến', 'health']]);
    expect(sensitive('Chị bị rối loạn ăn uống mấy năm nay')).toEqual([['Chị bị rối loạn ăn uống', 'health']]);
    expect(sensitive('Con tôi bị bại não nên cần xe lăn')).toEqual([['Con tôi bị bại não', 'health']]);
    expect(sensitive('Anh ấy đang đi cai nghiện')).toEqual([['Anh ấy đang đi cai nghiện', 'health']]);
    expect(sensitive('My mother has multiple myeloma', 'en')).toEqual([['My mother has multiple myeloma', 'health']]);
    expect(sensitive('My son has cystic fibrosis so no peanuts', 'en')).toEqual([['My son has cystic fibrosis', 'health']]);
    expect(sensitive('I take antiretrovirals every day', 'en')).toEqual([['I take antiretrovirals', 'health']]);
    expect(sensitive("I'm a Jehovah's Witness so no birthday cards", 'en')).toEqual([["I'm a Jehovah's Witness", 'religion']]);
  });

  it('files HIV status under health, not biometric data', () => {
    expect(sensitive("I'm HIV positive", 'en')).toEqual([["I'm HIV positive", 'health']]);
    expect(sensitive('Tôi nhiễm HIV')).toEqual([['Tôi nhiễm HIV', 'health']]);
  });

  it('reads condition names it has never listed by their head word or shape', () => {
    expect(sensitive('Tôi bị hội chứng Turner')).toEqual([['Tôi bị hội chứng Turner', 'health']]);
    expect(sensitive('I was diagnosed with sarcoidosis last year', 'en')).toEqual([['I was diagnosed with sarcoidosis', 'health']]);
    expect(sensitive("I'm on tenofovir", 'en')).toEqual([["I'm on tenofovir", 'health']]);
    expect(sensitive('Em là người Tày')).toEqual([['Em là người Tày', 'ethnicity']]);
  });

  it('does not treat product names or everyday words as disclosures', () => {
    expect(sensitive('kem trị vảy nến giá bao nhiêu')).toEqual([]);
    expect(sensitive('Shop có kem trị vảy nến không')).toEqual([]);
    expect(sensitive('em là người tây nên không rành')).toEqual([]);
    expect(sensitive('em đang nằm bệnh viện')).toEqual([]);
    expect(sensitive('em suy nghĩ đã')).toEqual([]);
    expect(sensitive('I love the trophy', 'en')).toEqual([]);
  });
});
