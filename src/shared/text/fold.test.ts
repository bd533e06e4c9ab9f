import { describe, expect, it } from 'vitest';
import { compareVi, foldVi, includesVi, normalizeVi } from './fold';

const decomposed = (s: string) => s.normalize('NFD');

describe('normalizeVi', () => {
  it('returns NFC', () => {
    const out = normalizeVi(decomposed('Nguyễn Thị Ánh'));
    expect(out).toBe('Nguyễn Thị Ánh');
    expect(out).toBe(out.normalize('NFC'));
  });
  it('trims and collapses whitespace, tabs, newlines and NBSP', () => {
    expect(normalizeVi('  Trần \t Văn\n\n Bình\u00a0 ')).toBe('Trần Văn Bình');
  });
  it('leaves an empty or blank string empty', () => {
    expect(normalizeVi('')).toBe('');
    expect(normalizeVi('   ')).toBe('');
  });
});

describe('foldVi', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['ĐĂNG KÝ KẾT HÔN', 'dang ky ket hon'],
    ['Chứng thực bản sao từ bản chính', 'chung thuc ban sao tu ban chinh'],
    ['Phường Việt Hoà', 'phuong viet hoa'],
    ['Phường Việt Hòa', 'phuong viet hoa'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Quỳnh Ưng Ơn', 'quynh ung on'],
    ['  Đăng   KÝ ', 'dang ky'],
    ['abc 123', 'abc 123'],
  ])('%s → %s', (input, expected) => {
    expect(foldVi(input)).toBe(expected);
  });
  it('folds decomposed input like precomposed input', () => {
    expect(foldVi(decomposed('Lý lịch tư pháp'))).toBe(foldVi('Lý lịch tư pháp'));
  });
  it('is idempotent', () => {
    const once = foldVi('Giấy phép lái xe');
    expect(foldVi(once)).toBe(once);
  });
  it('maps every Vietnamese letter to plain ASCII', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    const folded = foldVi(letters + letters.toUpperCase());
    expect(folded).toMatch(/^[a-z]+$/);
  });
});

describe('includesVi', () => {
  it('finds a folded needle', () => {
    expect(includesVi('Cấp Phiếu lý lịch tư pháp', 'ly lich')).toBe(true);
    expect(includesVi('Cấp Phiếu lý lịch tư pháp', 'LÝ  LỊCH')).toBe(true);
    expect(includesVi('Đăng ký tạm trú', 'thuong tru')).toBe(false);
  });
});

describe('compareVi', () => {
  it('sorts in Vietnamese alphabetical order', () => {
    const names = ['Đào', 'Dung', 'Ân', 'Anh', 'Ăn', 'Bình', 'Ơn', 'Ông', 'Oanh'];
    expect([...names].sort(compareVi)).toEqual(['Anh', 'Ăn', 'Ân', 'Bình', 'Dung', 'Đào', 'Oanh', 'Ông', 'Ơn']);
  });
  it('puts đ after every d word', () => {
    expect(compareVi('đa', 'dz')).toBeGreaterThan(0);
  });
  it('treats NFD and NFC as equal', () => {
    expect(compareVi(decomposed('Nguyễn'), 'Nguyễn')).toBe(0);
  });
});
