/**
 * Text and date formatting shared by the HTML, PDF and spreadsheet renderers. Dates are read in Asia/Ho_Chi_Minh
 * through the calendar's `localDateTime`, never through local-time Date getters, so output is the same on any host.
 */
import { localDateTime } from '../../../shared/calendar';
import type { HandOffClass } from '../../../shared/dossier';
import type { ComponentForm, ProcessingTime } from './documents.types';

/** C0 controls other than tab and line breaks, and DEL: invalid in HTML and meaningless on paper. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** NFC (one code point per accented letter, as fonts and search expect) without stray control characters. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(CONTROL_CHARS, '');
}

/** A deep copy of plain data with every string cleaned by {@link cleanText}; Dates and numbers are kept. */
export function cleanData<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanData(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanData(v)])) as T;
  }
  return value;
}

/** Only web addresses become links; anything else (e.g. `javascript:`) is printed as plain text. */
export function isWebAddress(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url);
}

/** Upper case with Vietnamese rules, for headings and titles. */
export function upperVi(s: string): string {
  return s.toLocaleUpperCase('vi').normalize('NFC');
}

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function localParts(d: Date): LocalParts {
  // 'YYYY-MM-DD HH:mm' in UTC+7; throws a RangeError on an invalid Date.
  const s = localDateTime(d);
  const [date, time] = s.split(' ');
  const [year, month, day] = date.split('-');
  const [hour, minute] = time.split(':');
  return { year, month, day, hour, minute };
}

/** "24/11/2026". */
export function formatDate(d: Date): string {
  const p = localParts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "24/11/2026 09:30", the register's format. */
export function formatDateTime(d: Date): string {
  const p = localParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "09 giờ 30 phút, ngày 24/11/2026": receipt and return times on the forms, to the minute. */
export function formatTimeAndDate(d: Date): string {
  const p = localParts(d);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

/**
 * "Quảng Ninh, ngày 24 tháng 11 năm 2026". Decree 30/2020/NĐ-CP (Annex I, item 5): a day below 10 and the months
 * 1 and 2 are written with a leading zero ("ngày 05 tháng 02"), other months without ("tháng 3").
 */
export function placeDateLine(place: string, d: Date): string {
  const p = localParts(d);
  const month = Number(p.month);
  return `${place}, ngày ${p.day} tháng ${month <= 2 ? p.month : String(month)} năm ${p.year}`;
}

const PROCESSING_UNITS: Record<ProcessingTime['unit'], string> = {
  working_days: 'ngày làm việc',
  days: 'ngày',
  working_hours: 'giờ làm việc',
};

/** "05 ngày làm việc". */
export function formatProcessingTime(t: ProcessingTime): string {
  return `${String(t.value).padStart(2, '0')} ${PROCESSING_UNITS[t.unit]}`;
}

export const COMPONENT_FORM_LABELS: Record<ComponentForm, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao có chứng thực',
  electronic: 'Bản điện tử',
};

/** Kết quả of a hand-off or of the whole dossier, as written on forms 06 and 07. */
export const ON_TIME_LABELS: Record<HandOffClass, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};
