// Syllables common as Vietnamese middle and given names.
// Source: compiled from the Wikipedia articles "Vietnamese name" and "List of Vietnamese
// given names", cross-checked against name frequencies in published graduation lists.
export const VN_GIVEN_NAMES: readonly string[] = [
  // middle names
  'Văn', 'Thị', 'Hữu', 'Đức', 'Công', 'Quang', 'Minh', 'Ngọc', 'Thanh', 'Thu', 'Xuân', 'Hồng',
  'Kim', 'Bảo', 'Gia', 'Hoàng', 'Đình', 'Thế', 'Trọng', 'Quốc', 'Nhật', 'Mạnh', 'Tuấn', 'Thành',
  'Việt', 'Khánh', 'Phương', 'Như', 'Diệu', 'Mỹ', 'Ánh', 'Bích', 'Cẩm', 'Hải', 'Thuỳ', 'Thùy',
  'Tường', 'Vĩnh', 'Bá', 'Trung', 'Duy', 'Anh', 'Tiến', 'Chí', 'Huy', 'Phúc', 'Đăng', 'Tấn',
  'Kiều', 'Mai', 'Hoài', 'Lệ', 'Tú', 'Quỳnh', 'Yến', 'Uyên', 'Khả', 'Tâm', 'Thiên', 'An',
  // given names
  'An', 'Anh', 'Ánh', 'Bảo', 'Bình', 'Bích', 'Cúc', 'Chi', 'Chinh', 'Chiến', 'Cường', 'Công',
  'Dung', 'Dũng', 'Duy', 'Dương', 'Duyên', 'Đạt', 'Điệp', 'Định', 'Đông', 'Đức', 'Giang',
  'Hà', 'Hải', 'Hạnh', 'Hào', 'Hằng', 'Hậu', 'Hiền', 'Hiếu', 'Hiệp', 'Hoa', 'Hòa', 'Hoà',
  'Hoài', 'Hoàn', 'Hoàng', 'Hồng', 'Huệ', 'Hùng', 'Hưng', 'Hương', 'Hường', 'Huy', 'Huyền',
  'Khang', 'Khanh', 'Khánh', 'Khoa', 'Khôi', 'Kiên', 'Kiệt', 'Lam', 'Lan', 'Linh', 'Loan',
  'Lộc', 'Long', 'Luân', 'Lực', 'Ly', 'Lý', 'Mai', 'Minh', 'My', 'Mỹ', 'Nam', 'Nga', 'Ngân',
  'Nghĩa', 'Ngọc', 'Nguyên', 'Nhân', 'Nhi', 'Nhung', 'Như', 'Oanh', 'Phát', 'Phong', 'Phú',
  'Phúc', 'Phụng', 'Phương', 'Phượng', 'Quân', 'Quang', 'Quý', 'Quyên', 'Quỳnh', 'Sang',
  'Sơn', 'Tài', 'Tâm', 'Tân', 'Thái', 'Thắng', 'Thanh', 'Thành', 'Thảo', 'Thắm', 'Thi',
  'Thịnh', 'Thoa', 'Thông', 'Thu', 'Thuận', 'Thủy', 'Thuỷ', 'Thư', 'Thương', 'Tiến', 'Tiên',
  'Toàn', 'Trang', 'Trâm', 'Trí', 'Trinh', 'Trung', 'Trường', 'Tú', 'Tuấn', 'Tùng', 'Tuyết',
  'Uyên', 'Vân', 'Vi', 'Việt', 'Vinh', 'Vũ', 'Vy', 'Xuân', 'Yến', 'Hân', 'Hậu', 'Khải',
  'Đan', 'Diễm', 'Diệp', 'Diệu', 'Giao', 'Hạ', 'Hiển', 'Hội', 'Kha', 'Khiêm', 'Lâm', 'Lợi',
  'Lượng', 'Mẫn', 'Nhàn', 'Nhật', 'Ninh', 'Nương', 'Phi', 'Quế', 'Sương', 'Tiền', 'Tín',
  'Triều', 'Trọng', 'Tường', 'Uy', 'Vương', 'Vượng', 'Ý', 'Yên', 'Đào', 'Hảo', 'Hoan',
  'Hợp', 'Kỳ', 'Lài', 'Lụa', 'Mơ', 'Nhạn', 'Nhã', 'Phước', 'Sa', 'Sinh', 'Tấn', 'Thạch',
  'Thiện', 'Thơ', 'Thục', 'Thúy', 'Thuý', 'Tịnh', 'Toản', 'Trà', 'Trân', 'Tuệ', 'Tuyền',
  'Vỹ', 'Hưởng', 'Khương', 'Châu', 'Chung', 'Cảnh', 'Chánh', 'Chính', 'Danh', 'Dân', 'Điền',
  'Đoan', 'Đồng', 'Hạo', 'Hiên', 'Hòe', 'Hữu', 'Kiều', 'Lễ', 'Liên', 'Liễu', 'Lĩnh', 'Lành',
  'Mạnh', 'Mừng', 'Ngà', 'Nghi', 'Ngôn', 'Nhiên', 'Nhu', 'Nhượng', 'Phấn', 'Quyết', 'Sỹ', 'Sĩ',
  'Tạo', 'Thạnh', 'Thế', 'Thiêm', 'Thiều', 'Thọ', 'Thuần', 'Thức', 'Tình', 'Tới', 'Trí', 'Trúc',
  'Tùng', 'Tư', 'Văn', 'Vẹn', 'Viên', 'Vịnh', 'Xuyến', 'Hạnh', 'Đăng', 'Khoa', 'Quyền',
  'Bắc', 'Bằng', 'Biên', 'Cầm', 'Chương', 'Cơ', 'Doanh', 'Dự', 'Đại', 'Đảm', 'Đệ', 'Giàu',
  'Hân', 'Hiệu', 'Hoạt', 'Học', 'Hướng', 'Khải', 'Khiết', 'Lập', 'Lưu', 'Mến', 'Nhạc', 'Nhất',
  'Nhựt', 'Pháp', 'Phụng', 'Quí', 'Sáng', 'Tâm', 'Tiệp', 'Toán', 'Trác', 'Triết', 'Trịnh',
  'Tuân', 'Tuyến', 'Vĩ', 'Vui', 'Xinh', 'Yên', 'Hiếu', 'Thư', 'Hằng', 'Ngát', 'Nhị', 'Tho',
];
