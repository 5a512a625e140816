// Value pools for the development-corpus generator. Names, banks and sensitive topics share
// no value with the detector's lists or the name model's training half, so the corpus
// measures generalisation rather than lookup. Provinces, districts and cities are a closed
// official list the detector must know whole; they are the one shared pool.
import { europeanCities, europeanStreets, firstNames, lastNames } from './namePools.ts';

// Person-name parts: none of these is in src/detector/data (test/detector/separation.test.ts
// checks it). Vietnamese family names here were moved out of the detector's list; middle and
// given syllables are real name syllables the detector's list lacks.
export const VN_FAMILY = ['Hứa', 'Âu', 'Nghiêm', 'Nông', 'Tống', 'Ông', 'Bạch', 'Cù', 'Lạc', 'Mã', 'Tiết', 'Ưng', 'Cấn', 'Tòng', 'Vưu', 'Đậu', 'Đới', 'Lều'];
export const VN_MIDDLE_M = ['Khắc', 'Đắc', 'Giai', 'Huân', 'Kế', 'Thạc', 'Duệ', 'Chiêu', 'Cửu', 'Khâm', 'Trạch'];
export const VN_MIDDLE_F = ['Khuê', 'Bội', 'Cát', 'Nguyệt', 'Thơm', 'Biếc', 'Sen', 'Miên', 'Hỷ', 'Lăng'];
export const VN_GIVEN_M = ['Chấn', 'Cung', 'Giác', 'Hách', 'Hàm', 'Hiệt', 'Huấn', 'Khảm', 'Khiển', 'Khuyến', 'Lịch', 'Liêm', 'Lũy', 'Nại', 'Nhiệm', 'Nhuận', 'Phiên', 'Quất', 'Sở', 'Tạc', 'Thiệp', 'Thìn', 'Thuyên', 'Tích', 'Toại', 'Tước', 'Ước', 'Vọng', 'Kiêm', 'Mộc', 'Xương', 'Chiêm', 'Bửu', 'Hoành', 'Khoái', 'Triển', 'Khoan', 'Nhơn', 'Thới'];
export const VN_GIVEN_F = ['Ái', 'Bảy', 'Chúc', 'Dạ', 'Đoái', 'Hạc', 'Khuyên', 'Luyến', 'Mẫu', 'Mịch', 'Nghiên', 'Ngưng', 'Niệm', 'Phố', 'Thược', 'Tỵ', 'Di', 'Hy', 'Lung', 'Nhiêu', 'Phiêu', 'Na', 'Nụ', 'Rạng', 'Sáo', 'Vàng'];
// English-chat names: the `dev` half of many-origin first and last names (see namePools.ts).
export const EN_FIRST = firstNames('dev');
export const EN_LAST = lastNames('dev');

export const VN_STREETS = ['Nguyễn Trãi', 'Lê Lợi', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ', 'Cách Mạng Tháng Tám', 'Nguyễn Văn Cừ', 'Lê Văn Sỹ', 'Phan Xích Long', 'Trần Duy Hưng', 'Xuân Thủy', 'Láng Hạ', 'Kim Mã', 'Hoàng Diệu', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần', 'Bạch Đằng', 'Hùng Vương', 'Quang Trung', 'Nguyễn Văn Linh', 'Phạm Văn Đồng', 'Tô Hiến Thành', 'Nguyễn Chí Thanh', 'Hoàng Quốc Việt', 'Lạc Long Quân', 'Âu Cơ', 'Phan Đình Phùng', 'Trường Chinh', 'Cộng Hòa', 'Lê Duẩn', 'Nguyễn Hữu Thọ', 'Huỳnh Tấn Phát', 'Trần Phú', 'Ngô Quyền', 'Lê Thánh Tông'];
export const VN_WARDS = ['Bến Nghé', 'Bến Thành', 'Đa Kao', 'Tân Định', 'Phường 2', 'Phường 12', 'Phường 7', 'Dịch Vọng', 'Láng Thượng', 'Trung Hòa', 'Nghĩa Đô', 'Phúc Xá', 'Hòa Cường Bắc', 'An Hải Bắc', 'Thạch Thang', 'Tân Phong', 'Bình Trị Đông', 'Linh Trung', 'Hiệp Bình Chánh', 'Thảo Điền', 'Mỹ Đình 1', 'Văn Quán', 'Kim Liên', 'Ô Chợ Dừa'];
export const VN_DISTRICTS = ['Quận 1', 'Quận 3', 'Quận 5', 'Quận 7', 'Quận 10', 'Bình Thạnh', 'Gò Vấp', 'Phú Nhuận', 'Tân Bình', 'Thủ Đức', 'Cầu Giấy', 'Đống Đa', 'Ba Đình', 'Hoàn Kiếm', 'Thanh Xuân', 'Hà Đông', 'Nam Từ Liêm', 'Hải Châu', 'Sơn Trà', 'Ninh Kiều', 'Bình Tân', 'Long Biên'];
export const VN_CITIES = ['TP.HCM', 'TP. Hồ Chí Minh', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'TPHCM', 'Sài Gòn', 'HN', 'Huế', 'Nha Trang'];
export const VN_PROVINCES = ['Long An', 'Bình Dương', 'Đồng Nai', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Bắc Ninh', 'Lâm Đồng', 'Khánh Hòa', 'An Giang', 'Tiền Giang', 'Thái Bình', 'Nam Định', 'Gia Lai', 'Đắk Lắk', 'Quảng Nam', 'Bến Tre', 'Phú Thọ'];
export const VN_RURAL = ['xã Tân Phú', 'xã Phước Lợi', 'xã Hòa Bình', 'xã Đông Hưng', 'thị trấn Đức Hòa', 'xã An Nhơn', 'xã Vĩnh Thạnh'];
export const VN_RURAL_DISTRICTS = ['huyện Đức Hòa', 'huyện Cần Giuộc', 'huyện Nghi Lộc', 'huyện Thủy Nguyên', 'huyện Củ Chi', 'huyện Ba Vì', 'thị xã Bến Cát', 'huyện Tiên Du', 'huyện Châu Thành'];

export const EN_STREETS = ['Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Pine', 'Sunset', 'Highland', 'King', 'Queen', 'Church', 'Mill', 'Victoria', 'Station', 'Baker', 'Market'];
export const EN_SUFFIX = ['St', 'Street', 'Ave', 'Avenue', 'Rd', 'Road', 'Blvd', 'Lane', 'Dr', 'Drive', 'Way', 'Court'];
export const EN_CITIES: Array<[string, string, string]> = [
  ['Springfield', 'IL', '62704'], ['Austin', 'TX', '78701'], ['Portland', 'OR', '97205'], ['Denver', 'CO', '80202'],
  ['Seattle', 'WA', '98101'], ['Boston', 'MA', '02108'], ['San Jose', 'CA', '95112'], ['Columbus', 'OH', '43215'],
  ['Miami', 'FL', '33130'], ['Madison', 'WI', '53703'],
];
export const UK_CITIES = ['London', 'Manchester', 'Leeds', 'Bristol', 'Edinburgh'];

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
