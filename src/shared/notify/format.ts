/** Dates and amounts as messages show them: Viet Nam time (Asia/Ho_Chi_Minh), dd/mm/yyyy, đồng. */
let parts: Intl.DateTimeFormat | undefined;

function p(d: Date): Record<string, string> {
  parts ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
}

/** `19/05/2026 17:00` (Viet Nam time). */
export function formatVnDateTime(v: Date | string | null | undefined): string {
  if (!v) return '';
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return '';
  const x = p(d);
  return `${x.day}/${x.month}/${x.year} ${x.hour}:${x.minute}`;
}

/** `19/05/2026` (the local date in Viet Nam); a `YYYY-MM-DD` string is taken as that date. */
export function formatVnDate(v: Date | string | null | undefined): string {
  if (!v) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  return formatVnDateTime(v).slice(0, 10);
}

/** 150000 → `150.000 đồng` (vi) or `150,000 VND` (en). */
export function formatVnd(amount: number, lang: 'vi' | 'en'): string {
  const s = Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return lang === 'vi' ? `${s} đồng` : `${s} VND`;
}
