import { describe, expect, it } from 'vitest';
import { found } from './helpers.ts';

describe('person names', () => {
  it('finds Vietnamese full names with and without diacritics, and in capitals', () => {
    expect(found('Người nhận: Trần Thị Thu Hà, giao giờ hành chính', 'PERSON')).toEqual(['Trần Thị Thu Hà']);
    expect(found('ten nguoi nhan pham minh tuan nhe', 'PERSON')).toEqual(['pham minh tuan']);
    expect(found('chủ tk NGUYEN VAN BINH', 'PERSON')).toEqual(['NGUYEN VAN BINH']);
    expect(found('Chị Lan ơi còn hàng không', 'PERSON')).toEqual(['Lan']);
  });

  it('finds English names after cues or from a first-name list', () => {
    expect(found("Hi! I'm Sarah Connor, my order is late", 'PERSON', 'en')).toEqual(['Sarah Connor']);
    expect(found('Please call Mrs. Johnson tomorrow', 'PERSON', 'en')).toEqual(['Johnson']);
    expect(found('Can you send it to James Wilson instead?', 'PERSON', 'en')).toEqual(['James Wilson']);
  });

  it('does not read streets, places or products as names', () => {
    expect(found('Giao về 12 Nguyễn Trãi, Quận 5', 'PERSON')).toEqual([]);
    expect(found('Shop ở Hà Nội hay Hồ Chí Minh vậy, nước hoa hồng còn không', 'PERSON')).toEqual([]);
    expect(found('Can I get 3 of the blue ones? Do you ship?', 'PERSON', 'en')).toEqual([]);
  });
});

describe('addresses', () => {
  it('covers whole Vietnamese addresses with abbreviations', () => {
    const a = '56/7 Nguyễn Đình Chiểu, P.Đa Kao, Q.1, TP.HCM';
    expect(found(`giao về ${a} nhé`, 'ADDRESS')).toEqual([a]);
    const b = 'so 8 ngo 15 duong Lang, Dong Da, Ha Noi';
    expect(found(`dc ${b} nha`, 'ADDRESS')).toEqual([b]);
    const c = 'ấp Tân Hòa, xã Tân Thạnh, huyện Thạnh Phú, Bến Tre';
    expect(found(`Mình sống ở ${c}`, 'ADDRESS')).toEqual([c]);
  });

  it('covers Western addresses with city, state and ZIP', () => {
    const a = '1600 Amphitheatre Parkway, Mountain View, CA 94043';
    expect(found(`Please deliver to ${a}`, 'ADDRESS', 'en')).toEqual([a]);
  });

  it('does not read quantities and prices as addresses', () => {
    expect(found('mua 2 Áo Thun Nam, size L, giá 350k', 'ADDRESS')).toEqual([]);
    expect(found('Price went from 1,299 to 1,499, why?', 'ADDRESS', 'en')).toEqual([]);
  });
});

describe('sensitive disclosures', () => {
  it('finds first-person disclosures in every special category', () => {
    expect(found('Mẹ em bị tiểu đường nên cần sữa không đường', 'SENSITIVE')).toEqual(['Mẹ em bị tiểu đường']);
    expect(found('Mình theo đạo Phật nên ăn chay', 'SENSITIVE')).toEqual(['Mình theo đạo Phật']);
    expect(found('Tôi là đảng viên', 'SENSITIVE')).toEqual(['Tôi là đảng viên']);
    expect(found("I'm gay and looking for a gift", 'SENSITIVE', 'en')).toEqual(["I'm gay"]);
    expect(found('I have a criminal record, can I open an account?', 'SENSITIVE', 'en')).toEqual(['I have a criminal record']);
  });

  it('does not fire on products or general questions', () => {
    expect(found('Kem trị mụn này dùng cho da dầu được không', 'SENSITIVE')).toEqual([]);
    expect(found('Shop có bán sữa cho người tiểu đường không?', 'SENSITIVE')).toEqual([]);
    expect(found('Is this cream safe during pregnancy?', 'SENSITIVE', 'en')).toEqual([]);
    expect(found('hàng bị gãy rồi shop ơi, khóa vân tay không nhận', 'SENSITIVE')).toEqual([]);
  });
});
