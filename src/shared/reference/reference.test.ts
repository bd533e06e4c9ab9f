import { describe, expect, it } from 'vitest';
import { COUNTRIES, ETHNIC_GROUPS } from './index';

describe('reference lists', () => {
  it('54 ethnic groups, codes 01–54 in order, names unique and in NFC', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54);
    expect(ETHNIC_GROUPS.map((g) => g.code)).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
    const names = ETHNIC_GROUPS.map((g) => g.name);
    expect(new Set(names).size).toBe(54);
    for (const n of names) expect(n).toBe(n.normalize('NFC'));
    expect(names).toEqual(expect.arrayContaining(['Kinh', 'Tày', "H'Mông", 'Khmer', 'Ê Đê', 'Ơ Đu', 'Rơ Măm']));
  });

  it('249 ISO 3166-1 countries, unique codes and Vietnamese names', () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(249);
    expect(new Set(COUNTRIES.map((c) => c.vi)).size).toBe(249);
    for (const c of COUNTRIES) expect(c.code).toMatch(/^[A-Z]{2}$/);
    expect(COUNTRIES.find((c) => c.code === 'VN')).toEqual({ code: 'VN', vi: 'Việt Nam', en: 'Vietnam' });
    expect(COUNTRIES.find((c) => c.code === 'FR')?.vi).toBe('Pháp');
  });
});
