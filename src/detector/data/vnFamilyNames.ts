// Vietnamese family names, most common first.
// Source: compiled from the Wikipedia "List of common Vietnamese surnames" article and the
// family-name frequencies it cites (Lê Trung Hoa, "Họ và tên người Việt Nam", 2005).
export const VN_FAMILY_NAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
  'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Đinh', 'Lâm', 'Phùng', 'Mai',
  'Tô', 'Trương', 'Hà', 'Lưu', 'Cao', 'Chu', 'Châu', 'Lương', 'Tạ', 'Quách', 'Thái', 'Tăng',
  'Lại', 'Khúc', 'Kiều', 'Mạc', 'Triệu', 'Tôn', 'Thân', 'Từ', 'Diệp',
  'Lò', 'La', 'Lục', 'Đàm', 'Viên', 'Doãn', 'Hầu', 'Khương', 'Chử', 'Trác', 'Trầm', 'Quan', 'Phương', 'Khổng',
  'Kim', 'Giang', 'Thạch', 'Mạnh', 'Bế', 'Đồng', 'Hàn', 'Hồng',
  'Kha', 'Khuất', 'Lã', 'Lữ', 'Mẫn', 'Ninh', 'Phí', 'Quản',
  'Sầm', 'Tiêu', 'Trà', 'Trang', 'Trình', 'Vi', 'Vĩnh', 'Yên', 'Âu Dương',
  'Chung', 'Giáp', 'Hùng', 'Khổng', 'Lỗ', 'Mông',
  'Nhan', 'Thiều', 'Tất', 'Dư',
  'Bành', 'Cầm', 'Diêm', 'Hình', 'Kiều', 'Phù', 'Quang', 'Thiệu',
  'Nguyên', 'Luong', 'Huynh', 'Vo', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo', 'Duong', 'Ly',
];
