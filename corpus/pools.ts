// Value pools for the development-corpus generator. Names, places, banks and sensitive topics
// share no value with the detector's lists (src/detector/data) or the name model's training
// half, so the corpus measures generalisation rather than lookup. Province-level names are
// the one exempt closed set (see VN_PROVINCES).
import { englishStreets, europeanCities, europeanStreets, firstNames, lastNames, usCities, usStates } from './namePools.ts';

// Person-name parts: none of these is in src/detector/data (test/detector/separation.test.ts
// checks it). Vietnamese family names here were moved out of the detector's list; middle and
// given syllables are real name syllables the detector's list lacks.
export const VN_FAMILY = ['Hứa', 'Âu', 'Nghiêm', 'Nông', 'Tống', 'Ông', 'Bạch', 'Cù', 'Lạc', 'Tiết', 'Ưng', 'Cấn', 'Tòng', 'Vưu', 'Đậu', 'Đới', 'Lều'];
export const VN_MIDDLE_M = ['Khắc', 'Đắc', 'Giai', 'Huân', 'Kế', 'Thạc', 'Duệ', 'Chiêu', 'Cửu', 'Khâm', 'Trạch'];
export const VN_MIDDLE_F = ['Khuê', 'Bội', 'Cát', 'Nguyệt', 'Thơm', 'Biếc', 'Sen', 'Miên', 'Hỷ', 'Lăng'];
export const VN_GIVEN_M = ['Chấn', 'Cung', 'Giác', 'Hách', 'Hàm', 'Hiệt', 'Huấn', 'Khảm', 'Khiển', 'Khuyến', 'Lịch', 'Liêm', 'Lũy', 'Nại', 'Nhuận', 'Phiên', 'Quất', 'Sở', 'Tạc', 'Thiệp', 'Thìn', 'Thuyên', 'Tích', 'Toại', 'Tước', 'Ước', 'Vọng', 'Kiêm', 'Mộc', 'Xương', 'Chiêm', 'Bửu', 'Hoành', 'Khoái', 'Triển', 'Khoan', 'Nhơn', 'Thới'];
export const VN_GIVEN_F = ['Ái', 'Bảy', 'Chúc', 'Dạ', 'Đoái', 'Hạc', 'Khuyên', 'Luyến', 'Mẫu', 'Mịch', 'Nghiên', 'Ngưng', 'Niệm', 'Phố', 'Thược', 'Tỵ', 'Di', 'Hy', 'Lung', 'Nhiêu', 'Phiêu', 'Na', 'Nụ', 'Rạng', 'Sáo', 'Vàng'];
// English-chat names: the `dev` half of many-origin first and last names (see namePools.ts).
export const EN_FIRST = firstNames('dev');
export const EN_LAST = lastNames('dev');

// Places. Streets, wards, districts, towns and foreign streets and cities are real names
// none of the detector's lists holds, so an address is found by its shape (house number,
// đường/phố, phường/xã, quận/huyện, street types, postcodes), not by lookup. Province-level
// names are the one closed set both sides know; see VN_PROVINCES below.
export const VN_STREETS = [
  'Nguyễn Trãi', 'Lý Thường Kiệt', 'Cách Mạng Tháng Tám', 'Nguyễn Văn Cừ', 'Lê Văn Sỹ', 'Phan Xích Long', 'Trần Duy Hưng', 'Xuân Thủy',
  'Láng Hạ', 'Hoàng Diệu', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần', 'Bạch Đằng', 'Hùng Vương', 'Nguyễn Văn Linh', 'Phạm Văn Đồng',
  'Tô Hiến Thành', 'Nguyễn Chí Thanh', 'Hoàng Quốc Việt', 'Lạc Long Quân', 'Âu Cơ', 'Phan Đình Phùng', 'Trường Chinh', 'Cộng Hòa',
  'Lê Duẩn', 'Nguyễn Hữu Thọ', 'Huỳnh Tấn Phát', 'Trần Phú', 'Lê Thánh Tông', 'Nguyễn Đình Chiểu', 'Pasteur', 'Nam Kỳ Khởi Nghĩa',
  'Võ Thị Sáu', 'Phạm Ngũ Lão', 'Đề Thám', 'Nguyễn Công Trứ', 'Hàm Nghi', 'Tôn Đức Thắng', 'Đinh Tiên Hoàng', 'Bà Huyện Thanh Quan',
  'Lê Quang Định', 'Nơ Trang Long', 'Phan Đăng Lưu', 'Hoàng Hoa Thám', 'Nguyễn Oanh', 'Lũy Bán Bích', 'Tân Kỳ Tân Quý', 'Hàng Bài',
  'Tràng Thi', 'Bà Triệu', 'Giải Phóng', 'Tôn Thất Tùng', 'Chùa Bộc', 'Thái Hà', 'Nguyễn Lương Bằng', 'Đội Cấn', 'Văn Cao', 'Liễu Giai',
  'Phạm Hùng', 'Hồ Tùng Mậu', 'Cầu Diễn', 'Minh Khai', 'Tam Trinh', 'Võ Nguyên Giáp', 'Ông Ích Khiêm', 'Nguyễn Văn Thoại', '3 Tháng 2',
];
export const VN_WARDS = [
  'Bến Nghé', 'Bến Thành', 'Đa Kao', 'Tân Định', 'Phường 2', 'Phường 12', 'Phường 7', 'Dịch Vọng', 'Láng Thượng', 'Trung Hòa',
  'Nghĩa Đô', 'Phúc Xá', 'Hòa Cường Bắc', 'An Hải Bắc', 'Thạch Thang', 'Tân Phong', 'Bình Trị Đông', 'Linh Trung', 'Thảo Điền',
  'Mỹ Đình 1', 'Văn Quán', 'Kim Liên', 'Ô Chợ Dừa', 'Bàn Cờ', 'Cầu Ông Lãnh', 'Chợ Quán', 'An Đông', 'Chợ Lớn', 'Phú Lâm',
  'Gia Định', 'Thạnh Mỹ Tây', 'Hạnh Thông', 'Cửa Nam', 'Ngọc Hà', 'Giảng Võ', 'Vĩnh Tuy', 'Tương Mai', 'Định Công', 'Yên Sở',
  'Khương Đình', 'Phương Liệt', 'Yên Hòa', 'Phú Thượng', 'Xuân Đỉnh', 'Đông Ngạc', 'Tây Tựu', 'Phú Diễn', 'Tây Mỗ', 'Đại Mỗ', 'Bồ Đề',
  'Việt Hưng', 'Phúc Lợi', 'Dương Nội', 'Yên Nghĩa', 'Kiến Hưng',
];
export const VN_DISTRICTS = [
  'Quận 1', 'Quận 3', 'Quận 4', 'Quận 5', 'Quận 6', 'Quận 7', 'Quận 8', 'Quận 10', 'Quận 11', 'Quận 12', 'Thanh Oai', 'Phúc Thọ',
  'Yên Phong', 'Quế Võ', 'Thuận Thành', 'Văn Lâm', 'Kim Động', 'Gia Lộc', 'Cẩm Giàng', 'Vĩnh Bảo', 'Tiên Lãng', 'Kiến Thụy',
  'Hải Hậu', 'Giao Thủy', 'Ý Yên', 'Kim Sơn', 'Nho Quan', 'Hoằng Hóa', 'Quảng Xương', 'Diễn Châu', 'Quỳnh Lưu', 'Đô Lương',
  'Hương Khê', 'Lệ Thủy', 'Bố Trạch', 'Hải Lăng', 'Duy Xuyên', 'Thăng Bình', 'Núi Thành', 'Bình Sơn', 'Đức Phổ', 'Phù Cát',
  'Tuy Phước', 'Diên Khánh', 'Hàm Thuận Bắc', 'Đức Trọng', 'Di Linh', 'Krông Pắc', 'Ea Kar', 'Chư Sê', 'Bàu Bàng', 'Dầu Tiếng',
  'Gò Dầu', 'Xuân Lộc', 'Định Quán', 'Vĩnh Cửu', 'Long Thành', 'Cẩm Mỹ', 'Xuyên Mộc', 'Long Điền', 'Cần Đước', 'Thủ Thừa', 'Chợ Gạo',
  'Cái Bè', 'Giồng Trôm', 'Ba Tri', 'Trà Ôn', 'Cầu Kè', 'Tiểu Cần', 'Lai Vung', 'Chợ Mới', 'Thoại Sơn', 'Năm Căn', 'Đầm Dơi',
];
// Towns and provincial cities (written "TP. …", "TX. …", "thị xã …") that the detector does not list.
export const VN_TOWNS = [
  'Sông Công', 'Phổ Yên', 'Chí Linh', 'Kinh Môn', 'Đông Triều', 'Quảng Yên', 'Phúc Yên', 'Bỉm Sơn', 'Thái Hòa', 'Hồng Lĩnh',
  'Ba Đồn', 'Hương Thủy', 'An Nhơn', 'Hoài Nhơn', 'Ninh Hòa', 'Buôn Hồ', 'Gia Nghĩa', 'An Khê', 'Đồng Xoài', 'Bình Long',
  'Phước Long', 'Tân Uyên', 'Trảng Bàng', 'Gò Công', 'Cai Lậy', 'Kiến Tường', 'Hồng Ngự', 'Long Mỹ', 'Ngã Năm', 'Vĩnh Châu', 'Duyên Hải',
];
// Province-level units (63 before 1 July 2025, 34 since) as people write them. A closed official
// set: the detector knows it whole, so this pool is exempt from the split (the only exemption;
// test/detector/separation.test.ts) and the generator often leaves it out or ends an address
// at a town instead, so addresses are found without it.
export const VN_PROVINCES = [
  'TP.HCM', 'TP. Hồ Chí Minh', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'TPHCM', 'Sài Gòn', 'HN', 'Huế', 'Long An', 'Bình Dương',
  'Đồng Nai', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Bắc Ninh', 'Lâm Đồng', 'Khánh Hòa', 'An Giang', 'Tiền Giang', 'Thái Bình',
  'Nam Định', 'Gia Lai', 'Đắk Lắk', 'Quảng Nam', 'Bến Tre', 'Phú Thọ',
];
export const VN_PROVINCES_EN = ['Ho Chi Minh City', 'HCMC', 'Hanoi', 'Da Nang'];
export const VN_RURAL = ['xã Phước Lợi', 'xã Đông Hưng', 'thị trấn Cần Giuộc', 'xã An Nhơn Tây', 'xã Vĩnh Thạnh', 'xã Long Hậu', 'xã Tân Thông Hội', 'thị trấn Xuân Mai', 'xã Mỹ Hạnh Nam'];
export const VN_HAMLETS = ['Đoài', 'Ngoại', 'Giữa', 'Bãi', 'Cả'];

// English streets and cities: the dev half of faker's US and UK lists, minus listed values.
export const EN_STREETS = englishStreets('dev', 'en');
export const UK_STREETS = englishStreets('dev', 'en_GB');
export const US_CITIES = usCities('dev');
export const US_STATES = usStates();
export const UK_CITIES = ['London', 'Manchester', 'Leeds', 'Bristol', 'Edinburgh', 'Glasgow', 'Cardiff', 'Sheffield', 'Norwich', 'Brighton', 'Leicester'];
export const UK_AREAS = ['NW1', 'SW1A', 'EC2R', 'M1', 'B33', 'LS6', 'EH8', 'CF10', 'G2', 'BS1', 'N16', 'E14'];

export const BANKS_VN = ['Indovina', 'IVB', 'VRB', 'Hong Leong', 'CIMB', 'KEB Hana', 'Mizuho', 'MUFG', 'SMBC', 'ANZ', 'Kookmin', 'BNP Paribas', 'Co-opBank', 'VBSP'];
export const BANKS_EN = ['Westpac', 'Commonwealth Bank', 'ING', 'Rabobank', 'Nationwide', 'Halifax', 'Ally Bank', 'Truist', 'Citizens Bank', 'Nordea', 'Danske Bank', 'Deutsche Bank'];
export const EU_STREETS = europeanStreets('dev');
export const EU_CITIES = europeanCities('dev');
export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'fpt.com.vn', 'company.vn', 'proton.me'];

export const PRODUCTS_VI = ['áo thun', 'quần jean', 'váy hoa', 'son kem', 'kem chống nắng', 'serum vitamin C', 'giày sneaker', 'tai nghe bluetooth', 'ốp lưng', 'sạc dự phòng', 'nồi chiên không dầu', 'bình giữ nhiệt', 'kem trị mụn', 'sữa rửa mặt', 'túi xách', 'đồng hồ', 'máy sấy tóc', 'balo', 'dép', 'nước hoa hồng'];
export const PRODUCTS_EN = ['t-shirt', 'hoodie', 'phone case', 'charger', 'sneakers', 'face serum', 'sunscreen', 'water bottle', 'backpack', 'wireless earbuds', 'desk lamp', 'yoga mat', 'coffee grinder', 'air fryer', 'notebook'];

// Sensitive disclosures: a frame plus a condition or medicine none of the detector's lists
// holds (the detector must read the frame and the shape of the name). Identity categories
// (religions, the 54 ethnic groups) are closed lists the detector knows whole.
export const SENSITIVE_VI_FRAMES = ['em bị', 'mình bị', 'tôi đang điều trị', 'mẹ em bị', 'con tôi mắc', 'bố em bị', 'chồng em bị', 'vợ tôi mắc', 'em đang chữa'];
export const SENSITIVE_VI_TOPICS = [
  'bệnh Basedow', 'bệnh Wilson', 'hội chứng Marfan', 'hội chứng Tourette', 'rối loạn lipid máu', 'viêm bàng quang', 'viêm tai giữa',
  'viêm đại tràng co thắt', 'suy tủy xương', 'viêm thanh quản', 'u tủy thượng thận', 'thoái hóa đốt sống cổ', 'nhiễm nấm phổi',
  'xơ vữa động mạch', 'sỏi túi mật', 'dị tật tim', 'bệnh Addison', 'bệnh nhược cơ', 'viêm da tiếp xúc', 'bệnh Kawasaki',
];
export const SENSITIVE_EN_FRAMES = ['I have', 'I was diagnosed with', 'my son has', 'my wife suffers from', "I'm being treated for", 'my dad has', 'my daughter has'];
export const SENSITIVE_EN_TOPICS = [
  'sarcoidosis', 'ulcerative proctitis', 'Kawasaki disease', 'Marfan syndrome', "Wilson's disease", 'polymyositis', 'glomerulonephritis',
  'myasthenia gravis', 'pericarditis', 'endocarditis', 'a sarcoma', 'mesothelioma', 'neuroblastoma', 'osteomyelitis', 'amyloidosis',
  'hemochromatosis', "Behcet's disease", 'Guillain-Barre syndrome',
];
export const SENSITIVE_EN_MEDICINES = ['I take valsartan', "I'm on pantoprazole", 'I take ramipril', "I'm taking propranolol", "I'm on adalimumab", 'my husband takes entecavir'];
