/**
 * Reference lists for the synthetic registry: Vietnamese family, middle and given names with rough frequencies,
 * ethnic groups by region, streets, business sectors (VSIC 2018). Frequencies are approximations of published
 * surname surveys (Nguyễn ≈ 38 %), good enough for realistic demo data — not statistics.
 */
export type Region = 'north' | 'north_mountain' | 'central' | 'highlands' | 'south';
export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

const nfc = <T extends string>(xs: Weighted<T>): Weighted<T> => xs.map(([v, w]) => [v.normalize('NFC') as T, w] as const);
const nfcList = (xs: string[]) => xs.map((x) => x.normalize('NFC'));

/** Family names (họ). Hoàng/Huỳnh and Vũ/Võ are the same names, pronounced and written by region. */
export const FAMILY_NAMES: Weighted<string> = nfc([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5.1], ['Phan', 4.5], ['Vũ', 3.9], ['Đặng', 2.1],
  ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trịnh', 0.6],
  ['Trương', 0.6], ['Mai', 0.5], ['Đào', 0.5], ['Lương', 0.4], ['Cao', 0.4], ['Hà', 0.4], ['Lâm', 0.3], ['Tạ', 0.2],
  ['Chu', 0.2], ['Tô', 0.2], ['Lưu', 0.2], ['Phùng', 0.2], ['Thái', 0.2], ['Châu', 0.2], ['Kiều', 0.1], ['Quách', 0.1],
  ['La', 0.1], ['Tăng', 0.1], ['Văn', 0.1],
]);
/** Southern and south-central spelling of the same family names. */
export const SOUTHERN_SPELLING: Readonly<Record<string, string>> = { Hoàng: 'Huỳnh', Vũ: 'Võ' };

export const MIDDLE_NAMES = {
  male: nfc([['Văn', 30], ['Đức', 8], ['Minh', 10], ['Quang', 6], ['Hữu', 6], ['Công', 4], ['Thành', 5], ['Xuân', 4], ['Mạnh', 3], ['Tuấn', 3], ['Đình', 5], ['Quốc', 5], ['Gia', 4], ['Hoàng', 4], ['Trung', 3], ['Anh', 3], ['Ngọc', 2], ['Thanh', 5], ['Bảo', 3], ['Tiến', 2]]),
  female: nfc([['Thị', 40], ['Ngọc', 8], ['Thu', 6], ['Thanh', 6], ['Thùy', 5], ['Minh', 5], ['Phương', 4], ['Hồng', 4], ['Kim', 4], ['Bảo', 3], ['Khánh', 3], ['Mai', 2], ['Diệu', 2], ['Quỳnh', 2], ['Hải', 2], ['Hoài', 2], ['Mỹ', 2], ['Bích', 2]]),
} as const;
/** Văn and Thị are much rarer among the young. */
export const OLD_STYLE_MIDDLE = new Set(['Văn', 'Thị']);

export const GIVEN_NAMES = {
  male: nfcList(['An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Bảo', 'Khôi', 'Nhật', 'Phát', 'Thiện', 'Trí', 'Hưng', 'Đông']),
  female: nfcList(['Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Nhi', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thơ', 'Thu', 'Thủy', 'Trang', 'Trinh', 'Uyên', 'Vân', 'Vy', 'Yến', 'Hân', 'Tâm', 'Tuyết', 'Xuân', 'Lụa']),
} as const;

/** Ethnic groups (dân tộc) by region, rough shares. */
export const ETHNICITIES: Readonly<Record<Region, Weighted<string>>> = {
  north: nfc([['Kinh', 98.8], ['Hoa', 0.3], ['Tày', 0.3], ['Mường', 0.3], ['Nùng', 0.2], ['Thái', 0.1]]),
  north_mountain: nfc([['Kinh', 42], ['Tày', 15], ['Thái', 12], ['H\'Mông', 12], ['Nùng', 8], ['Dao', 7], ['Mường', 2], ['Giáy', 1], ['Sán Dìu', 1]]),
  central: nfc([['Kinh', 94], ['Thái', 2], ['Mường', 1.5], ['Chăm', 1], ['Ê Đê', 0.5], ['Cơ Tu', 0.5], ['Hrê', 0.5]]),
  highlands: nfc([['Kinh', 68], ['Gia Rai', 10], ['Ê Đê', 8], ['Ba Na', 5], ['Cơ Ho', 4], ['M\'Nông', 3], ['Tày', 1], ['Nùng', 1]]),
  south: nfc([['Kinh', 93], ['Khmer', 4], ['Hoa', 2.4], ['Chăm', 0.6]]),
};

const MOUNTAIN = new Set(['04', '08', '11', '12', '14', '15', '19', '20']);
const HIGHLANDS = new Set(['52', '66', '68']);
/** Region of a province (statistics-office numbering runs north to south). */
export function regionOf(provinceCode: string): Region {
  if (MOUNTAIN.has(provinceCode)) return 'north_mountain';
  if (HIGHLANDS.has(provinceCode)) return 'highlands';
  const n = Number(provinceCode);
  return n < 38 ? 'north' : n < 70 ? 'central' : 'south';
}

/**
 * The 63 province codes before the 2025 merger: the province of birth registration in personal ID numbers of people
 * born before 1 July 2025 (3-digit, with a leading 0).
 */
export const PROVINCE_CODES_BEFORE_2025 = '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96'.split(' ');

export const STREETS = nfcList(['Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lạch Tray', 'Tô Hiệu', 'Điện Biên Phủ', 'Lê Thánh Tông', 'Nguyễn Đức Cảnh', 'Trần Phú', 'Hoàng Văn Thụ', 'Lê Hồng Phong', 'Văn Cao', 'Đà Nẵng', 'Lý Thường Kiệt', 'Nguyễn Văn Linh', 'Phạm Văn Đồng', 'Bạch Đằng', 'Hùng Vương', 'Lê Duẩn', 'Võ Nguyên Giáp', 'Nguyễn Huệ', 'Cầu Đất', 'Minh Khai', 'Chu Văn An', 'Ngô Quyền', 'Lê Chân', 'Trần Nguyên Hãn', 'Hồ Sen']);
export const VILLAGES = nfcList(['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'An Lạc', 'Phú Xuân', 'Tân Lập', 'Hòa Bình', 'Thượng', 'Hạ', 'Cổ Am', 'Vĩnh Phúc', 'Đại Thắng', 'Kim Sơn']);

export interface Sector {
  lines: string[];
  vi: string;
  en: string;
}
/** Business sectors with VSIC 2018 level-4 codes (main line first). */
export const SECTORS: ReadonlyArray<Sector> = [
  { lines: ['4100', '4290', '4330'], vi: 'Xây dựng', en: 'Construction' },
  { lines: ['4659', '4669', '4610'], vi: 'Thương mại', en: 'Trading' },
  { lines: ['4933', '5229'], vi: 'Vận tải', en: 'Transport' },
  { lines: ['5012', '5222', '5229'], vi: 'Vận tải biển', en: 'Shipping' },
  { lines: ['5210', '5224', '5229'], vi: 'Logistics', en: 'Logistics' },
  { lines: ['5510', '5610'], vi: 'Khách sạn', en: 'Hotel' },
  { lines: ['5610', '5630'], vi: 'Nhà hàng', en: 'Restaurant' },
  { lines: ['6201', '6202', '6209'], vi: 'Phần mềm', en: 'Software' },
  { lines: ['7020', '6920'], vi: 'Tư vấn', en: 'Consulting' },
  { lines: ['0321', '0322', '4632'], vi: 'Thủy sản', en: 'Aquaculture' },
  { lines: ['1020', '4632'], vi: 'Chế biến thủy sản', en: 'Seafood Processing' },
  { lines: ['1410', '1430'], vi: 'May mặc', en: 'Garment' },
  { lines: ['2592', '2599', '3312'], vi: 'Cơ khí', en: 'Engineering' },
  { lines: ['3011', '3315'], vi: 'Đóng tàu', en: 'Shipbuilding' },
  { lines: ['4711', '4722'], vi: 'Bán lẻ', en: 'Retail' },
  { lines: ['4520', '4530'], vi: 'Ô tô', en: 'Automotive Services' },
  { lines: ['7911', '7912', '7990'], vi: 'Du lịch', en: 'Travel' },
  { lines: ['8559', '8560'], vi: 'Giáo dục', en: 'Education' },
  { lines: ['6810', '6820'], vi: 'Bất động sản', en: 'Real Estate' },
  { lines: ['1079', '1075'], vi: 'Thực phẩm', en: 'Food' },
  { lines: ['2220', '4669'], vi: 'Nhựa', en: 'Plastics' },
  { lines: ['4662', '2410'], vi: 'Thép', en: 'Steel' },
  { lines: ['4730', '4661'], vi: 'Xăng dầu', en: 'Petroleum' },
];
export const BRANDS = nfcList(['Minh Phát', 'Hoàng Long', 'Thành Công', 'An Phú', 'Hải Âu', 'Sao Mai', 'Phú Thịnh', 'Đại Dương', 'Bạch Đằng', 'Hưng Thịnh', 'Việt Hải', 'Tân Cảng', 'Đông Á', 'Hồng Bàng', 'Cát Bà', 'Đồ Sơn', 'Thủy Nguyên', 'Kiến An', 'Lạch Tray', 'Trường Sơn', 'Ngọc Linh', 'Phương Nam', 'Bình Minh', 'Hòa Phát Đạt', 'Nam Việt', 'Kim Long', 'Thiên Ân', 'Vạn Xuân', 'Rồng Vàng', 'Hải Thành']);

/**
 * First two digits of enterprise codes (= tax codes) by current province. The demo province and the big cities
 * follow the tax register (Hải Phòng 02, former Hải Dương 08, Hà Nội 01, Hồ Chí Minh 03, Đà Nẵng 04); others are
 * placeholders.
 */
export const TAX_PREFIX: Readonly<Record<string, string[]>> = { '01': ['01'], '31': ['02', '02', '02', '08'], '79': ['03'], '48': ['04'] };
