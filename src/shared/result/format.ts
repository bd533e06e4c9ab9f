/** Vietnamese dates on result documents (Decree 30/2020/NĐ-CP style), pure. */

/** Day, month, year in Vietnam (UTC+7). */
export function vnDateParts(d: Date): { day: number; month: number; year: number } {
  const t = new Date(d.getTime() + 7 * 3600_000);
  return { day: t.getUTCDate(), month: t.getUTCMonth() + 1, year: t.getUTCFullYear() };
}

/** "ngày 02 tháng 12 năm 2026": a day below 10 and the months 1 and 2 with a leading zero (Decree 30/2020, Annex I). */
export function vnDateLine(p: { day: number; month: number; year: number }): string {
  const month = p.month <= 2 ? String(p.month).padStart(2, '0') : String(p.month);
  return `ngày ${String(p.day).padStart(2, '0')} tháng ${month} năm ${p.year}`;
}

/** A calendar date "YYYY-MM-DD" as parts (no time zone: it is a date). */
export function isoDateParts(s: string): { day: number; month: number; year: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** "02/12/2026". */
export const vnDateNumeric = (p: { day: number; month: number; year: number }) => `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 0–99 in words ("hai mươi mốt", "mười lăm", "ba mươi tư"). */
function tens(n: number): string {
  if (n < 10) return DIGITS[n];
  const t = Math.floor(n / 10);
  const u = n % 10;
  const head = t === 1 ? 'mười' : `${DIGITS[t]} mươi`;
  if (u === 0) return head;
  if (u === 5) return `${head} lăm`;
  if (u === 1 && t > 1) return `${head} mốt`;
  if (u === 4 && t > 1) return `${head} tư`;
  return `${head} ${DIGITS[u]}`;
}

/** 0–9999 in words ("hai nghìn không trăm hai mươi sáu", "hai nghìn không trăm lẻ một"). */
export function numberWords(n: number): string {
  if (n < 100) return tens(n);
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (thousands) parts.push(`${DIGITS[thousands]} nghìn`);
  if (thousands || hundreds) parts.push(`${DIGITS[hundreds]} trăm`);
  if (rest) parts.push(rest < 10 ? `lẻ ${DIGITS[rest]}` : tens(rest));
  return parts.join(' ');
}

/** A date in words, as on a birth certificate: "Ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi sáu". */
export function vnDateWords(p: { day: number; month: number; year: number }): string {
  return `Ngày ${tens(p.day)} tháng ${tens(p.month)} năm ${numberWords(p.year)}`;
}

/**
 * The file name of a result: its Vietnamese title without diacritics, then the code, in lower-case ASCII —
 * "GIẤY KHAI SINH" + "K7…" → `giay-khai-sinh-k7….pdf`. A long title is cut at a word, within 60 characters.
 */
export function resultFileName(title: string, code: string): string {
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  let name = slug(title);
  if (name.length > 60) name = name.slice(0, 61).replace(/-[^-]*$/, '');
  return `${name || 'ket-qua'}-${slug(code)}.pdf`;
}
