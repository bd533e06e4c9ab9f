/**
 * Mẫu số 07 — Sổ theo dõi hồ sơ (dossier register), exported as CSV and XLSX. One column list drives both.
 */
import ExcelJS from 'exceljs';
import { VN_UTC_OFFSET_MINUTES } from '../../../shared/calendar';
import { cleanText, formatDateTime, ON_TIME_LABELS } from './documents.format';
import type { RegisterRow } from './documents.types';

type Cell = string | number | Date | undefined;

interface RegisterColumn {
  header: string;
  /** Width in characters, for the spreadsheet. */
  width: number;
  value: (row: RegisterRow, index: number) => Cell;
}

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  { header: 'STT', width: 6, value: (_, i) => i + 1 },
  { header: 'Mã hồ sơ', width: 28, value: (r) => r.code },
  { header: 'Ngày, giờ nhận hồ sơ', width: 18, value: (r) => r.receivedAt },
  { header: 'Tên cá nhân, tổ chức', width: 28, value: (r) => r.applicantName },
  { header: 'Địa chỉ, số điện thoại', width: 30, value: (r) => r.applicantContact },
  { header: 'Tên thủ tục hành chính', width: 45, value: (r) => r.procedureName },
  { header: 'Cơ quan chủ trì giải quyết', width: 32, value: (r) => r.agencyName },
  { header: 'Hẹn trả kết quả', width: 18, value: (r) => r.dueAt },
  { header: 'Ngày, giờ có kết quả', width: 18, value: (r) => r.finishedAt },
  { header: 'Ngày, giờ trả kết quả', width: 18, value: (r) => r.returnedAt },
  { header: 'Trạng thái', width: 22, value: (r) => r.status },
  {
    header: 'Kết quả (trước hạn, đúng hạn, quá hạn)',
    width: 16,
    value: (r) => (r.onTime ? ON_TIME_LABELS[r.onTime] : undefined),
  },
  { header: 'Ghi chú', width: 30, value: (r) => r.note },
];

const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const UTF8_BOM = '\uFEFF';
/** Cells a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @, and tab / CR which some strip. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that cannot be taken for a formula: an apostrophe is put before a leading = + - @. */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvCell(v: Cell): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return formatDateTime(v);
  return csvField(neutraliseFormula(cleanText(v)));
}

/** The register as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), CRLF line ends, one header line. */
export function registerCsv(rows: readonly RegisterRow[]): Buffer {
  const lines = [REGISTER_COLUMNS.map((c) => csvField(c.header))];
  rows.forEach((r, i) => lines.push(REGISTER_COLUMNS.map((c) => csvCell(c.value(r, i)))));
  return Buffer.from(UTF8_BOM + lines.map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/**
 * Spreadsheets have no time zones: a date cell holds a wall-clock time. This is the Vietnamese wall-clock time of
 * the instant, carried as a Date whose UTC fields are the local ones (exceljs writes the UTC fields).
 */
function wallClock(d: Date): Date {
  return new Date(d.getTime() + VN_UTC_OFFSET_MINUTES * 60_000);
}

/**
 * The register as an XLSX workbook: one sheet, a bold frozen header row with a filter, widths set, dates as real
 * date cells in Vietnam time formatted dd/mm/yyyy hh:mm. Text cells are stored as text, never as formulas.
 */
export async function registerXlsx(rows: readonly RegisterRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet('Sổ theo dõi hồ sơ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };

  rows.forEach((r, i) => {
    const row = sheet.addRow(
      REGISTER_COLUMNS.map((c) => {
        const v = c.value(r, i);
        if (v instanceof Date) return wallClock(v);
        return typeof v === 'string' ? cleanText(v) : v;
      }),
    );
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = DATE_FORMAT;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REGISTER_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
