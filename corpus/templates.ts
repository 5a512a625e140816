// Message templates for the development corpus. A template returns segments: plain text,
// or [type, value] for a gold entity. Negatives carry merchant noise that must not fire.
import type { PiiType } from '../src/detector/types.ts';
import * as P from './pools.ts';
import * as V from './values.ts';
import { chance, digits, int, pick, type Rng } from './values.ts';

// 'NEG' marks a hard-negative substring (order code, SKU, price, product name) that no span
// may cover; the scorer reports how many are flagged.
export type Seg = string | [PiiType, string] | ['NEG', string];
export type Template = (r: Rng) => Seg[];

const neg = <T extends string>(r: Rng, xs: readonly T[]): Seg => ['NEG', pick(r, xs)];

const price = (r: Rng): Seg =>
  neg(r, [`${int(r, 1, 9)}.${int(r, 0, 9)}${int(r, 0, 9)}0.000đ`, `${int(r, 50, 999)}k`, `${int(r, 1, 5)}tr${int(r, 1, 9)}`, `${int(r, 100, 999)}.000 VND`, `${int(r, 1, 3)}.${int(r, 100, 999)}.000 đồng`, `${int(r, 100, 999)}.000đ`]);
const usd = (r: Rng): Seg => neg(r, [`$${int(r, 5, 300)}.${int(r, 10, 99)}`, `USD ${int(r, 10, 900)}`, `$${int(r, 1, 9)},${int(r, 100, 999)}`]);
const orderVi = (r: Rng): Seg => neg(r, [`DH${digits(r, 8)}`, `#${digits(r, 6)}`, `${int(r, 22, 25)}${digits(r, 4)}${pick(r, ['ABC', 'KXT', 'QWE', 'HN'])}${digits(r, 4)}`, digits(r, 10), `0${pick(r, ['9', '3', '8'])}${digits(r, 8)}`, digits(r, 12), digits(r, 16)]);
const tracking = (r: Rng): Seg => neg(r, [`GHN${digits(r, 9)}`, `SPXVN0${digits(r, 11)}`, `S${digits(r, 8)}.SG${int(r, 1, 9)}.A${int(r, 1, 9)}.${digits(r, 6)}`, `EB${digits(r, 9)}VN`, `LEX${digits(r, 10)}`, `GHTK${digits(r, 10)}`, `JT${digits(r, 10)}`, `VTP${digits(r, 9)}`]);
const sku = (r: Rng): Seg => neg(r, [`SKU-${digits(r, 5)}`, `TS-${int(r, 2022, 2025)}-BLK-${pick(r, ['S', 'M', 'L', 'XL'])}`, `SP${digits(r, 6)}`, `${pick(r, ['AT', 'QJ', 'GS'])}${digits(r, 4)}-${pick(r, ['DEN', 'TRANG', 'XANH'])}`]);
const voucher = (r: Rng): Seg => neg(r, ['FREESHIP50', 'GIAM20K', 'SALE11', 'NEWUSER', 'XTRA15', `TET${int(r, 20, 50)}`, 'BLACKFRIDAY', `VC${digits(r, 6)}`]);
const mst = (r: Rng): Seg => neg(r, [`0${pick(r, ['1', '3', '4'])}${digits(r, 8)}`, `0${digits(r, 9)}-${digits(r, 3)}`]);
const version = (r: Rng): Seg => neg(r, [`v${int(r, 1, 5)}.${int(r, 0, 20)}.${int(r, 0, 9)}`, `${int(r, 1, 17)}.${int(r, 0, 9)}.${int(r, 0, 9)}`, `${int(r, 1, 5)}.${int(r, 0, 9)}.${int(r, 0, 9)}.${int(r, 100, 9999)}`]);
const date = (r: Rng): string => pick(r, [`${int(r, 1, 28)}/${int(r, 1, 12)}`, `${int(r, 1, 28)}/${int(r, 1, 12)}/2024`, `2024-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`, `thứ ${int(r, 2, 7)}`, `${int(r, 1, 28)}.${int(r, 1, 12)}`]);
const qty = (r: Rng): string => pick(r, [`${int(r, 1, 5)} cái`, `x${int(r, 1, 9)}`, `${int(r, 1, 20)} hộp`, `sl ${int(r, 1, 10)}`, `${int(r, 1, 4)} đôi`]);
const sdt = (r: Rng): string => pick(r, ['sđt', 'SĐT', 'sdt', 'số điện thoại', 'đt', 'số', 'zalo', 'Zalo', 'liên hệ', 'gọi', 'SDT:', 'số đt']);
const stk = (r: Rng): string => pick(r, ['stk', 'STK', 'số tài khoản', 'số tk', 'tk', 'ck vào stk', 'chuyển khoản qua']);
const hon = (r: Rng): string => pick(r, ['anh', 'chị', 'em', 'cô', 'chú', 'a', 'c']);
const nameVi = (r: Rng): Seg => ['PERSON', V.vnName(r)];
const phoneVi = (r: Rng): Seg => ['PHONE', V.vnPhone(r)];
const addrVi = (r: Rng): Seg => ['ADDRESS', V.vnAddress(r)];

export const VI_POSITIVE: Template[] = [
  (r) => ['Em đặt ', neg(r, P.PRODUCTS_VI), ', ', sdt(r), ' ', phoneVi(r), ' ạ'],
  (r) => ['Tên người nhận: ', nameVi(r), '\n', sdt(r), ': ', phoneVi(r), '\nĐịa chỉ: ', addrVi(r)],
  (r) => ['Ship giúp em về ', addrVi(r), ' nhé shop, ', sdt(r), ' ', phoneVi(r)],
  (r) => ['Shop ơi gửi hàng cho ', hon(r), ' ', nameVi(r), ' ', phoneVi(r), ' ', addrVi(r)],
  (r) => ['Chị ', ['PERSON', V.vnGiven(r)], ' ơi đơn ', orderVi(r), ' giao chưa ạ, em cần gấp'],
  (r) => ['Em ck rồi nha, ', stk(r), ' ', ['BANK_ACCOUNT', V.bankAccount(r)], ' ', pick(r, P.BANKS_VN), ' chủ tk ', ['PERSON', V.stripMarks(V.vnName(r)).toUpperCase()]],
  (r) => ['Shop chuyển khoản hoàn tiền giúp em vào ', pick(r, P.BANKS_VN), ' ', ['BANK_ACCOUNT', V.bankAccount(r)], ' nhé'],
  (r) => ['Thanh toán bằng thẻ ', ['CARD', V.card(r)], ' được không shop'],
  (r) => ['Số thẻ của em là ', ['CARD', V.card(r)], ', hạn 0', String(int(r, 1, 9)), '/2', String(int(r, 6, 9))],
  (r) => ['Em gửi CCCD ', ['NATIONAL_ID', V.cccd(r)], ' để làm hợp đồng trả góp ạ'],
  (r) => ['Số CMND: ', ['NATIONAL_ID', V.cmnd(r)], ', cấp ngày ', date(r)],
  (r) => ['Hộ chiếu số ', ['NATIONAL_ID', V.passport(r)], ' họ tên ', nameVi(r)],
  (r) => ['Ngày sinh của em là ', ['DATE_OF_BIRTH', V.dob(r, 'vi')], ' nhé shop, để làm thẻ thành viên'],
  (r) => ['Họ tên: ', nameVi(r), ', sinh ngày ', ['DATE_OF_BIRTH', V.dob(r, 'vi')], ', ', sdt(r), ' ', phoneVi(r)],
  (r) => ['Mail của em ', ['EMAIL', V.email(r, V.vnName(r))], ' shop gửi hóa đơn qua đó nhé'],
  (r) => ['Email: ', ['EMAIL', V.email(r, V.vnName(r))], ' - ', sdt(r), ' ', phoneVi(r)],
  (r) => ['Shop ơi ', ['SENSITIVE', V.sensitiveVi(r)], ' thì dùng ', neg(r, P.PRODUCTS_VI), ' được không ạ?'],
  (r) => ['Cho em hỏi, ', ['SENSITIVE', V.sensitiveVi(r)], ' nên muốn mua loại không đường'],
  (r) => ['Mình tên ', nameVi(r), ', ', ['SENSITIVE', V.sensitiveVi(r)], ', cần tư vấn ạ'],
  (r) => ['Giao hàng tới ', addrVi(r), ' giờ hành chính giúp em. Người nhận ', nameVi(r)],
  (r) => ['IP của em là ', ['IP_ADDRESS', V.ipv4(r)], ' mà vẫn không vào được trang thanh toán'],
  (r) => ['Bên kỹ thuật check giúp em IP ', ['IP_ADDRESS', chance(r, 0.5) ? V.ipv4(r) : V.ipv6(r)], ' bị chặn'],
  (r) => [hon(r), ' ', ['PERSON', V.vnGiven(r)], ' gọi lại cho em số ', phoneVi(r), ' nhé'],
  (r) => ['đơn ', orderVi(r), ' người nhận ', nameVi(r), ' sđt ', phoneVi(r), ' tổng ', price(r)],
  (r) => ['Em là ', nameVi(r), ', đặt ', qty(r), ' ', neg(r, P.PRODUCTS_VI), ' giá ', price(r), '. Giao về ', addrVi(r)],
  (r) => ['Anh gửi qua ', ['PERSON', V.vnName(r)], ', nhà ở ', addrVi(r), ', ', sdt(r), ' ', phoneVi(r)],
  (r) => ['Khách ', nameVi(r), ' ', phoneVi(r), ' đổi size ', sku(r)],
  (r) => ['Chủ tài khoản ', ['PERSON', V.vnName(r).toUpperCase()], ', STK ', ['BANK_ACCOUNT', V.bankAccount(r)], ' tại ', pick(r, P.BANKS_VN)],
  (r) => ['Em ở ', addrVi(r), ', shop có ship COD không ạ'],
  (r) => ['Liên hệ ', nameVi(r), ' qua ', sdt(r), ' ', phoneVi(r), ' hoặc email ', ['EMAIL', V.email(r, V.vnName(r))]],
  (r) => ['Năm sinh ', ['DATE_OF_BIRTH', String(int(r, 1960, 2005))], ', CCCD ', ['NATIONAL_ID', V.cccd(r)]],
  (r) => ['Con em sinh ngày ', ['DATE_OF_BIRTH', V.dob(r, 'vi')], ' shop tư vấn size giúp'],
];

const enNameSeg = (r: Rng): Seg => ['PERSON', V.enName(r)];
const enPhoneSeg = (r: Rng): Seg => ['PHONE', V.enPhone(r)];
const enAddrSeg = (r: Rng): Seg => ['ADDRESS', V.enAddress(r)];

export const EN_POSITIVE: Template[] = [
  (r) => ['Hi, my name is ', enNameSeg(r), ' and I ordered a ', neg(r, P.PRODUCTS_EN), '. You can reach me at ', enPhoneSeg(r), '.'],
  (r) => ['Please ship to ', enNameSeg(r), ', ', enAddrSeg(r), '. Phone: ', enPhoneSeg(r)],
  (r) => ['Can you send the invoice to ', ['EMAIL', V.email(r, V.enName(r))], '? Thanks'],
  (r) => ['My card ', ['CARD', V.card(r)], ' was declined, can I try again?'],
  (r) => ['Paid with card number ', ['CARD', V.card(r)], ' for order #', digits(r, 6)],
  (r) => ['SSN: ', ['NATIONAL_ID', V.ssn(r)], ' for the credit application'],
  (r) => ['Passport number ', ['NATIONAL_ID', V.passport(r)], ', issued to ', enNameSeg(r)],
  (r) => ['DOB: ', ['DATE_OF_BIRTH', V.dob(r, 'en')], ' for the age check'],
  (r) => ['I was born on ', ['DATE_OF_BIRTH', V.dob(r, 'en')], ' so the birthday discount applies'],
  (r) => ['Wire the refund to account ', ['BANK_ACCOUNT', V.enBankAccount(r)], ' at ', pick(r, P.BANKS_EN)],
  (r) => ['Refund to my ', pick(r, P.BANKS_EN), ' account number ', ['BANK_ACCOUNT', V.enBankAccount(r)], ' please'],
  (r) => ['Quick question: ', ['SENSITIVE', V.sensitiveEn(r)], ', is the ', neg(r, P.PRODUCTS_EN), ' safe for me?'],
  (r) => ['Just so you know ', ['SENSITIVE', V.sensitiveEn(r)], ' so I need the sugar-free version'],
  (r) => ['Our office IP is ', ['IP_ADDRESS', V.ipv4(r)], ', please whitelist it'],
  (r) => ['Login blocked from ', ['IP_ADDRESS', V.ipv6(r)], ' again'],
  (r) => ['This is ', enNameSeg(r), ' from order ', digits(r, 7), ', call me on ', enPhoneSeg(r)],
  (r) => ['Deliver to ', enAddrSeg(r), ' before ', date(r)],
  (r) => ['Recipient: ', enNameSeg(r), '\nAddress: ', enAddrSeg(r), '\nEmail: ', ['EMAIL', V.email(r, V.enName(r))]],
  (r) => ['Hello, I am ', enNameSeg(r), '. ', ['SENSITIVE', V.sensitiveEn(r)], '.'],
  (r) => ['Text me at ', enPhoneSeg(r), ' when the driver is close'],
  (r) => ['Mr. ', ['PERSON', pick(r, P.EN_LAST)], ' will pick it up, his number is ', enPhoneSeg(r)],
  (r) => ['Customer ', enNameSeg(r), ' (', ['EMAIL', V.email(r, V.enName(r))], ') wants to return item ', 'SKU-', digits(r, 5)],
  (r) => ['Send it to my Vietnamese address: ', ['ADDRESS', V.vnAddress(r)], ', my phone ', phoneVi(r)],
  (r) => ['I live at ', enAddrSeg(r), ' and my date of birth is ', ['DATE_OF_BIRTH', V.dob(r, 'en')]],
  (r) => ['my name is ', ['PERSON', V.vnName(r).split(' ').map(V.stripMarks).join(' ')], ', phone ', phoneVi(r)],
];

const world = (r: Rng): Seg => ['PERSON', V.worldName(r)];
const first = (r: Rng): Seg => ['PERSON', pick(r, P.EN_FIRST)];
const last = (r: Rng): Seg => ['PERSON', pick(r, P.EN_LAST)];

// Shapes the rules never covered: names with no cue, one-word names, names in lists and on
// signature lines, street-before-number and multi-line addresses, military addresses,
// international phones and short card numbers.
export const EN_WORLD: Template[] = [
  (r) => ['I bought it as a gift for a song by ', world(r), ', do you have the vinyl?'],
  (r) => ['Thanks, ', first(r), '! The parcel arrived today.'],
  (r) => [world(r), ' will collect the order on Friday.'],
  (r) => ['The invoices for ', last(r), ', ', last(r), ' and ', last(r), ' are attached.'],
  (r) => ['Please change the delivery address, the parcel is for my flatmate.\n\nBest regards,\n', world(r)],
  (r) => ['Ship to ', ['ADDRESS', V.euAddress(r)], ' please, I am there until June.'],
  (r) => ['My address:\n', ['ADDRESS', V.ukAddress(r, true)], '\nThanks'],
  (r) => ['Deliver to ', ['ADDRESS', V.ukAddress(r, false)], ', ring the bell twice.'],
  (r) => ['Send it to ', ['ADDRESS', V.usAddress(r, chance(r, 0.5))], ' if possible.'],
  (r) => ['Call me on ', ['PHONE', V.intlPhone(r)], ' if the courier cannot find the door.'],
  (r) => ['You can reach ', world(r), ' at ', ['PHONE', V.intlPhone(r)], '.'],
  (r) => ['Card ', ['CARD', V.smallCard(r)], ' keeps getting declined at checkout.'],
  (r) => ['Hi ', first(r), ', is the ', neg(r, P.PRODUCTS_EN), ' back in stock?'],
];

export const VI_NEGATIVE: Template[] = [
  (r) => ['Mã đơn ', orderVi(r), ' của em giao chưa shop?'],
  (r) => ['Đơn hàng ', orderVi(r), ' tổng ', price(r), ', đã thanh toán'],
  (r) => ['Mã vận đơn ', tracking(r), ' bên ', pick(r, ['GHN', 'GHTK', 'J&T', 'Viettel Post', 'SPX', 'VNPost']), ' báo giao ngày ', date(r)],
  (r) => ['Áo này giá ', price(r), ' còn size M không shop, em lấy ', qty(r)],
  (r) => ['Nhập mã ', voucher(r), ' giảm ', price(r), ' cho đơn từ ', price(r)],
  (r) => ['MST công ty: ', mst(r), ', xuất hóa đơn VAT giúp em'],
  (r) => ['App lỗi ở phiên bản ', version(r), ' shop ơi'],
  (r) => ['Giao ngày ', date(r), ' được không shop, em lấy ', qty(r), ' ', neg(r, P.PRODUCTS_VI)],
  (r) => [neg(r, P.PRODUCTS_VI), ' ', sku(r), ' giá ', price(r), ', freeship đơn trên ', price(r)],
  (r) => ['Shop có ', neg(r, ['kem trị mụn', 'sữa cho người tiểu đường', 'máy đo huyết áp', 'thuốc bổ cho bà bầu', 'sách về đạo Phật', 'khóa vân tay']), ' không ạ? giá ', price(r)],
  (r) => ['Mã giao dịch ', ['NEG', digits(r, 12)], ' số tiền ', price(r)],
  (r) => ['Mã đơn ', ['NEG', digits(r, 16)], ' em thanh toán rồi'],
  (r) => ['Hôm nay ', date(r), ' shop sale 50%, áo ', price(r), ', quần ', price(r)],
  (r) => ['Em muốn đổi ', neg(r, P.PRODUCTS_VI), ' sang màu đen, size ', pick(r, ['S', 'M', 'L', '38', '39', '40'])],
  (r) => ['Hàng về ', qty(r), ', còn ', int(r, 2, 50).toString(), ' sp, giao từ ', date(r), ' đến ', date(r)],
  (r) => ['Đơn ', orderVi(r), ' bị hủy, hoàn ', price(r), ' về ví trong ', String(int(r, 3, 7)), '-', String(int(r, 7, 14)), ' ngày'],
  (r) => ['Shop ơi tracking ', tracking(r), ' đứng im 3 ngày rồi'],
  (r) => ['Hotline shop ', ['NEG', `1900 ${digits(r, 4)}`], ' không ai nghe máy'],
  (_r) => ['Cảm ơn shop, hàng đẹp lắm ạ 😍'],
  (_r) => ['Chị ơi còn hàng không ạ'],
];

export const EN_NEGATIVE: Template[] = [
  (r) => ['Where is my order #', ['NEG', digits(r, int(r, 6, 10))], '? It said delivery by ', date(r)],
  (r) => ['Tracking number ', tracking(r), ' has not moved since Monday'],
  (r) => ['The ', neg(r, P.PRODUCTS_EN), ' costs ', usd(r), ', can I use code ', voucher(r), '?'],
  (r) => ['I want ', String(int(r, 2, 9)), ' units of SKU ', sku(r), ' please'],
  (r) => ['The app crashes on version ', version(r), ' after the update'],
  (r) => ['Order ', ['NEG', digits(r, 16)], ' was charged twice'],
  (r) => ['Invoice INV-', digits(r, 6), ' total ', usd(r), ', tax ID ', digits(r, 2), '-', digits(r, 7)],
  (r) => ['Do you sell ', neg(r, ['sugar-free snacks for diabetics', 'pregnancy pillows', 'a fingerprint lock', 'books about Buddhism', 'acne cream']), '? How much?'],
  (r) => ['Reference ', ['NEG', digits(r, 10)], ' for the refund of ', usd(r)],
  (r) => ['Can it arrive before ', date(r), '? Need ', String(int(r, 2, 6)), ' of them'],
  (_r) => ['Thanks, great service!'],
  (r) => ['Model ', pick(r, ['XR-', 'A', 'SM-']), digits(r, 4), ' or ', digits(r, 4), ' which is better?'],
];
