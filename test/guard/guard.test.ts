import { describe, expect, it } from 'vitest';
import { guardText, redactSpans, sensitiveCategoryOf } from '../../src/guard/index.ts';
import { createLogger } from '../../src/log.ts';
import { AppError } from '../../src/errors.ts';

const VISA = '4111 1111 1111 1111';
const NAPAS = '9704 0000 0000 0018';

describe('input guard (pure)', () => {
  it('[C02] refuses a Luhn-valid card where none is expected, naming the field and never the digits', () => {
    let thrown: unknown;
    try {
      guardText(`tên tôi ${VISA}`, { mode: 'refuse', field: 'name' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect([e.status, e.code, e.extra]).toEqual([422, 'card_data_refused', { fields: ['name'] }]);
    expect(JSON.stringify({ title: e.title, extra: e.extra })).not.toMatch(/1111/);
  });

  it('[C02] masks every card in free text to its last four digits, offsets unchanged', () => {
    const text = `thẻ của em ${NAPAS} nhé, hoặc ${VISA}`;
    const r = guardText(text, { mode: 'mask' });
    expect(r.cards).toBe(2);
    expect(r.text.length).toBe(text.length);
    expect(r.text).toContain('•••• •••• •••• 0018');
    expect(r.text).toContain('•••• •••• •••• 1111');
    expect(r.text).not.toContain('9704');
  });

  it('[C02] leaves Luhn-invalid numbers, order codes and prices alone', () => {
    const text = 'Đơn #4111111111111112 giá 1.250.000đ, mã vận đơn SPXVN0123456789';
    expect(guardText(text, { mode: 'refuse' }).text).toBe(text);
  });

  it('[C14] reports a sensitive disclosure with its category unless the subject consented to it', () => {
    const text = 'Em bị tiểu đường nên cần hàng không đường ạ';
    const r = guardText(text, { mode: 'mask' });
    expect(r.sensitive.map((s) => s.category)).toEqual(['user.health']);
    expect(redactSpans(text, r.sensitive)).not.toMatch(/tiểu đường/);
    expect(guardText(text, { mode: 'mask', consentedSensitiveCategories: ['user.health'] }).sensitive).toEqual([]);
  });

  it('[C14] maps disclosures to the taxonomy\'s special categories', () => {
    expect(sensitiveCategoryOf('I am Catholic')).toBe('user.religion');
    expect(sensitiveCategoryOf('bị ung thư')).toBe('user.health');
    expect(sensitiveCategoryOf('nothing listed')).toBe('user.private_life');
  });
});

describe('log safety net', () => {
  it('[C02] a card number that reaches a log line is masked, in the message and in any field', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    log.info({ note: `pay with ${VISA}`, nested: { list: [`x ${NAPAS}`] }, count: 3 }, `card ${VISA} seen`);
    log.warn(`raw 4111111111111111 and order 4111111111111112`);
    const all = lines.join('\n');
    expect(all).not.toMatch(/4111 1111 1111 1111|4111111111111111\b|9704 0000/);
    expect(all).toContain('•••• •••• •••• 1111');
    expect(all).toContain('4111111111111112'); // not a card: kept
    expect(all).toContain('"count":3');
  });
});
