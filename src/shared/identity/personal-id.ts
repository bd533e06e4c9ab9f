/**
 * The 12-digit personal identification number (số định danh cá nhân, Decree 137/2015/NĐ-CP Art. 13, Circular
 * 59/2021/TT-BCA Art. 7): 3-digit code of the province where the birth was registered, 1 digit for century and sex,
 * the last 2 digits of the year of birth, and a 6-digit random serial. Shared so the web app checks the same rule.
 */
export const PERSONAL_ID_PATTERN = '^[0-9]{12}$';
/** The 10-digit enterprise code (mã số doanh nghiệp). */
export const ENTERPRISE_CODE_PATTERN = '^[0-9]{10}$';

export const isPersonalId = (s: unknown): s is string => typeof s === 'string' && /^[0-9]{12}$/.test(s);
export const isEnterpriseCode = (s: unknown): s is string => typeof s === 'string' && /^[0-9]{10}$/.test(s);

export interface PersonalIdParts {
  provinceCode: string;
  sex: 'male' | 'female';
  /** Full year of birth, from the century digit and the 2-digit year. */
  birthYear: number;
  serial: string;
}

/** Splits a personal ID into its parts; null if it is not 12 digits. Century digit: 0/1 = 1900s male/female, 2/3 = 2000s… */
export function parsePersonalId(id: string): PersonalIdParts | null {
  if (!isPersonalId(id)) return null;
  const g = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    sex: g % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + Math.floor(g / 2) * 100 + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

/** Masks all but the last 4 digits, for logs and screens that need only a hint. */
export const maskPersonalId = (id: string) => `${'•'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
