// Banks whose names appear next to account numbers in Vietnamese and English chats.
// Source: compiled from the State Bank of Vietnam list of credit institutions (short trading
// names as printed on cards and in banking apps) and the largest US/UK/international banks.
export const BANK_NAMES: readonly string[] = [
  'Vietcombank', 'VCB', 'Ngân hàng Ngoại thương', 'Techcombank', 'TCB', 'MB', 'MBBank',
  'MB Bank', 'Quân đội', 'ACB', 'Á Châu', 'BIDV', 'VietinBank', 'Vietin', 'VTB', 'CTG',
  'Agribank', 'Agri', 'TPBank', 'TP Bank', 'Tiên Phong', 'VPBank', 'VP Bank', 'Sacombank',
  'STB', 'SHB', 'HDBank', 'HD Bank', 'VIB', 'OCB', 'Phương Đông', 'SeABank', 'MSB',
  'Maritime Bank', 'Hàng Hải', 'Eximbank', 'EIB', 'LienVietPostBank', 'LPBank', 'LPB',
  'Lộc Phát', 'Nam A Bank', 'NamABank', 'Nam Á', 'ABBank', 'An Bình', 'Bac A Bank',
  'BacABank', 'Bắc Á', 'PVcomBank', 'BaoVietBank', 'Kienlongbank', 'KienLong', 'VietABank',
  'Việt Á', 'NCB', 'Quốc Dân', 'Saigonbank', 'SCB', 'DongA Bank', 'Đông Á', 'GPBank',
  'OceanBank', 'CBBank', 'Shinhan', 'Shinhan Bank', 'HSBC', 'Citibank', 'Standard Chartered',
  'UOB', 'Woori', 'Public Bank', 'Cake', 'Timo', 'TNEX', 'Ubank', 'VietBank', 'BVBank',
  'Bản Việt', 'PGBank', 'Vikki', 'Chase', 'Wells Fargo', 'Bank of America', 'BoA', 'Barclays',
  'Lloyds', 'NatWest', 'Santander', 'Revolut', 'Wise', 'Monzo', 'DBS', 'OCBC', 'Maybank',
  'Capital One', 'US Bank', 'PNC', 'TD Bank', 'Citi',
];
