import { describe, expect, it } from 'vitest';
import { levelOf, mapCitizenClaims, normaliseBirthdate } from './claims';

const mapping = { personalId: 'so_dinh_danh', name: 'ho_ten', birthdate: 'ngay_sinh', level: 'muc_dinh_danh' };
const levels = { 1: ['MUC_1', '1'], 2: ['MUC_2', '2'] } as const;
const lv = { 1: [...levels[1]], 2: [...levels[2]] };

describe('claim mapping', () => {
  it('maps a provider’s own claim names', () => {
    expect(mapCitizenClaims({ so_dinh_danh: '031085001234', ho_ten: '  Nguyễn   Văn An ', ngay_sinh: '14/03/1985', muc_dinh_danh: 'MUC_2' }, mapping, lv)).toEqual({
      personalId: '031085001234',
      fullName: 'Nguyễn Văn An',
      birthdate: '1985-03-14',
      assuranceLevel: 2,
    });
  });

  it('normalises names to NFC (decomposed Vietnamese from some systems)', () => {
    const nfd = 'Nguyễn Văn An'.normalize('NFD');
    expect(mapCitizenClaims({ so_dinh_danh: '031085001234', ho_ten: nfd }, mapping, lv)?.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('refuses a missing or malformed personal ID, and a number (it would lose its leading zeros)', () => {
    expect(mapCitizenClaims({ ho_ten: 'A' }, mapping, lv)).toBeNull();
    expect(mapCitizenClaims({ so_dinh_danh: '03108500123', ho_ten: 'A' }, mapping, lv)).toBeNull();
    expect(mapCitizenClaims({ so_dinh_danh: '03108500123x', ho_ten: 'A' }, mapping, lv)).toBeNull();
    expect(mapCitizenClaims({ so_dinh_danh: 1078012345, ho_ten: 'A' }, mapping, lv)).toBeNull();
    expect(mapCitizenClaims({ so_dinh_danh: '031085001234', ho_ten: '   ' }, mapping, lv)).toBeNull();
  });

  it('counts an absent or unknown level as level 1, never more', () => {
    expect(levelOf(undefined, lv)).toBe(1);
    expect(levelOf('MUC_3', lv)).toBe(1);
    expect(levelOf({ v: 'MUC_2' }, lv)).toBe(1);
    expect(levelOf(2, lv)).toBe(2);
    expect(levelOf(['MUC_1', 'MUC_2'], lv)).toBe(2);
    expect(levelOf('MUC_1', lv)).toBe(1);
  });

  it('accepts the usual date formats and refuses impossible dates', () => {
    expect(normaliseBirthdate('1985-03-14')).toBe('1985-03-14');
    expect(normaliseBirthdate('19850314')).toBe('1985-03-14');
    expect(normaliseBirthdate('4/3/1985')).toBe('1985-03-04');
    expect(normaliseBirthdate('1985-02-30')).toBeNull();
    expect(normaliseBirthdate('30/02/1985')).toBeNull();
    expect(normaliseBirthdate('yesterday')).toBeNull();
    expect(normaliseBirthdate(19850314)).toBeNull();
  });
});
