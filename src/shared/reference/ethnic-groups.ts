/**
 * The 54 ethnic groups of Vietnam (danh mục các dân tộc Việt Nam), in the order and with the codes of the General
 * Statistics Office list, Quyết định 121-TCTK/PPCĐ ngày 02/3/1979 of the Tổng cục Thống kê (the list the
 * population censuses and the civil-status forms use). Names are written as in everyday administrative use (the
 * spelling the population registry holds: `H'Mông`, `M'Nông`, `Khmer`); `alsoWritten` keeps the other official
 * spellings, for search and for matching data from older records.
 */
export interface EthnicGroup {
  /** Two-digit GSO code, `01` … `54`. */
  code: string;
  /** The name stored in forms and registries. */
  name: string;
  alsoWritten?: string[];
}

export const ETHNIC_GROUPS: readonly EthnicGroup[] = [
  { code: '01', name: 'Kinh', alsoWritten: ['Việt'] },
  { code: '02', name: 'Tày' },
  { code: '03', name: 'Thái' },
  { code: '04', name: 'Hoa' },
  { code: '05', name: 'Khmer', alsoWritten: ['Khơ-me'] },
  { code: '06', name: 'Mường' },
  { code: '07', name: 'Nùng' },
  { code: '08', name: "H'Mông", alsoWritten: ['Mông', 'HMông'] },
  { code: '09', name: 'Dao' },
  { code: '10', name: 'Gia Rai', alsoWritten: ['Gia-rai'] },
  { code: '11', name: 'Ngái' },
  { code: '12', name: 'Ê Đê', alsoWritten: ['Ê-đê'] },
  { code: '13', name: 'Ba Na', alsoWritten: ['Ba-na'] },
  { code: '14', name: 'Xơ Đăng', alsoWritten: ['Xơ-đăng'] },
  { code: '15', name: 'Sán Chay', alsoWritten: ['Cao Lan - Sán Chỉ'] },
  { code: '16', name: 'Cơ Ho', alsoWritten: ['Cơ-ho'] },
  { code: '17', name: 'Chăm', alsoWritten: ['Chàm'] },
  { code: '18', name: 'Sán Dìu' },
  { code: '19', name: 'Hrê' },
  { code: '20', name: "M'Nông", alsoWritten: ['Mnông'] },
  { code: '21', name: 'Ra Glai', alsoWritten: ['Ra-glai'] },
  { code: '22', name: 'Xtiêng', alsoWritten: ['Xtiêng'] },
  { code: '23', name: 'Bru - Vân Kiều', alsoWritten: ['Bru-Vân Kiều'] },
  { code: '24', name: 'Thổ' },
  { code: '25', name: 'Giáy' },
  { code: '26', name: 'Cơ Tu', alsoWritten: ['Cơ-tu'] },
  { code: '27', name: 'Giẻ Triêng', alsoWritten: ['Gié-Triêng'] },
  { code: '28', name: 'Mạ' },
  { code: '29', name: 'Khơ Mú', alsoWritten: ['Khơ-mú'] },
  { code: '30', name: 'Co' },
  { code: '31', name: 'Tà Ôi', alsoWritten: ['Tà-ôi'] },
  { code: '32', name: 'Chơ Ro', alsoWritten: ['Chơ-ro'] },
  { code: '33', name: 'Kháng' },
  { code: '34', name: 'Xinh Mun', alsoWritten: ['Xinh-mun'] },
  { code: '35', name: 'Hà Nhì' },
  { code: '36', name: 'Chu Ru', alsoWritten: ['Chu-ru'] },
  { code: '37', name: 'Lào' },
  { code: '38', name: 'La Chí' },
  { code: '39', name: 'La Ha' },
  { code: '40', name: 'Phù Lá' },
  { code: '41', name: 'La Hủ' },
  { code: '42', name: 'Lự' },
  { code: '43', name: 'Lô Lô' },
  { code: '44', name: 'Chứt' },
  { code: '45', name: 'Mảng' },
  { code: '46', name: 'Pà Thẻn' },
  { code: '47', name: 'Cờ Lao', alsoWritten: ['Co Lao'] },
  { code: '48', name: 'Cống' },
  { code: '49', name: 'Bố Y' },
  { code: '50', name: 'Si La' },
  { code: '51', name: 'Pu Péo' },
  { code: '52', name: 'Brâu' },
  { code: '53', name: 'Ơ Đu' },
  { code: '54', name: 'Rơ Măm', alsoWritten: ['Rơ-măm'] },
];
