// Vietnamese provinces, cities and frequently written districts.
// Source: compiled from the General Statistics Office administrative unit list (63 provinces
// before 2025) and National Assembly Resolution 202/2025/QH15 (34 provincial units from
// 1 July 2025; all but "Huế" keep an old province name), plus common short forms people type.
export const VN_PROVINCES: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bà Rịa Vũng Tàu', 'Vũng Tàu', 'Bà Rịa', 'Bắc Giang', 'Bắc Kạn',
  'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận',
  'Cà Mau', 'Cần Thơ', 'Cao Bằng', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai',
  'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng',
  'Hậu Giang', 'Hòa Bình', 'Hoà Bình', 'Hưng Yên', 'Khánh Hòa', 'Khánh Hoà', 'Kiên Giang',
  'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An',
  'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi',
  'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên',
  'Thanh Hóa', 'Thanh Hoá', 'Thừa Thiên Huế', 'Thừa Thiên - Huế', 'Huế', 'Tiền Giang',
  'TP Hồ Chí Minh', 'Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'Sài Gòn', 'Saigon', 'Hanoi',
  'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái', 'Nha Trang', 'Đà Lạt',
  'Ho Chi Minh City', 'HCM', 'HCMC', 'TPHCM', 'TP.HCM', 'HN', 'Biên Hòa', 'Buôn Ma Thuột',
  'Quy Nhơn', 'Phan Thiết', 'Hạ Long', 'Thủ Dầu Một', 'Rạch Giá', 'Long Xuyên', 'Mỹ Tho',
  'Vinh', 'Pleiku', 'Phú Quốc', 'Hội An', 'Sa Pa', 'Sapa',
];

// Urban districts and towns that appear in addresses without a "quận/huyện" keyword.
export const VN_DISTRICTS: readonly string[] = [
  // Hà Nội
  'Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Cầu Giấy', 'Đống Đa', 'Hai Bà Trưng',
  'Hoàng Mai', 'Thanh Xuân', 'Hà Đông', 'Nam Từ Liêm', 'Bắc Từ Liêm', 'Từ Liêm', 'Sóc Sơn',
  'Đông Anh', 'Gia Lâm', 'Thanh Trì', 'Mê Linh', 'Sơn Tây', 'Ba Vì', 'Chương Mỹ', 'Đan Phượng',
  'Hoài Đức', 'Quốc Oai', 'Thạch Thất', 'Thường Tín', 'Phú Xuyên', 'Ứng Hòa', 'Mỹ Đức',
  // TP. Hồ Chí Minh
  'Bình Thạnh', 'Gò Vấp', 'Phú Nhuận', 'Tân Bình', 'Tân Phú', 'Bình Tân', 'Thủ Đức',
  'Bình Chánh', 'Hóc Môn', 'Củ Chi', 'Nhà Bè', 'Cần Giờ', 'Dĩ An', 'Thuận An', 'Bến Cát',
  // Đà Nẵng, Hải Phòng, Cần Thơ
  'Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Ngũ Hành Sơn', 'Liên Chiểu', 'Cẩm Lệ', 'Hòa Vang',
  'Hồng Bàng', 'Lê Chân', 'Ngô Quyền', 'Kiến An', 'Hải An', 'Đồ Sơn', 'Dương Kinh', 'Thủy Nguyên',
  'Ninh Kiều', 'Bình Thủy', 'Cái Răng', 'Ô Môn', 'Thốt Nốt',
  // other frequently written towns
  'Từ Sơn', 'Cẩm Phả', 'Uông Bí', 'Móng Cái', 'Tam Kỳ', 'Hội An', 'Điện Bàn', 'Tuy Hòa',
  'Cam Ranh', 'Bảo Lộc', 'Long Khánh', 'Nhơn Trạch', 'Trảng Bom', 'Châu Đốc', 'Sa Đéc',
  'Cao Lãnh', 'Tân An', 'Đức Hòa', 'Bến Lức', 'Phủ Lý', 'Tam Điệp', 'Sầm Sơn', 'Cửa Lò',
];

// Multi-word capitalised phrases that look like names but are places or countries.
export const NON_PERSON_PHRASES: readonly string[] = [
  'Hồ Chí Minh', 'Thái Lan', 'Hà Lan', 'Trung Quốc', 'Hàn Quốc', 'Nhật Bản', 'Việt Nam',
  'Hoa Kỳ', 'Đài Loan', 'Hồng Kông', 'Thái Bình', 'Thái Nguyên', 'Hà Nội', 'Hà Nam',
  'Hà Giang', 'Hà Tĩnh', 'Cao Bằng', 'Lâm Đồng', 'Phú Quốc', 'Kim Mã', 'Lý Sơn', 'Quang Trung',
  'Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Bạch Mai', 'Mai Dịch',
  'Hoàng Mai', 'Đông Anh', 'Lê Chân', 'Ngô Quyền', 'Hoàng Sa', 'Trường Sa', 'Đồng Nai',
  'Sơn La', 'Sơn Tây', 'Sơn Trà', 'Giang Nam', 'Hồng Bàng', 'Lương Sơn', 'Văn Miếu',
  'Hoa Hậu', 'Lâm Đồng', 'Hồ Tây', 'Hồ Gươm', 'Quang Minh',
];
