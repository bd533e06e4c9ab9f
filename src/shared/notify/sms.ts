/**
 * SMS rules: GSM 03.38 7-bit text or UCS-2, segment counting (concatenated SMS), and Vietnamese text without
 * diacritics for brandname routes that only carry GSM-7 ("tin nhắn không dấu"). Pure functions.
 */

/** GSM 03.38 basic character set (one septet each). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape septet plus one each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units per segment for this length (a single SMS holds more than each part of a concatenated one). */
  perSegment: number;
}

/** Most carriers and aggregators in Viet Nam cap a brandname message at 3 parts; longer texts are refused. */
export const SMS_MAX_SEGMENTS = 3;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
}

export function smsInfo(text: string): SmsInfo {
  if (isGsm7(text)) {
    let units = 0;
    for (const ch of text) units += GSM_EXTENDED.has(ch) ? 2 : 1;
    const perSegment = units <= 160 ? 160 : 153;
    return { encoding: 'GSM-7', units, segments: Math.max(1, Math.ceil(units / perSegment)), perSegment };
  }
  const units = text.length;
  const perSegment = units <= 70 ? 70 : 67;
  return { encoding: 'UCS-2', units, segments: Math.max(1, Math.ceil(units / perSegment)), perSegment };
}

/** Vietnamese without diacritics, case kept: "Hồ sơ Đã" → "Ho so Da". */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2022': '-',
  '\t': ' ',
};

/**
 * The text to hand to the carrier: with `unicode` it is kept (UCS-2, 70 characters a part); without, diacritics are
 * removed, typographic punctuation becomes ASCII and any character still outside GSM-7 becomes `?`.
 */
export function toSmsText(text: string, opts: { unicode: boolean }): string {
  const t = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (opts.unicode) return t;
  let out = '';
  for (const ch of stripDiacritics(t)) {
    const c = TYPOGRAPHY[ch] ?? ch;
    out += [...c].every((x) => GSM_BASIC.has(x) || GSM_EXTENDED.has(x)) ? c : '?';
  }
  return out;
}

export interface SmsCheck {
  ok: boolean;
  info: SmsInfo;
  text: string;
  problems: Array<{ code: 'too_long' | 'empty'; message: { vi: string; en: string } }>;
}

/** The carrier text for a rendered SMS and whether it is within the limits. */
export function checkSms(rendered: string, opts: { unicode: boolean; maxSegments?: number }): SmsCheck {
  const text = toSmsText(rendered, opts);
  const info = smsInfo(text);
  const max = opts.maxSegments ?? SMS_MAX_SEGMENTS;
  const problems: SmsCheck['problems'] = [];
  if (!text.trim()) problems.push({ code: 'empty', message: { vi: 'Tin nhắn trống.', en: 'The message is empty.' } });
  if (info.segments > max) {
    problems.push({
      code: 'too_long',
      message: { vi: `Tin nhắn dài ${info.segments} phần (${info.units} ký tự); tối đa ${max} phần.`, en: `The message takes ${info.segments} parts (${info.units} characters); at most ${max}.` },
    });
  }
  return { ok: problems.length === 0, info, text, problems };
}
