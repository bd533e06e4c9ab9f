import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  checkCharacter,
  findPaymentCode,
  findPaymentCodes,
  isValidPaymentCode,
  PAYMENT_CODE_PREFIX,
  paymentCodeFromBytes,
} from './code';
import { decodeVietQr, encodeVietQr } from './vietqr';
import { mulberry32 } from '../random';

/** Seeded so the random corpora are the same on every run. */
const rng = mulberry32;
const randomBytes = (r: () => number, n = 5) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const ISO = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const body = (code: string) => code.slice(2, 10);
const withBody = (code: string, b: string) => PAYMENT_CODE_PREFIX + b + code[10];

describe('checkCharacter (ISO 7064 MOD 37,36)', () => {
  it('matches the published GRid example A1-2425G-ABC1234002-M', () => {
    expect(checkCharacter('A12425GABC1234002')).toBe('M');
  });
  it('rejects an empty body or characters outside 0-9A-Z', () => {
    expect(() => checkCharacter('')).toThrow(RangeError);
    expect(() => checkCharacter('ab12')).toThrow(RangeError);
    expect(() => checkCharacter('AB-12')).toThrow(RangeError);
  });
  it('gives characters across the whole 0-9A-Z range', () => {
    const r = rng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) seen.add(paymentCodeFromBytes(randomBytes(r))[10]);
    expect([...seen].sort().join('')).toBe(ISO);
  });
});

describe('paymentCodeFromBytes', () => {
  it('encodes the first 40 bits big-endian as 8 Crockford characters', () => {
    expect(body(paymentCodeFromBytes(new Uint8Array([0, 0, 0, 0, 0])))).toBe('00000000');
    expect(body(paymentCodeFromBytes(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])))).toBe('ZZZZZZZZ');
    // 00001 00001 ... (0x0842108421)
    expect(body(paymentCodeFromBytes(new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21])))).toBe('11111111');
    // 00000 00001 00010 00011 00100 00101 00110 00111
    expect(body(paymentCodeFromBytes(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7])))).toBe('01234567');
  });
  it('ignores bytes after the fifth and appends the check character', () => {
    const a = paymentCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5]));
    expect(paymentCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toBe(a);
    expect(a).toBe('MC' + body(a) + checkCharacter(body(a)));
  });
  it('needs at least 5 bytes', () => {
    expect(() => paymentCodeFromBytes(new Uint8Array(4))).toThrow(RangeError);
    expect(() => paymentCodeFromBytes(new Uint8Array(0))).toThrow(RangeError);
  });
  it('always gives an 11-character valid code that round-trips through a text', () => {
    const r = rng(2);
    for (let i = 0; i < 1000; i++) {
      const code = paymentCodeFromBytes(randomBytes(r));
      expect(code).toMatch(/^MC[0-9A-HJKMNP-TV-Z]{8}[0-9A-Z]$/);
      expect(isValidPaymentCode(code)).toBe(true);
      expect(findPaymentCode(`Nop phi ho so ${code}`)).toEqual({ kind: 'one', code });
    }
  });
});

describe('isValidPaymentCode', () => {
  const code = paymentCodeFromBytes(new Uint8Array([0x3a, 0x91, 0x07, 0xee, 0x5c]));
  it('accepts the canonical form only', () => {
    expect(isValidPaymentCode(code)).toBe(true);
    expect(isValidPaymentCode(code.toLowerCase())).toBe(false);
    expect(isValidPaymentCode(' ' + code)).toBe(false);
    expect(isValidPaymentCode(code.slice(0, 6) + '-' + code.slice(6))).toBe(false);
    expect(isValidPaymentCode(code.slice(0, 10))).toBe(false);
    expect(isValidPaymentCode(code + '0')).toBe(false);
    expect(isValidPaymentCode('MX' + code.slice(2))).toBe(false);
  });
  it('refuses non-Crockford body characters even when the check would fit', () => {
    for (const bad of ['U', 'O', 'I', 'L']) {
      const b = bad + '2345678';
      expect(isValidPaymentCode('MC' + b + checkCharacter(b))).toBe(false);
    }
  });
  it('detects every single-character substitution in the body and the check character', () => {
    const r = rng(3);
    for (let n = 0; n < 200; n++) {
      const c = paymentCodeFromBytes(randomBytes(r));
      const b = body(c);
      for (let i = 0; i < 8; i++)
        for (const x of CROCKFORD_ALPHABET) {
          if (x === b[i]) continue;
          expect(isValidPaymentCode(withBody(c, b.slice(0, i) + x + b.slice(i + 1)))).toBe(false);
        }
      for (const x of ISO) if (x !== c[10]) expect(isValidPaymentCode(c.slice(0, 10) + x)).toBe(false);
    }
  });
  it('detects every adjacent transposition in a known code', () => {
    const b = body(code);
    let tried = 0;
    for (let i = 0; i < 7; i++) {
      if (b[i] === b[i + 1]) continue;
      tried++;
      expect(isValidPaymentCode(withBody(code, b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2)))).toBe(false);
    }
    expect(tried).toBeGreaterThanOrEqual(6);
  });
  it('misses only the rare hybrid-system transpositions of characters with neighbouring values', () => {
    const r = rng(4);
    let swaps = 0;
    let missed = 0;
    for (let n = 0; n < 3000; n++) {
      const c = paymentCodeFromBytes(randomBytes(r));
      const b = body(c);
      for (let i = 0; i < 7; i++) {
        if (b[i] === b[i + 1]) continue;
        swaps++;
        if (isValidPaymentCode(withBody(c, b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2)))) {
          missed++;
          const d = (ISO.indexOf(b[i]) - ISO.indexOf(b[i + 1]) + 36) % 36;
          expect([1, 35]).toContain(d);
        }
      }
    }
    expect(swaps).toBeGreaterThan(20000);
    expect(missed / swaps).toBeLessThan(0.005);
  });
});

describe('findPaymentCodes', () => {
  const code = paymentCodeFromBytes(new Uint8Array([0x12, 0x34, 0x56, 0x78, 0x9a]));
  const b = body(code);
  const spaced = `${code.slice(0, 2)} ${b.slice(0, 4)}-${b.slice(4)} ${code[10]}`; // "MC 1A2B-3C4D X"

  it('finds codes as banks rewrite the transfer text', () => {
    const texts = [
      code,
      `CT tu 0123456789 NGUYEN VAN A chuyen tien ${code}`,
      `MBVCB.5577123.012345.${code}.CT tu 0011001932418 NGUYEN VAN A toi 1234`,
      `ND:${code}`,
      `ND: ${code} nop phi`,
      `IBFT ${code.toLowerCase()} thanh toan le phi`,
      `Nguyễn Văn Á chuyển tiền ${code} lệ phí hộ tịch`,
      `chuyen tien ${spaced.toLowerCase()} ho so`,
      `${code.slice(0, 5)} ${code.slice(5)}`,
      `${code.split('').join(' ')}`,
      `${code.slice(0, 4)}.${code.slice(4, 8)}_${code.slice(8)}`,
      `NGUYENVANACHUYENTIEN${code}HOSO123`,
      `0123${code}`,
      `TRA TIEN\n${code}\tHS`,
      `${code} `.padEnd(code.length + 40, 'X').slice(0, code.length + 25), // text cut 25 chars after the code
      `Thanh toan ho so ${code} nop phi cap ban sao trich luc khai sinh`.slice(0, 17 + 11 + 25),
    ];
    for (const t of texts) expect(findPaymentCodes(t), t).toEqual([code]);
  });

  it('reads a code back out of a VietQR purpose (25 characters)', () => {
    const purpose = `ND ${code} HS 2026`;
    const qr = encodeVietQr({ bankBin: '970415', accountNumber: '0011001932418', service: 'QRIBFTTA', amountVnd: 50000, purpose });
    expect(findPaymentCode(decodeVietQr(qr).purpose ?? '')).toEqual({ kind: 'one', code });
  });

  it('tolerates O for 0 and I/L for 1 in the body', () => {
    const c = paymentCodeFromBytes(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7])); // body 01234567
    expect(body(c)).toBe('01234567');
    expect(findPaymentCodes(`ct ${'MC' + 'O' + 'I' + '234567' + c[10]}`)).toEqual([c]);
    expect(findPaymentCodes(`ct ${'mc' + 'o' + 'l' + '234567' + c[10].toLowerCase()}`)).toEqual([c]);
  });

  it('does not accept a damaged code or a cut-off code', () => {
    const wrong = ISO[(ISO.indexOf(code[10]) + 1) % 36];
    expect(findPaymentCodes(`CT ${code.slice(0, 10)}${wrong} x`)).toEqual([]);
    expect(findPaymentCodes(`CT ${code.slice(0, 10)}`)).toEqual([]);
    expect(findPaymentCodes(`CT ${code.slice(0, 6)}U${code.slice(7)}`)).toEqual([]);
    // a separator that is not one of space - . _ splits the code
    expect(findPaymentCodes(`CT ${code.slice(0, 6)}/${code.slice(6)}`)).toEqual([]);
  });

  it('does not let an M ending a word start a code with the next word', () => {
    // "...NAM " + "C..." : the same 11 characters are a valid code once joined, but M ends the word NAM
    const text = `NAM ${code.slice(1)}`;
    expect(findPaymentCodes(text.replace(' ', ''))).toEqual([code]); // glued: NAMC... contains MC inside a word
    expect(findPaymentCodes(text)).toEqual([]);
  });

  it('reads long texts, and a long text leaves nothing behind for the next call', () => {
    const long = 'chuyen tien '.repeat(200) + code;
    expect(findPaymentCodes(long)).toEqual([code]);
    expect(findPaymentCodes(long.slice(0, -1))).toEqual([]);
    expect(findPaymentCodes(code.slice(0, 10))).toEqual([]);
    expect(findPaymentCodes('Đ'.repeat(500) + ' ' + code)).toEqual([code]);
  });

  it('reports distinct codes in order of appearance', () => {
    const other = paymentCodeFromBytes(new Uint8Array([0xfe, 0xdc, 0xba, 0x98, 0x76]));
    expect(findPaymentCodes(`${other} ${code} ${other.toLowerCase()}`)).toEqual([other, code]);
    expect(findPaymentCode(`${other} ${code}`)).toEqual({ kind: 'many', codes: [other, code] });
    expect(findPaymentCode(`${code} ${code}`)).toEqual({ kind: 'one', code });
    expect(findPaymentCode('chuyen tien')).toEqual({ kind: 'none' });
    expect(findPaymentCode('')).toEqual({ kind: 'none' });
  });

  it('finds nothing in realistic transfer texts without a code', () => {
    const texts = [
      'CT tu 0011001932418 NGUYEN VAN A toi 1903 4567 8901 chuyen tien',
      'MBVCB.3278123456.042311.NGUYEN THI MAI CHUYEN TIEN NOP PHI HO SO',
      'Nguyễn Thị Cẩm Chi chuyển tiền học phí tháng 12',
      'NAM CHUYEN TIEN CHO EM CUONG',
      'LAM CAN CUOC CONG DAN CHO CON',
      'Phạm Minh Châu nộp lệ phí cấp giấy phép xây dựng',
      'TRAN VAN TAM CK MUA HANG MC DONALD 2512',
      'IBFT Le Thi Kim Cuc thanh toan hoa don dien thang 11',
      'ND: Dong phi truoc ba xe may 59C1-234.56',
      'QR - Hoang Minh Cong chuyen khoan',
      'TKThe :19034567890123, tai TCB. MA GD 0FT24335ABCDEF12 Nguyen Van Nam',
      'REM Tfr Ac: 0123456789 O@L_CORE MC 12-12-2026 LE PHI',
      'MOMO 0912345678 THANH TOAN PHI DICH VU CONG',
      'Vu Dam Cuong chuyen tien ho tro lu lut mien Trung',
      'Đinh Thị Kim Cúc - đóng phí cấp bản sao trích lục kết hôn',
    ];
    for (const t of texts) expect(findPaymentCodes(t), t).toEqual([]);
  });

  it('has at most a handful of false hits in a few thousand random Vietnamese-ish texts', () => {
    const r = rng(5);
    const family = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'HUYNH', 'VU', 'VO', 'DANG', 'BUI', 'DO', 'HO', 'NGO', 'DUONG', 'LAM', 'KIM', 'DAM'];
    const middle = ['VAN', 'THI', 'MINH', 'NGOC', 'DUC', 'THANH', 'HUU', 'XUAN', 'KIM', 'CAM', 'TAM', 'NAM'];
    const given = ['AN', 'BINH', 'CUONG', 'CHI', 'CUC', 'CHAU', 'CONG', 'DUNG', 'HAI', 'HOA', 'KHANH', 'LINH', 'MAI', 'NAM', 'QUANG', 'TAM', 'THAO', 'MINH'];
    const words = ['CHUYEN', 'TIEN', 'NOP', 'PHI', 'LE', 'HO', 'SO', 'CAP', 'BAN', 'SAO', 'CHO', 'CON', 'EM', 'CHI', 'CUA', 'CAN', 'CUOC', 'CONG', 'DAN', 'THANG', 'NAM', 'HOC', 'KHAI', 'SINH', 'XAC', 'NHAN', 'TAM', 'TRU', 'GIAY', 'PHEP', 'KINH', 'DOANH', 'DAT', 'XAY', 'DUNG', 'MUA', 'CAM', 'ON'];
    const prefixes = ['', 'CT tu ', 'IBFT ', 'ND: ', 'MBVCB.', 'QR - ', 'REM Tfr Ac: '];
    let hits = 0;
    const N = 4000;
    for (let n = 0; n < N; n++) {
      const digits = String(Math.floor(r() * 1e12)).padStart(12, '0');
      const name = `${pick(r, family)} ${pick(r, middle)} ${pick(r, given)}`;
      const len = 3 + Math.floor(r() * 8);
      const msg = Array.from({ length: len }, () => pick(r, words)).join(' ');
      let text = `${pick(r, prefixes)}${r() < 0.5 ? digits + ' ' : ''}${name} ${msg}`;
      if (r() < 0.1) text = text.replace(/ /g, ''); // some banks drop every space
      if (r() < 0.3) text = text.toLowerCase();
      hits += findPaymentCodes(text).length;
    }
    expect(hits).toBeLessThanOrEqual(5);
  });
});
