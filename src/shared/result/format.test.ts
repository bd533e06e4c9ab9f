import { describe, expect, it } from 'vitest';
import { numberWords, resultFileName, vnDateLine, vnDateParts, vnDateWords } from './format';

describe('Vietnamese dates on results', () => {
  it('writes the date line of Decree 30/2020 (leading zero for days below 10 and months 1 and 2)', () => {
    expect(vnDateLine(vnDateParts(new Date('2026-12-01T18:00:00Z')))).toBe('ngày 02 tháng 12 năm 2026');
    expect(vnDateLine({ day: 5, month: 2, year: 2026 })).toBe('ngày 05 tháng 02 năm 2026');
    expect(vnDateLine({ day: 15, month: 3, year: 2026 })).toBe('ngày 15 tháng 3 năm 2026');
  });
  it('writes dates in words', () => {
    expect(vnDateWords({ day: 30, month: 10, year: 2026 })).toBe('Ngày ba mươi tháng mười năm hai nghìn không trăm hai mươi sáu');
    expect(vnDateWords({ day: 21, month: 11, year: 2001 })).toBe('Ngày hai mươi mốt tháng mười một năm hai nghìn không trăm lẻ một');
    expect(numberWords(1995)).toBe('một nghìn chín trăm chín mươi lăm');
    expect(numberWords(2024)).toBe('hai nghìn không trăm hai mươi tư');
    expect(numberWords(2010)).toBe('hai nghìn không trăm mười');
  });
});

describe('result file names', () => {
  it('are the Vietnamese title without diacritics and the code, in lower-case ASCII', () => {
    expect(resultFileName('GIẤY KHAI SINH', 'K7M2Q9RT4VXZ0ABCDEFG')).toBe('giay-khai-sinh-k7m2q9rt4vxz0abcdefg.pdf');
    expect(resultFileName('TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ', 'AB12')).toBe('trich-luc-dang-ky-giam-ho-ab12.pdf');
    expect(resultFileName('PHIẾU LÝ LỊCH TƯ PHÁP', 'X')).toBe('phieu-ly-lich-tu-phap-x.pdf');
  });
  it('cut a long title at a word', () => {
    const name = resultFileName('GIẤY XÁC NHẬN VỀ VIỆC HỘ KINH DOANH ĐĂNG KÝ TẠM NGỪNG HOẶC TIẾP TỤC KINH DOANH', 'AB12');
    expect(name).toBe('giay-xac-nhan-ve-viec-ho-kinh-doanh-dang-ky-tam-ngung-hoac-ab12.pdf');
    expect(name).toMatch(/^[a-z0-9-]+\.pdf$/);
  });
});
