import { describe, expect, it } from 'vitest';
import { detect, findCards, maskCards } from '../../src/detector/index.ts';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

const MB = 1024 * 1024;

describe('bad input', () => {
  it('returns nothing for empty text', () => {
    expect(detect('')).toEqual([]);
    expect(findCards('')).toEqual([]);
    expect(maskCards('')).toBe('');
  });

  it('keeps offsets in the original string across zero-width chars and full-width digits', () => {
    const text = '📞 sđt: ０９１２\u200b３４５\u200d６７８ 🙏, thẻ 4111\u200b1111 1111 1111';
    const spans = detect(text);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['PHONE', '０９１２\u200b３４５\u200d６７８'],
      ['CARD', '4111\u200b1111 1111 1111'],
    ]);
  });

  it('survives lone surrogates, emoji and mixed scripts', () => {
    const text = '\ud800 lỗi \udfff 😀 Привет 你好 sdt 0912345678 \ud83d';
    const spans = detect(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['0912345678']);
  });

  it('handles a 1 MB message in well under a second', () => {
    const unit = 'Em tên Nguyễn Văn An, sđt 0912 345 678, giao về 12 Lê Lợi, Q.1, TP.HCM nhé. Giá 350k. ';
    const text = unit.repeat(Math.ceil(MB / unit.length));
    const { value, ms } = timed(() => detect(text));
    expect(value.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(3000);
  });

  it('stays linear on inputs built to trigger backtracking', () => {
    const attacks = [
      '1'.repeat(MB),
      '1.'.repeat(MB / 2),
      '1 '.repeat(MB / 2),
      '@'.repeat(MB),
      'a@'.repeat(MB / 2),
      'a.'.repeat(MB / 2) + '@',
      ':'.repeat(MB),
      'a:'.repeat(MB / 2),
      '+84 '.repeat(MB / 4),
      '0912 '.repeat(MB / 5),
      'Nguyễn '.repeat(MB / 7),
      'số 12 ngõ 5 '.repeat(MB / 12),
      'em bị '.repeat(MB / 6),
      '\u200b1'.repeat(MB / 2),
      '９'.repeat(MB),
      'ngày sinh '.repeat(MB / 10),
      'stk '.repeat(MB / 4),
      'A1'.repeat(MB / 2),
    ];
    for (const text of attacks) {
      const { ms } = timed(() => {
        detect(text);
        maskCards(text);
      });
      expect(ms, `input starting ${JSON.stringify(text.slice(0, 12))}`).toBeLessThan(5000);
    }
  });

  it('every span is inside the text and ordered', () => {
    const text = 'a'.repeat(50) + ' liên hệ 0912345678 ' + '\u200b'.repeat(20) + ' mail x@y.vn';
    for (const s of detect(text)) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.end).toBeGreaterThan(s.start);
    }
  });
});
