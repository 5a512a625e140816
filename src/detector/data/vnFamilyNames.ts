// Vietnamese family names, most common first.
// Source: compiled from the Wikipedia "List of common Vietnamese surnames" article and the
// family-name frequencies it cites (Lê Trung Hoa, "Họ và tên người Việt Nam", 2005).
export const VN_FAMILY_NAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
  'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Đinh', 'Lâm', 'Phùng', 'Mai',
  'Tô', 'Trương', 'Hà', 'Lưu', 'Cao', 'Chu', 'Châu', 'Lương', 'Tạ', 'Quách', 'Thái', 'Tăng',
  'Lại', 'Khúc', 'Kiều', 'Mạc', 'Lục', 'Hứa', 'Triệu', 'Tôn', 'Thân', 'Từ', 'Diệp',
  'Đàm', 'Âu', 'Nghiêm', 'Nông', 'Lò', 'La', 'Tống', 'Quan', 'Phương', 'Viên', 'Khổng', 'Ông',
  'Kim', 'Giang', 'Thạch', 'Mạnh', 'Bạch', 'Bế', 'Cù', 'Doãn', 'Đồng', 'Hàn', 'Hầu', 'Hồng',
  'Kha', 'Khương', 'Khuất', 'Lạc', 'Lã', 'Lữ', 'Mã', 'Mẫn', 'Ninh', 'Phí', 'Quản',
  'Sầm', 'Tiêu', 'Tiết', 'Trà', 'Trang', 'Trình', 'Ưng', 'Vi', 'Vĩnh', 'Yên', 'Âu Dương',
  'Cấn', 'Chung', 'Chử', 'Giáp', 'Hùng', 'Khổng', 'Lỗ', 'Mông',
  'Nhan', 'Tòng', 'Trác', 'Vưu', 'Thiều', 'Tất', 'Dư',
  'Đậu', 'Đới', 'Bành', 'Cầm', 'Diêm', 'Hình', 'Kiều', 'Lều', 'Phù', 'Quang', 'Thiệu', 'Trầm',
  'Nguyên', 'Luong', 'Huynh', 'Vo', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo', 'Duong', 'Ly',
];
