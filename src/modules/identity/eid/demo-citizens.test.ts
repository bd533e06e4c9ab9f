import { describe, expect, it } from 'vitest';
import { isEnterpriseCode, isPersonalId, maskPersonalId, parsePersonalId } from '../../../shared/identity/personal-id';
import { DEMO_CITIZENS, DemoCitizenDirectory, DEMO_EID_PASSWORD } from './demo-citizens';
import { DEMO_BUSINESSES } from '../organisation/demo-businesses';

describe('personal identification number', () => {
  it('is 12 digits: province, century and sex, year of birth, serial', () => {
    expect(parsePersonalId('031085001234')).toEqual({ provinceCode: '031', sex: 'male', birthYear: 1985, serial: '001234' });
    expect(parsePersonalId('031303002222')).toEqual({ provinceCode: '031', sex: 'female', birthYear: 2003, serial: '002222' });
    expect(parsePersonalId('03108500123')).toBeNull();
    expect(isPersonalId('031085001234')).toBe(true);
    expect(isPersonalId(31085001234)).toBe(false);
    expect(isEnterpriseCode('0201234567')).toBe(true);
    expect(isEnterpriseCode('020123456')).toBe(false);
    expect(maskPersonalId('031085001234')).toBe('••••••••1234');
  });

  it('matches each demo citizen’s date of birth and sex, with unique numbers and a few level-1 accounts', () => {
    expect(DEMO_CITIZENS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(DEMO_CITIZENS.map((c) => c.personalId)).size).toBe(DEMO_CITIZENS.length);
    for (const c of DEMO_CITIZENS) {
      const parts = parsePersonalId(c.personalId)!;
      expect(parts.birthYear, c.fullName).toBe(Number(c.birthdate.slice(0, 4)));
      expect(parts.sex, c.fullName).toBe(c.sex);
      expect(c.fullName).toBe(c.fullName.normalize('NFC'));
    }
    const level1 = DEMO_CITIZENS.filter((c) => c.assuranceLevel === 1);
    expect(level1.length).toBeGreaterThanOrEqual(1);
    expect(level1.length).toBeLessThanOrEqual(2);
  });

  it('gives every demo enterprise a 10-digit code and a demo citizen as legal representative', () => {
    const ids = new Set(DEMO_CITIZENS.map((c) => c.personalId));
    for (const b of DEMO_BUSINESSES) {
      expect(isEnterpriseCode(b.enterpriseCode)).toBe(true);
      expect(ids.has(b.legalRepresentativePersonalId)).toBe(true);
    }
  });

  it('checks the demo password without revealing which numbers exist', async () => {
    const dir = new DemoCitizenDirectory();
    expect((await dir.checkPassword('031085001234', DEMO_EID_PASSWORD))?.fullName).toBe('Nguyễn Văn An');
    expect(await dir.checkPassword('031085001234', 'wrong')).toBeNull();
    expect(await dir.checkPassword('031999999999', DEMO_EID_PASSWORD)).toBeNull();
  });
});
