import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffIsEmpty, diffPolicyText, type DiffPart } from '../../src/domain/policy-diff.ts';
import { truncateIp } from '../../src/policies/ip.ts';

const side = (parts: DiffPart[], keep: 'add' | 'del') => parts.filter((p) => p.op === 'same' || p.op === keep).map((p) => p.text).join('');

describe('policy diff', () => {
  it('[C40] a one-word edit in a long paragraph shows as that word, not the paragraph', () => {
    const before = 'Intro.\nWe keep data for 30 days after the request.\nEnd.\n';
    const after = 'Intro.\nWe keep data for 14 days after the request.\nEnd.\n';
    const parts = diffPolicyText(before, after);
    expect(parts.filter((p) => p.op !== 'same')).toEqual([{ op: 'del', text: '30' }, { op: 'add', text: '14' }]);
    expect(side(parts, 'del')).toBe(before);
    expect(side(parts, 'add')).toBe(after);
  });

  it('added and removed lines are whole lines, and both sides rebuild exactly', () => {
    const before = 'a\nb\nc\n';
    const after = 'a\nc\nd\n';
    const parts = diffPolicyText(before, after);
    expect(parts).toEqual([{ op: 'same', text: 'a\n' }, { op: 'del', text: 'b\n' }, { op: 'same', text: 'c\n' }, { op: 'add', text: 'd\n' }]);
  });

  it('identical texts give only same parts; neighbouring parts never share an op', () => {
    const text = readFileSync(new URL('../../policies/privacy.v1.vi.txt', import.meta.url), 'utf8');
    expect(diffIsEmpty(diffPolicyText(text, text))).toBe(true);
    const changed = text.replace('30 ngày', '15 ngày').replace('18 tuổi', '16 tuổi') + '\nDòng mới.';
    const parts = diffPolicyText(text, changed);
    expect(diffIsEmpty(parts)).toBe(false);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
    expect(side(parts, 'del')).toBe(text);
    expect(side(parts, 'add')).toBe(changed);
  });

  it('a complete rewrite still rebuilds both sides (falls back to line parts)', () => {
    const en = readFileSync(new URL('../../policies/privacy.v1.en.txt', import.meta.url), 'utf8');
    const vi = readFileSync(new URL('../../policies/privacy.v1.vi.txt', import.meta.url), 'utf8');
    const parts = diffPolicyText(en, vi);
    expect(side(parts, 'del')).toBe(en);
    expect(side(parts, 'add')).toBe(vi);
  });
});

describe('IP truncation', () => {
  it('[C06] keeps only the network: IPv4 /24, IPv6 /48, mapped IPv4 as IPv4, junk as null', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('10.0.0.1')).toBe('10.0.0.0');
    expect(truncateIp('2001:db8:abcd:12:34::1')).toBe('2001:db8:abcd::');
    expect(truncateIp('2001:0db8:00ab:ffff:ffff:ffff:ffff:ffff')).toBe('2001:db8:ab::');
    expect(truncateIp('::1')).toBe('0:0:0::');
    expect(truncateIp('fe80::1%eth0')).toBe('fe80:0:0::');
    expect(truncateIp('::ffff:198.51.100.23')).toBe('198.51.100.0');
    expect(truncateIp('::ffff:c633:6417')).toBe('198.51.100.0');
    expect(truncateIp('not-an-ip')).toBeNull();
    expect(truncateIp('999.1.1.1')).toBeNull();
    expect(truncateIp(undefined)).toBeNull();
    expect(truncateIp('')).toBeNull();
  });
});
