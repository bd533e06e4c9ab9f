import { describe, expect, it } from 'vitest';
import { centurySexDigit, RegistryGenerator, taxCheckDigit, type PersonRecord } from './registry.generator';
import { parsePersonalId } from '../../shared/identity/personal-id';
import { PROVINCE_CODES_BEFORE_2025 } from './registry.names';

const sample = (seed: number, n: number, focus = '31') => [...new RegistryGenerator({ seed, focusProvince: focus, focusShare: 0.85 }).people(n)];

describe('registry generator', () => {
  const people = sample(7, 5_000);
  const byId = new Map(people.map((p) => [p.personalId, p]));

  it('gives IDs with the real structure, consistent with birth date and sex', () => {
    expect(people).toHaveLength(5_000);
    expect(byId.size).toBe(5_000); // unique
    const provinces = new Set([...PROVINCE_CODES_BEFORE_2025, '01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37', '38', '40', '42', '44', '46', '48', '51', '52', '56', '66', '68', '75', '79', '80', '82', '86', '91', '92', '96']);
    for (const p of people) {
      expect(p.personalId).toMatch(/^\d{12}$/);
      const parts = parsePersonalId(p.personalId)!;
      expect(parts.sex).toBe(p.sex);
      expect(parts.birthYear).toBe(Number(p.birthDate.slice(0, 4)));
      expect(p.personalId[0]).toBe('0');
      expect(provinces.has(p.personalId.slice(1, 3))).toBe(true);
    }
    expect(centurySexDigit(1985, 'male')).toBe(0);
    expect(centurySexDigit(1990, 'female')).toBe(1);
    expect(centurySexDigit(2003, 'male')).toBe(2);
    expect(centurySexDigit(2003, 'female')).toBe(3);
    // The 21st-century digit is used.
    expect(people.some((p) => /^\d{3}[23]/.test(p.personalId))).toBe(true);
  });

  it('writes Vietnamese names with diacritics (NFC) and the expected family-name spread', () => {
    const family = new Map<string, number>();
    for (const p of people) {
      expect(p.fullName).toBe(p.fullName.normalize('NFC'));
      expect(p.fullName.split(' ').length).toBeGreaterThanOrEqual(2);
      const f = p.fullName.split(' ')[0];
      family.set(f, (family.get(f) ?? 0) + 1);
    }
    const share = (f: string) => (family.get(f) ?? 0) / people.length;
    expect(share('Nguyễn')).toBeGreaterThan(0.3);
    expect(share('Nguyễn')).toBeLessThan(0.46);
    expect(share('Trần')).toBeGreaterThan(0.06);
    expect(family.has('Đặng') && family.has('Phạm') && family.has('Lê')).toBe(true);
    expect(people.some((p) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/.test(p.fullName))).toBe(true);
    // Gendered middle names.
    expect(people.filter((p) => p.sex === 'male').some((p) => p.fullName.includes(' Thị '))).toBe(false);
    expect(people.filter((p) => p.sex === 'female').some((p) => p.fullName.includes(' Văn '))).toBe(false);
  });

  it('spells Hoàng/Vũ as Huỳnh/Võ in the south', () => {
    const south = sample(3, 4_000, '79');
    const names = south.filter((p) => p.permanentCommune.length === 5).map((p) => p.fullName.split(' ')[0]);
    expect(names.filter((n) => n === 'Huỳnh').length).toBeGreaterThan(names.filter((n) => n === 'Hoàng').length);
  });

  it('lives mostly in the focus province, at real communes', () => {
    const inFocus = people.filter((p) => p.permanentCommune >= '10000' && p.permanentCommune < '12000').length; // Hải Phòng communes (former Hải Phòng and Hải Dương)
    expect(inFocus / people.length).toBeGreaterThan(0.75);
    for (const p of people) expect(p.permanentCommune).toMatch(/^\d{5}$/);
  });

  it('builds families: married couples share a marriage record, children carry both parents’ IDs', () => {
    const couples = people.filter((p) => p.spouseId && byId.has(p.spouseId));
    expect(couples.length).toBeGreaterThan(1_000);
    for (const p of couples) {
      const s = byId.get(p.spouseId!)!;
      expect(s.spouseId).toBe(p.personalId);
      expect(s.marriageRef).toBe(p.marriageRef);
      expect(s.sex).not.toBe(p.sex);
      expect(s.householdId).toBe(p.householdId);
    }
    const children = people.filter((p) => p.fatherId && p.motherId);
    expect(children.length).toBeGreaterThan(500);
    for (const c of children) {
      const f = byId.get(c.fatherId!)!;
      const m = byId.get(c.motherId!)!;
      expect(f.sex).toBe('male');
      expect(m.sex).toBe('female');
      expect(f.spouseId).toBe(m.personalId);
      expect(c.fullName.split(' ')[0]).toBe(f.fullName.split(' ')[0]);
      expect(c.birthDate > m.birthDate).toBe(true);
      expect(c.householdId).toBe(f.householdId);
    }
  });

  it('issues chip ID cards only from age 14', () => {
    for (const p of people as PersonRecord[]) {
      if (!p.idCardIssuedOn) continue;
      const age14 = `${Number(p.birthDate.slice(0, 4)) + 14}${p.birthDate.slice(4)}`;
      expect(p.idCardIssuedOn >= age14).toBe(true);
    }
  });

  it('is deterministic from the seed', () => {
    expect(sample(7, 300)).toEqual(sample(7, 300));
    // A smaller run is a prefix of a larger one (only the last household is cut to fit).
    expect(sample(7, 300).slice(0, 290)).toEqual(people.slice(0, 290));
    expect(sample(8, 300)).not.toEqual(people.slice(0, 300));
  });

  it('generates enterprises with valid codes and VSIC lines, represented by generated adults', () => {
    const gen = new RegistryGenerator({ seed: 11, focusProvince: '31' });
    const ids = new Set([...gen.people(2_000)].map((p) => p.personalId));
    const list = [...gen.businesses(500)];
    expect(new Set(list.map((b) => b.enterpriseCode)).size).toBe(500);
    for (const b of list) {
      expect(b.enterpriseCode).toMatch(/^\d{10}$/);
      expect(taxCheckDigit(b.enterpriseCode.slice(0, 9))).toBe(Number(b.enterpriseCode[9]));
      expect(ids.has(b.legalRepId)).toBe(true);
      expect(b.businessLines.length).toBeGreaterThan(0);
      for (const l of b.businessLines) expect(l).toMatch(/^\d{4}$/);
      expect(b.nameVi).toBe(b.nameVi.normalize('NFC'));
      expect(b.nameEn).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(list.filter((b) => b.enterpriseCode.startsWith('02') || b.enterpriseCode.startsWith('08')).length / list.length).toBeGreaterThan(0.6);
  });
});
