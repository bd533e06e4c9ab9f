/**
 * VietQR (NAPAS 247) bank-transfer QR: EMVCo merchant-presented TLV encoder and decoder. Pure, no I/O.
 * Fields are ID (2 digits) + LEN (2 digits) + value; tag 63 is CRC-16/CCITT-FALSE over everything including "6304".
 */

export const NAPAS_GUID = 'A000000727';
export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC';

export interface VietQr {
  bankBin: string;
  accountNumber: string;
  service: VietQrService;
  /** Whole VND; absent for a reusable (static, "11") QR. */
  amountVnd?: number;
  /** Nội dung chuyển khoản (tag 62/08), ASCII. */
  purpose?: string;
}

export type VietQrErrorCode = 'invalid_length' | 'bad_crc' | 'missing_tag' | 'invalid_value';
export class VietQrError extends Error {
  constructor(readonly code: VietQrErrorCode, message: string) {
    super(message);
    this.name = 'VietQrError';
  }
}

/** Strip Vietnamese diacritics to ASCII, keeping case (đ→d, Đ→D). */
export function foldToAscii(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor; 4 upper-case hex digits. */
export function crc16(s: string): string {
  let c = 0xffff;
  for (let i = 0; i < s.length; i++) {
    c ^= (s.charCodeAt(i) & 0xff) << 8;
    for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  }
  return c.toString(16).toUpperCase().padStart(4, '0');
}

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new VietQrError('invalid_value', `field ${id} longer than 99`);
  return id + String(value.length).padStart(2, '0') + value;
}

const PURPOSE_CHARS = /^[\x20-\x7E]*$/;

export function encodeVietQr(q: VietQr): string {
  if (!/^\d{6}$/.test(q.bankBin)) throw new VietQrError('invalid_value', 'bank BIN must be 6 digits');
  if (!/^[A-Za-z0-9]{1,19}$/.test(q.accountNumber)) throw new VietQrError('invalid_value', 'account must be 1-19 alphanumerics');
  if (q.amountVnd !== undefined && (!Number.isSafeInteger(q.amountVnd) || q.amountVnd <= 0 || String(q.amountVnd).length > 13))
    throw new VietQrError('invalid_value', 'amount must be a positive integer of at most 13 digits');
  const purpose = q.purpose === undefined ? undefined : foldToAscii(q.purpose);
  if (purpose !== undefined && (purpose.length > 25 || !PURPOSE_CHARS.test(purpose)))
    throw new VietQrError('invalid_value', 'purpose must be at most 25 printable ASCII characters');
  const account = tlv('00', NAPAS_GUID) + tlv('01', tlv('00', q.bankBin) + tlv('01', q.accountNumber)) + tlv('02', q.service);
  let s = tlv('00', '01') + tlv('01', q.amountVnd === undefined ? '11' : '12') + tlv('38', account) + tlv('53', '704');
  if (q.amountVnd !== undefined) s += tlv('54', String(q.amountVnd));
  s += tlv('58', 'VN');
  if (purpose) s += tlv('62', tlv('08', purpose));
  s += '6304';
  return s + crc16(s);
}

function parseTlv(s: string): Map<string, string> {
  const m = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    if (i + 4 > s.length) throw new VietQrError('invalid_length', 'truncated field header');
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(s.slice(i + 2, i + 4)) || i + 4 + len > s.length) throw new VietQrError('invalid_length', `field ${id} overruns`);
    m.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return m;
}

function need(m: Map<string, string>, id: string): string {
  const v = m.get(id);
  if (v === undefined) throw new VietQrError('missing_tag', `missing tag ${id}`);
  return v;
}

export function decodeVietQr(payload: string): VietQr {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') throw new VietQrError('invalid_length', 'no CRC field at the end');
  const root = parseTlv(payload);
  if (crc16(payload.slice(0, -4)) !== payload.slice(-4).toUpperCase()) throw new VietQrError('bad_crc', 'CRC mismatch');
  if (need(root, '00') !== '01') throw new VietQrError('invalid_value', 'payload format');
  need(root, '01');
  const acc = parseTlv(need(root, '38'));
  if (need(acc, '00') !== NAPAS_GUID) throw new VietQrError('invalid_value', 'not a NAPAS GUID');
  const ben = parseTlv(need(acc, '01'));
  const service = need(acc, '02');
  if (service !== 'QRIBFTTA' && service !== 'QRIBFTTC') throw new VietQrError('invalid_value', 'service code');
  if (need(root, '53') !== '704') throw new VietQrError('invalid_value', 'currency');
  need(root, '58');
  const out: VietQr = { bankBin: need(ben, '00'), accountNumber: need(ben, '01'), service };
  const amt = root.get('54');
  if (amt !== undefined) {
    if (!/^\d{1,13}$/.test(amt)) throw new VietQrError('invalid_value', 'amount');
    out.amountVnd = Number(amt);
  }
  const add = root.get('62');
  if (add !== undefined) {
    const p = parseTlv(add).get('08');
    if (p !== undefined) out.purpose = p;
  }
  return out;
}
