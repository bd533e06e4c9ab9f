import { describe, expect, it } from 'vitest';
import {
  decodePersonalId,
  formatDateVi,
  isAdminUnitCode,
  isEmail,
  isEnterpriseCode,
  isIsoDate,
  isPersonalId,
  isPhoneVn,
  normalizeEnterpriseCode,
  normalizePhoneVn,
  parseDateVi,
} from './eform.formats';

describe('dates', () => {
  it.each([
    ['24/11/2026', '2026-11-24'],
    ['1/2/2025', '2025-02-01'],
    ['01.02.2025', '2025-02-01'],
    ['01-02-2025', '2025-02-01'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('parseDateVi(%s) = %s', (input, iso) => {
    expect(parseDateVi(input)).toBe(iso);
  });
  it.each(['29/02/2026', '31/04/2026', '00/01/2026', '12/13/2026', '2026-11-24', '24/11/26', '', 'hôm nay'])('parseDateVi(%s) is null', (input) => {
    expect(parseDateVi(input)).toBeNull();
  });
  it('formats ISO as dd/mm/yyyy and round-trips', () => {
    expect(formatDateVi('2026-11-24')).toBe('24/11/2026');
    expect(parseDateVi(formatDateVi('2025-01-05'))).toBe('2025-01-05');
  });
  it('refuses to format a non-date', () => {
    expect(() => formatDateVi('2026-02-30')).toThrow(RangeError);
    expect(() => formatDateVi('24/11/2026')).toThrow(RangeError);
  });
  it('checks ISO dates against the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
  });
});

describe('personal identification number', () => {
  it('is 12 digits', () => {
    expect(isPersonalId('031090001234')).toBe(true);
    expect(isPersonalId('03109000123')).toBe(false);
    expect(isPersonalId('0310900012345')).toBe(false);
    expect(isPersonalId('03109000123a')).toBe(false);
    expect(isPersonalId('031 090 001 234')).toBe(false);
  });
  it('decodes province, century/sex and year', () => {
    expect(decodePersonalId('031090001234')).toEqual({ provinceCode: '031', sex: 'male', birthYear: 1990, serial: '001234' });
    expect(decodePersonalId('001185000001')).toMatchObject({ sex: 'female', birthYear: 1985 });
    expect(decodePersonalId('031225000001')).toMatchObject({ sex: 'male', birthYear: 2025 });
    expect(decodePersonalId('031325000001')).toMatchObject({ sex: 'female', birthYear: 2025 });
    expect(decodePersonalId('12345')).toBeNull();
  });
});

describe('enterprise code', () => {
  it('accepts 10 digits and a branch suffix', () => {
    expect(isEnterpriseCode('0200123456')).toBe(true);
    expect(isEnterpriseCode('0200123456-001')).toBe(true);
    expect(isEnterpriseCode('020012345')).toBe(false);
    expect(isEnterpriseCode('0200123456-01')).toBe(false);
    expect(isEnterpriseCode('0200123456001')).toBe(false);
  });
  it('writes a 13-digit code with its hyphen', () => {
    expect(normalizeEnterpriseCode('0200123456001')).toBe('0200123456-001');
    expect(normalizeEnterpriseCode('0200 123 456')).toBe('0200123456');
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['(0225) 384 2658', '02253842658'],
  ])('normalizes %s', (input, out) => {
    expect(normalizePhoneVn(input)).toBe(out);
    expect(isPhoneVn(out)).toBe(true);
  });
  it.each(['0123456789', '091234567', '09123456789', '1900123456', '0212345678', '84912345678'])('refuses %s', (input) => {
    expect(isPhoneVn(normalizePhoneVn(input))).toBe(false);
  });
});

describe('other formats', () => {
  it('checks commune codes', () => {
    expect(isAdminUnitCode('11824')).toBe(true);
    expect(isAdminUnitCode('1182')).toBe(false);
    expect(isAdminUnitCode('31')).toBe(false);
  });
  it('checks e-mail addresses', () => {
    expect(isEmail('lan.nguyen@example.vn')).toBe(true);
    expect(isEmail('lan@localhost')).toBe(false);
    expect(isEmail('lan nguyen@example.vn')).toBe(false);
    expect(isEmail('@example.vn')).toBe(false);
  });
});
