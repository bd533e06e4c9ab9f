/** Every registry attribute the access log can name has a Vietnamese and an English label (the data tracker shows them). */
import { describe, expect, it } from 'vitest';
import { BUSINESS_FIELDS, MATCH_FIELDS, PERSON_FIELDS } from './registry.service';
import { ACCESS_CLIENTS, accessClientLabel, registryFieldLabel, registrySourceLabel, REGISTRY_FIELD_LABELS } from '../../shared/api/registry';

describe('labels of what the access log records', () => {
  it('names every person, match and business field in both languages', () => {
    for (const f of [...PERSON_FIELDS, ...MATCH_FIELDS, ...BUSINESS_FIELDS, 'personalId', 'legalRepresentativeOf']) {
      const label = REGISTRY_FIELD_LABELS[f];
      expect(label, f).toBeDefined();
      expect(label.vi, f).not.toBe(label.en);
    }
    expect(registryFieldLabel('birthDate', 'vi')).toBe('Ngày sinh');
  });

  it('names the platform’s systems and the registries, and keeps a system account’s own name', () => {
    for (const c of Object.values(ACCESS_CLIENTS)) expect(accessClientLabel(c, 'vi'), c).not.toMatch(/citizen|portal|office|identity|requests/);
    expect(accessClientLabel(ACCESS_CLIENTS.prefill, 'vi')).toBe('Cổng dịch vụ công MotCua (điền sẵn hồ sơ)');
    expect(accessClientLabel('Phần mềm hộ tịch', 'vi')).toBe('Phần mềm hộ tịch');
    expect(registrySourceLabel('population', 'vi')).toBe('Cơ sở dữ liệu quốc gia về dân cư');
    expect(registrySourceLabel('business', 'en')).toBe('National business registration database');
  });
});
