// Shop and product brands whose names read like Vietnamese or English personal names.
// Source: compiled from the best-known Vietnamese retail, food and jewellery brands (names as
// printed on their shops and packaging) and international brands named after people.
export const BRAND_PHRASES: readonly string[] = [
  'Minh Long', 'Phúc Long', 'Bảo Tín', 'Bảo Tín Minh Châu', 'Bảo Tín Mạnh Hải', 'Doji', 'PNJ', 'Kim Thành', 'Ngọc Thẩm', 'Huy Thanh',
  'Trung Nguyên', 'Highlands', 'Cộng Cà Phê', 'Thế Giới Di Động', 'Điện Máy Xanh', 'Bách Hóa Xanh', 'Hoàng Hà', 'Hoàng Hà Mobile',
  'Phong Vũ', 'An Khang', 'Nguyễn Kim', 'Thiên Long', 'Hồng Hà', 'Kinh Đô', 'Bibica', 'Vinamilk', 'Thái Tuấn', 'Việt Tiến', 'Nhà Bè',
  'Sông Hồng', 'Hanh Phuc', 'Hạnh Phúc', 'Hải Hà', 'Tân Hiệp Phát', 'Minh Phúc', 'Lan Chi', 'Hương Lan', 'Bảo Ngọc', 'Kim Cúc',
  'Vạn Thành', 'Đại Nam', 'Tiến Phát', 'Thuận Phát', 'Minh Châu', 'Hưng Thịnh', 'Phú Quý', 'Mai Linh', 'Huy Hoàng', 'Hồng Ngọc',
  'Calvin Klein', 'Tommy Hilfiger', 'Ralph Lauren', 'Michael Kors', 'Kate Spade', 'Hugo Boss', 'Tory Burch', 'Marc Jacobs',
  'Jo Malone', 'Estee Lauder', 'Paula Choice', 'Yves Saint Laurent', 'Christian Dior', 'Jimmy Choo', 'Steve Madden', 'Louis Vuitton',
  'Ted Baker', 'Dr Martens', 'Ben Sherman', 'Fred Perry', 'Vera Wang', 'Anna Sui', 'Tom Ford', 'Paul Smith', 'Stella McCartney',
];
