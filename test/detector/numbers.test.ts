import { describe, expect, it } from 'vitest';
import { findCards, luhnValid, maskCards } from '../../src/detector/index.ts';
import { all, found } from './helpers.ts';

describe('phones', () => {
  it('finds Vietnamese mobiles in every shape people type', () => {
    for (const p of ['0912345678', '0912 345 678', '091.234.5678', '0912-345-678', '+84 912 345 678', '84912345678', '+84912345678', '(+84) 91 234 5678']) {
      expect(found(`sđt của em ${p} nhé`, 'PHONE')).toEqual([p]);
    }
  });

  it('finds landlines with area codes and international numbers', () => {
    expect(found('gọi bàn (028) 3823 4567 giờ hành chính', 'PHONE')).toEqual(['(028) 3823 4567']);
    expect(found('số 024 3826 1234 hoặc 0236 3812 345', 'PHONE')).toEqual(['024 3826 1234', '0236 3812 345']);
    expect(found('call me at (212) 555-0147 or +44 7911 123456', 'PHONE')).toEqual(['(212) 555-0147', '+44 7911 123456']);
  });

  it('does not read order ids, prices, dates or hotlines as phones', () => {
    expect(all('Mã đơn 0912345678 giao chưa shop?')).toEqual([]);
    expect(all('giá 1.250.000đ, ship 30k, tổng 1tr2')).toEqual([]);
    expect(all('Giao ngày 2024-03-09 được không, mã vận đơn GHN123456789')).toEqual([]);
    expect(all('Hotline 1900 6067 không ai nghe')).toEqual([]);
    expect(all('Order 9876543210 status please', 'en')).toEqual([]);
  });
});

describe('cards', () => {
  it('[C02] finds Luhn-valid card numbers of every scheme, including NAPAS', () => {
    const cards = ['4532 0151 1283 0366', '5425233430109903', '3782 822463 10005', '6011111111111117', '3530111333300000', '9704180000001230', '2221000000000009'];
    for (const c of cards) expect(found(`thanh toán thẻ ${c} giúp em`, 'CARD')).toEqual([c]);
  });

  it('[C02] ignores Luhn-invalid 16-digit numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(found('Order number 4111111111111112 shows as pending', 'CARD')).toEqual([]);
  });

  it('[C02] masks every card digit but the last four, keeping the length', () => {
    const text = 'card 4111-1111-1111-1111 and ４１１１１１１１１１１１１１１１ ok';
    const masked = maskCards(text);
    expect(masked.length).toBe(text.length);
    expect(masked).toBe('card ••••-••••-••••-1111 and ••••••••••••１１１１ ok');
    expect(findCards(masked)).toEqual([]);
  });

  it('[C02] findCards finds cards whatever their context, even after an order cue', () => {
    const text = 'Mã đơn 4111111111111111';
    expect(findCards(text).map((s) => text.slice(s.start, s.end))).toEqual(['4111111111111111']);
  });
});

describe('national ids', () => {
  it('finds CCCD, CMND, passports and SSNs', () => {
    expect(found('CCCD của em 079203001234', 'NATIONAL_ID')).toEqual(['079203001234']);
    expect(found('CMND cũ 025123456', 'NATIONAL_ID')).toEqual(['025123456']);
    expect(found('hộ chiếu số C1234567', 'NATIONAL_ID')).toEqual(['C1234567']);
    expect(found('Passport no. X12345678 for customs', 'NATIONAL_ID')).toEqual(['X12345678']);
    expect(found('SSN 078-05-1120 for the form', 'NATIONAL_ID')).toEqual(['078-05-1120']);
  });

  it('does not read tax codes or transaction ids as IDs', () => {
    expect(all('MST công ty 0312456789-001, mã giao dịch 123456789012')).toEqual([]);
  });
});

describe('bank accounts', () => {
  it('needs a bank or an account cue nearby', () => {
    expect(found('STK: 19036677889012 - Techcombank', 'BANK_ACCOUNT')).toEqual(['19036677889012']);
    expect(found('ck vào 0451000234567 vcb giúp em', 'BANK_ACCOUNT')).toEqual(['0451000234567']);
    expect(found('Refund to my Chase account 000123456789 please', 'BANK_ACCOUNT')).toEqual(['000123456789']);
    expect(found('mã kiện 0451000234567', 'BANK_ACCOUNT')).toEqual([]);
  });
});

describe('e-mails and IP addresses', () => {
  it('finds e-mails, IPv4 and IPv6 but not versions or times', () => {
    expect(found('mail j.doe+shop@outlook.com nhé', 'EMAIL')).toEqual(['j.doe+shop@outlook.com']);
    expect(found('IP 113.161.72.45 và 2001:db8:85a3::8a2e:370:7334', 'IP_ADDRESS')).toEqual(['113.161.72.45', '2001:db8:85a3::8a2e:370:7334']);
    expect(all('Firmware 2.4.1.8, phiên bản 1.0.2.3, meeting 10:30:45, MAC 00:1A:2B:3C:4D:5E')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it('reports a date only after a birth cue', () => {
    expect(found('ngày sinh 14/02/1998 ạ', 'DATE_OF_BIRTH')).toEqual(['14/02/1998']);
    expect(found('Date of birth: March 3, 1985', 'DATE_OF_BIRTH')).toEqual(['March 3, 1985']);
    expect(found('Em sinh năm 1995', 'DATE_OF_BIRTH')).toEqual(['năm 1995']);
    expect(all('Giao ngày 20/06/2024 được không shop?')).toEqual([]);
  });
});
