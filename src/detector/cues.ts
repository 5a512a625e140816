// Context words that tell what a bare number is: phone, bank account, order id, ID card...
// All patterns run on the folded view (lowercase, no diacritics), so "sđt", "SĐT" and "sdt"
// are the same cue.
import { BANK_ALTERNATION, BANKS } from './lexicon.ts';
import { makePhraseTable, phraseBefore } from './phrases.ts';

const BANK_NAMES_FOLDED = [...BANKS];

export type CueKind = 'phone' | 'bank' | 'order' | 'id' | 'ssn' | 'card' | 'dob' | 'tax' | 'money' | 'version' | 'ip';

export interface Cue {
  kind: CueKind;
  /** Characters between the end of the cue and the number. */
  gap: number;
}

const PHONE = [
  'sdt', 'so dt', 'so dien thoai', 'dien thoai', 'dthoai', 'dt', 'dtdd', 'phone', 'phone number', 'phone no', 'ph', 'tel',
  'telephone', 'mobile', 'mob', 'cell', 'cellphone', 'call', 'call me', 'call me at', 'call me on', 'goi', 'goi cho', 'goi lai',
  'lien he', 'lien lac', 'lh', 'zalo', 'zl', 'viber', 'whatsapp', 'wa', 'sms', 'text', 'text me', 'text me at', 'nhan tin',
  'nt', 'hotline', 'contact', 'alo', 'sim', 'so may', 'fone', 'number', 'reach me', 'reach me at', 'ring', 'dial', 'numero',
];
const BANK = [
  'stk', 'so tk', 'so tai khoan', 'tai khoan', 'tk', 'account', 'account number', 'account no', 'acct', 'acc', 'acc no',
  'a c', 'bank', 'bank account', 'ngan hang', 'nh', 'chuyen khoan', 'ck', 'chu tk', 'chu tai khoan', 'iban',
  ...BANK_NAMES_FOLDED,
];
const ORDER = [
  'ma don', 'ma don hang', 'don hang', 'don', 'order', 'order id', 'order no', 'order number', 'ma van don', 'van don', 'mvd',
  'tracking', 'tracking number', 'tracking no', 'tracking code', 'track', 'ma dh', 'dh', 'ma hang', 'ma sp', 'sku', 'item',
  'hoa don', 'invoice', 'ref', 'reference', 'ma gd', 'ma giao dich', 'giao dich', 'transaction', 'txn', 'kien hang',
  'ma kien', 'bill', 'ma bill', 'voucher', 'coupon', 'code', 'ma giam gia', 'imei', 'serial', 's n', 'model', 'lo hang',
  'case', 'ticket', 'phieu', 'booking', 'ma dat cho', 'ma ve', 'parcel', 'package', 'shipment', 'awb',
];
const ID = [
  'cccd', 'cmnd', 'cmt', 'can cuoc', 'can cuoc cong dan', 'chung minh', 'chung minh nhan dan', 'chung minh thu',
  'dinh danh', 'dinh danh ca nhan', 'so dinh danh', 'id card', 'national id', 'id number', 'id no', 'identity',
  'identity card', 'identity number', 'passport', 'passport number', 'passport no', 'ho chieu', 'driver s license',
  'drivers license', 'driver license', 'giay phep lai xe', 'gplx', 'bang lai',
];
const SSN = ['ssn', 'social security', 'social security number', 'social security no', 'social'];
const CARD = [
  'the atm', 'the tin dung', 'the ghi no', 'so the', 'the visa', 'the master', 'the napas', 'the noi dia', 'card',
  'card number', 'card no', 'visa', 'mastercard', 'master', 'jcb', 'amex', 'napas', 'credit', 'debit', 'cc',
];
const DOB = ['ngay sinh', 'sinh ngay', 'ns', 'dob', 'd o b', 'date of birth', 'birth date', 'birthdate', 'birthday', 'born', 'born on', 'born in', 'sinh nam', 'nam sinh'];
const TAX = ['mst', 'ma so thue', 'ma thue', 'tax', 'tax code', 'tax id', 'tax number', 'vat', 'ein', 'routing', 'routing number', 'sort code', 'swift', 'bic'];
const MONEY = ['tong', 'tong tien', 'tong cong', 'total', 'price', 'phi ship', 'tra truoc', 'dat coc', 'amount', 'cost', 'so tien'];
const VERSION = ['v', 'ver', 'version', 'phien ban', 'build', 'firmware', 'fw', 'ios', 'android', 'app', 'update', 'cap nhat', 'release'];
const IP = ['ip', 'ip address', 'dia chi ip', 'ipv4', 'ipv6', 'server', 'host', 'gateway', 'dns', 'router'];

const CUES = makePhraseTable<CueKind>([
  ['phone', PHONE],
  ['bank', BANK],
  ['order', ORDER],
  ['id', ID],
  ['ssn', SSN],
  ['card', CARD],
  ['dob', DOB],
  ['tax', TAX],
  ['money', MONEY],
  ['version', VERSION],
  ['ip', IP],
]);

const WINDOW = 48;

/** The cue closest before `pos` on the same line, within a fixed window, or null. */
export function cueBefore(fold: string, pos: number, window = WINDOW): Cue | null {
  // "#123456" is an order or ticket number whatever comes before it.
  let p = pos - 1;
  while (p >= 0 && fold.charCodeAt(p) === 32) p--;
  if (p >= 0 && fold.charCodeAt(p) === 35) return { kind: 'order', gap: pos - p - 1 };
  const hit = phraseBefore(fold, pos, CUES, window);
  return hit ? { kind: hit.kind, gap: hit.gap } : null;
}

const BANK_AFTER_RE = new RegExp(`^[\\s:\\-–(,/|]{0,4}(?:${BANK_ALTERNATION}|ngan hang|bank)(?![a-z0-9])`);

/** True when a bank name directly follows `pos` ("0071000123456 - Vietcombank"). */
export function bankAfter(fold: string, pos: number): boolean {
  return BANK_AFTER_RE.test(fold.slice(pos, pos + 40));
}

const CURRENCY_AFTER_RE =
  /^(?:[dk](?![a-z0-9])|tr(?![a-z])|m(?![a-z0-9])|g(?![a-z0-9])| ?(?:dong|trieu|nghin|ngan(?! hang)|cu|lit|vnd|₫|usd|\$|€|eur|%|xu|ty|kg|gr|ml|cm|mm|inch)(?![a-z]))/;

/** True when the number at [.., pos) is a price or measure ("350k", "1.250.000đ"). */
export function currencyAfter(fold: string, pos: number): boolean {
  return CURRENCY_AFTER_RE.test(fold.slice(pos, pos + 12));
}

/** True when a currency sign directly precedes `pos` ("$1,250", "VND 350000"). */
export function currencyBefore(fold: string, pos: number): boolean {
  const w = fold.slice(Math.max(0, pos - 5), pos);
  return /(?:\$|€|£|¥|₫|vnd|usd) ?$/.test(w);
}
