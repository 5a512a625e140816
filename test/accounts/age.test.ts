import { describe, expect, it } from 'vitest';
import { ageOn, isAdult, vietnamToday } from '../../src/domain/age.ts';

describe('age rule', () => {
  it('[C38] a person is 18 from their 18th birthday, not the day before', () => {
    expect(isAdult('2008-03-10', '2026-03-09')).toBe(false);
    expect(isAdult('2008-03-10', '2026-03-10')).toBe(true);
    expect(isAdult('2008-12-31', '2026-01-01')).toBe(false);
    expect(ageOn('2008-03-10', '2026-03-09')).toBe(17);
  });

  it('[C38] someone born on 29 February turns 18 on 1 March of a common year', () => {
    expect(isAdult('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdult('2008-02-29', '2026-03-01')).toBe(true);
    expect(isAdult('2004-02-29', '2022-02-28')).toBe(false);
    expect(isAdult('2004-02-29', '2024-02-29')).toBe(true);
  });

  it('the service day is the calendar day in Vietnam (UTC+7)', () => {
    expect(vietnamToday(new Date('2026-03-09T16:59:59Z'))).toBe('2026-03-09');
    expect(vietnamToday(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
  });
});
