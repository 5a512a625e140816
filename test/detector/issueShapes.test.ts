import { describe, expect, it } from 'vitest';
import { found } from './helpers.ts';

// The shapes issue #10 lists as missed (invented examples, as in the issue), each with its type.
describe('[C02] names, addresses and numbers named in issue #10', () => {
  it('finds names with no listed word: in prose, alone after thanks, on a signature line', () => {
    expect(found('I bought it as a gift for a song by Ilona K Varga', 'PERSON', 'en')).toEqual(['Ilona K Varga']);
    expect(found('Thanks, Agnes!', 'PERSON', 'en')).toEqual(['Agnes']);
    expect(found('Oluwaseun Adeyemi will pick it up', 'PERSON', 'en')).toEqual(['Oluwaseun Adeyemi']);
    expect(found('Please deliver to Mei Lin, thanks', 'PERSON', 'en')).toEqual(['Mei Lin']);
    expect(found('Best regards,\nOluwaseun Adeyemi', 'PERSON', 'en')).toEqual(['Oluwaseun Adeyemi']);
  });

  it('finds street-before-number, UK letter-style and military addresses as one span', () => {
    expect(found('Ship to Calle Mayor 12, 28013 Madrid please', 'ADDRESS', 'en')).toEqual(['Calle Mayor 12, 28013 Madrid']);
    expect(found('Nørregade 7, 1165 København', 'ADDRESS', 'en')).toEqual(['Nørregade 7, 1165 København']);
    expect(found('Send to Flat 3, 22 Baker Street, London NW1 6XE please', 'ADDRESS', 'en')).toEqual(['Flat 3, 22 Baker Street, London NW1 6XE']);
    expect(found('My address:\n148 The Paddocks\nManchester\nM1 6HL', 'ADDRESS', 'en')).toEqual(['148 The Paddocks\nManchester\nM1 6HL']);
    expect(found('PSC 1234, Box 5678\nAPO AE 09012', 'ADDRESS', 'en')).toEqual(['PSC 1234, Box 5678\nAPO AE 09012']);
  });

  it('finds UK and German phone formats', () => {
    expect(found('Call 07911 123 456 after six', 'PHONE', 'en')).toEqual(['07911 123 456']);
    expect(found('Call +49 (0)30 1234 5678 after six', 'PHONE', 'en')).toEqual(['+49 (0)30 1234 5678']);
  });
});
