// Value pools for the development-corpus generator. Names, banks and sensitive topics share
// no value with the detector's lists or the name model's training half, so the corpus
// measures generalisation rather than lookup. Provinces, districts and cities are a closed
// official list the detector must know whole; they are the one shared pool.
import { europeanCities, europeanStreets, firstNames, lastNames } from './namePools.ts';

// Person-name parts: none of these is in src/detector/data (test/detector/separation.test.ts
// checks it). Vietnamese family names here were moved out of the detector's list; middle and
// given syllables are real name syllables the detector's list lacks.
export const VN_FAMILY = ['Lục', 'Hứa', 'Đàm', 'Âu', 'Nghiêm', 'Nông', 'Tống', 'Viên', 'Ông', 'Bạch', 'Cù', 'Doãn', 'Hầu', 'Khương', 'Lạc', 'Mã', 'Tiết', 'Ưng', 'Cấn', 'Chử', 'Tòng', 'Trác', 'Vưu', 'Đậu', 'Đới', 'Lều', 'Trầm'];
export const VN_MIDDLE_M = ['Khắc', 'Đắc', 'Viết', 'Giai', 'Huân', 'Kế', 'Thạc', 'Duệ', 'Chiêu', 'Cửu', 'Khâm', 'Trạch'];
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

export const SENSITIVE_VI = [
  'em bị tiểu đường', 'mình đang mang thai 5 tháng', 'tôi bị cao huyết áp', 'em đang điều trị ung thư vú', 'mẹ em bị suy thận',
  'tôi theo đạo Công giáo', 'em theo đạo Phật', 'mình là người dân tộc Tày', 'tôi là đảng viên', 'em là gay',
  'mình là người đồng tính', 'anh có tiền án', 'chồng em vừa ra tù', 'tôi là đoàn viên công đoàn', 'em bị trầm cảm',
  'con em bị tự kỷ', 'tôi bị viêm gan B', 'em có bầu 3 tháng', 'mình bị hen suyễn', 'tôi nhiễm HIV', 'em là người Khmer',
  'bố em bị tai biến', 'tôi đang chạy thận', 'em bị động kinh', 'kết quả xét nghiệm ADN của tôi',
];
export const SENSITIVE_EN = [
  'I have type 2 diabetes', "I'm pregnant", 'I was diagnosed with breast cancer', 'my husband is on dialysis', "I'm HIV positive",
  "I'm a practicing Muslim", "I'm Catholic", 'I am gay', "I'm bisexual", 'my wife has epilepsy', 'I have a criminal record',
  'I served time in prison', "I'm a union member", 'I suffer from depression', 'my son has autism', "I'm a registered Democrat",
  'I have asthma', 'my DNA test results', 'I have celiac disease', "I'm transgender", 'I have high blood pressure', "I'm Jewish",
];
