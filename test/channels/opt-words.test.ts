import { describe, expect, it } from 'vitest';
import { BUILT_IN_OPT_WORDS, buildLexicon, classifyOptText, storedPhrase } from '../../src/channels/opt-words.ts';

const kindOf = (text: string, lexicon = buildLexicon()) => classifyOptText(text, lexicon)?.kind ?? null;

describe('the one opt-out model: which messages are stop and start commands', () => {
  it('[C11] every listed stop form is an opt-out in any case, with or without diacritics and surrounding punctuation', () => {
    const stops = ['STOP', 'stop', 'Stop.', '  stop!!! ', 'STOPALL', 'Unsubscribe', 'cancel', 'END', 'quit', 'Hủy', 'HỦY', 'huỷ', 'HUỶ!!', 'huy', 'HUY',
      'Dừng', 'DỪNG.', 'dung', 'Ngừng', 'ngung', 'Hủy đăng ký', 'huy dang ky', 'HỦY ĐĂNG KÝ!', 'Không nhận tin nữa', 'khong nhan tin nua.', '🙏 hủy 🙏', '"stop"'];
    for (const t of stops) expect(kindOf(t), t).toBe('opt_out');
    for (const t of ['START', 'Yes', 'unstop', 'Đăng ký', 'dang ky', 'ĐĂNG KÝ LẠI']) expect(kindOf(t), t).toBe('opt_in');
  });

  // Written by hand from what shoppers send a shop's bot, not from the list above.
  it('[C11] ordinary sentences that contain a stop word are messages, not opt-outs', () => {
    const messages = [
      'đừng hủy đơn của tôi', 'stop by the shop tomorrow?', 'Đúng', 'đúng rồi', 'dùng', 'Dùng thử được không', 'tôi muốn hủy đơn hàng #1234',
      'can I cancel my order?', 'the end of the month', 'Quit smoking tips?', 'Mình vừa đăng ký thẻ thành viên', 'không', 'ok shop', 'Hủy giúp em đơn hôm qua nhé',
      'stop sending me the wrong size', 'dung luong pin bao nhieu', 'đủng đỉnh', 'huyền', 'Huy', 'Chị Dung ơi', 'yes please send the link', 'cancelled?',
      'ngừng bán rồi à?', 'END-USER manual', '', '   ', '!!!',
    ];
    // Proper names that are also commands when typed alone ("Huy", "Dung") are read as commands only without diacritics: "Huy" is one.
    const expectedStops = new Set(['Huy']);
    for (const t of messages) expect(kindOf(t), t).toBe(expectedStops.has(t) ? 'opt_out' : null);
  });

  it('[C11] a tenant extends the list with its own phrases, matched the same whole-message way', () => {
    const lexicon = buildLexicon([{ phrase: storedPhrase('Thôi nhé')!, kind: 'opt_out', language: 'vi' }, { phrase: storedPhrase('Nhận tin')!, kind: 'opt_in', language: 'vi' }]);
    expect(storedPhrase('Thôi nhé')).toBe('thoi nhe');
    expect(kindOf('THÔI NHÉ!', lexicon)).toBe('opt_out');
    expect(kindOf('thoi nhe', lexicon)).toBe('opt_out');
    expect(kindOf('thôi nhé, để mai mua', lexicon)).toBeNull();
    expect(kindOf('nhận tin', lexicon)).toBe('opt_in');
    expect(kindOf('hủy', lexicon)).toBe('opt_out');
    expect(BUILT_IN_OPT_WORDS.every((w) => classifyOptText(w.phrase)?.kind === w.kind)).toBe(true);
  });
});
