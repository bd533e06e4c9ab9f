/**
 * Vietnamese identifiers and formats used by e-form widgets. Pure functions, shared by server and web.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VI_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` that names a real calendar day (2026-02-29 is refused). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Date as Vietnamese people write it, `dd/mm/yyyy` (also `d/m/yyyy`, `.` or `-` separators) → ISO `YYYY-MM-DD`.
 * Returns null when the text is not a real date.
 */
export function parseDateVi(s: string): string | null {
  const m = VI_DATE.exec(s.trim());
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  return isRealDate(y, mo, d) ? `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}` : null;
}

/** ISO `YYYY-MM-DD` → `dd/mm/yyyy`. Throws RangeError on anything else (stored dates are always ISO). */
export function formatDateVi(iso: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date: ${iso}`);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Personal identification number (số định danh cá nhân), 12 digits (Decree 137/2015/NĐ-CP, Circular 59/2021/TT-BCA):
 * 3-digit code of the province of birth registration, 1 digit for century and sex, 2 digits of the birth year,
 * 6-digit serial. Every digit 0–9 is a valid century/sex digit (20th to 24th century), so the check is the length.
 */
export function isPersonalId(s: string): boolean {
  return /^\d{12}$/.test(s);
}

export interface PersonalIdParts {
  /** Province where the birth was registered, e.g. `031` Hải Phòng (pre-2025 numbering). */
  provinceCode: string;
  sex: 'male' | 'female';
  birthYear: number;
  serial: string;
}

/** Reads the structure of a personal ID; null if it is not 12 digits. */
export function decodePersonalId(s: string): PersonalIdParts | null {
  if (!isPersonalId(s)) return null;
  const genderCentury = Number(s[3]);
  return {
    provinceCode: s.slice(0, 3),
    // 0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, …
    sex: genderCentury % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + 100 * Math.floor(genderCentury / 2) + Number(s.slice(4, 6)),
    serial: s.slice(6),
  };
}

/** Drops the spaces and dots people type inside long numbers. */
const stripSeparators = (s: string) => s.replace(/[\s.\u00a0]/g, '');

export function normalizePersonalId(s: string): string {
  return stripSeparators(s);
}

/** Enterprise code (mã số doanh nghiệp, = tax code): 10 digits, or 10 digits + `-NNN` for a dependent unit. */
export function isEnterpriseCode(s: string): boolean {
  return /^\d{10}(-\d{3})?$/.test(s);
}

/** Strips separators; a 13-digit run is written with its hyphen (`0101234567001` → `0101234567-001`). */
export function normalizeEnterpriseCode(s: string): string {
  const t = stripSeparators(s);
  return /^\d{13}$/.test(t) ? `${t.slice(0, 10)}-${t.slice(10)}` : t;
}

/**
 * Phone number in national form. Accepts spaces, dots, hyphens and parentheses, and the `+84` / `0084` prefix.
 * `+84 912 345 678` → `0912345678`.
 */
export function normalizePhoneVn(s: string): string {
  let t = s.replace(/[\s.\-()\u00a0]/g, '');
  if (t.startsWith('+84')) t = `0${t.slice(3)}`;
  else if (t.startsWith('0084')) t = `0${t.slice(4)}`;
  return t;
}

/**
 * Vietnamese phone number after {@link normalizePhoneVn}: mobile `0[35789]` + 8 digits (10 digits), or
 * landline `02` + 9 digits (11 digits, area codes 02x/02xx since the 2017 renumbering).
 */
export function isPhoneVn(s: string): boolean {
  return /^0[35789]\d{8}$/.test(s) || /^02\d{9}$/.test(s);
}

/** Commune code of the statistics office: 5 digits (existence is a separate lookup). */
export function isAdminUnitCode(s: string): boolean {
  return /^\d{5}$/.test(s);
}

/** Practical e-mail check: one `@`, no spaces, a dotted domain, at most 254 characters. */
export function isEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}
