/**
 * Published dossier statistics (thống kê hồ sơ): counts per month, agency, procedure and channel, with small cells
 * suppressed so that no count identifies a person (a cell under 5, other than 0, is published as empty). Pure.
 */
export const SUPPRESS_UNDER = 5;

export interface CountRow {
  month: string;
  agencyCode: string;
  agencyName: string;
  procedureKey: string;
  channel: string;
  received: number;
  finished: number;
  onTime: number;
  late: number;
}
export type PublishedCountRow = Omit<CountRow, 'received' | 'finished' | 'onTime' | 'late'> & { received: number | null; finished: number | null; onTime: number | null; late: number | null };

export const suppress = (n: number): number | null => (n > 0 && n < SUPPRESS_UNDER ? null : n);

export function publishedCounts(rows: readonly CountRow[]): PublishedCountRow[] {
  return rows.map((r) => ({ ...r, received: suppress(r.received), finished: suppress(r.finished), onTime: suppress(r.onTime), late: suppress(r.late) }));
}

/** A CSV cell: quoted when needed, and a text starting like a formula (= + - @, tab, CR) neutralised with a quote. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const COUNT_COLUMNS = ['thang', 'ma_co_quan', 'co_quan', 'thu_tuc', 'kenh_nop', 'tiep_nhan', 'da_giai_quyet', 'dung_han', 'tre_han'] as const;

/** UTF-8 with a byte-order mark (Excel reads Vietnamese correctly), CRLF line ends. */
export function countsCsv(rows: readonly PublishedCountRow[]): string {
  const lines = [COUNT_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.month, r.agencyCode, r.agencyName, r.procedureKey, r.channel, r.received, r.finished, r.onTime, r.late].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
