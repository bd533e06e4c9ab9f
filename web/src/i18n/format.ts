/** Dates and money as people in Vietnam read them: dd/mm/yyyy in Asia/Ho_Chi_Minh, amounts in đồng (VND). */
import { formatDateVi, isIsoDate } from '@shared/eform/eform.formats';

const TZ = 'Asia/Ho_Chi_Minh';
let dateParts: Intl.DateTimeFormat | undefined;
let money: Intl.NumberFormat | undefined;
let number: Intl.NumberFormat | undefined;

function parts(d: Date): Record<string, string> {
  dateParts ??= new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(dateParts.formatToParts(d).map((p) => [p.type, p.value]));
}

function toDate(v: string | Date): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-11-24` or an instant → `24/11/2026` (the local date in Vietnam). */
export function formatDate(v: string | Date | null | undefined): string {
  if (v == null || v === '') return '';
  if (typeof v === 'string' && isIsoDate(v)) return formatDateVi(v);
  const d = toDate(v);
  if (!d) return String(v);
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → `24/11/2026 14:05` in Vietnam time. */
export function formatDateTime(v: string | Date | null | undefined): string {
  if (v == null || v === '') return '';
  const d = toDate(v);
  if (!d) return String(v);
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** 8000 → `8.000 ₫` (Vietnamese grouping in both languages: the currency is the đồng). */
export function formatMoney(vnd: number): string {
  money ??= new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  return money.format(vnd);
}

export function formatNumber(n: number): string {
  number ??= new Intl.NumberFormat('vi-VN');
  return number.format(n);
}
