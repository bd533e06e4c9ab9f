import { describe, expect, it } from 'vitest';
import { formatVnd, groupThousands, vndInWords } from './words.js';
import { mulberry32 } from '../random';

/** An independent reader of the words back into a number (the inverse of vndInWords), for round trips. */
function parseWords(s: string): number {
  expect(s.endsWith(' đồng')).toBe(true);
  const tokens = s.slice(0, -' đồng'.length).toLocaleLowerCase('vi').split(' ');
  const digit: Record<string, number> = { không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9 };
  const belowBillion = (ts: string[]): number => {
    let acc = 0;
    let cur = 0;
    let pending = 0;
    for (const t of ts) {
      if (t in digit) {
        pending = digit[t];
      } else if (t === 'trăm' || t === 'mươi') {
        cur += pending * (t === 'trăm' ? 100 : 10);
        pending = 0;
      } else if (t === 'mười') {
        cur += 10;
      } else if (t === 'nghìn' || t === 'triệu') {
        acc += (cur + pending) * (t === 'nghìn' ? 1000 : 1_000_000);
        cur = 0;
        pending = 0;
      } else if (t !== 'linh') {
        throw new Error(`unexpected word ${t} in ${s}`);
      }
    }
    return acc + cur + pending;
  };
  const at = tokens.indexOf('tỷ');
  if (at < 0) return belowBillion(tokens);
  expect(tokens.indexOf('tỷ', at + 1)).toBe(-1);
  return belowBillion(tokens.slice(0, at)) * 1_000_000_000 + belowBillion(tokens.slice(at + 1));
}

const prng = mulberry32;

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi bốn đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [91, 'Chín mươi mốt đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [111, 'Một trăm mười một đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [121, 'Một trăm hai mươi mốt đồng'],
    [1000, 'Một nghìn đồng'],
    [1001, 'Một nghìn không trăm linh một đồng'],
    [1010, 'Một nghìn không trăm mười đồng'],
    [1100, 'Một nghìn một trăm đồng'],
    [16000, 'Mười sáu nghìn đồng'],
    [15000, 'Mười lăm nghìn đồng'],
    [21000, 'Hai mươi mốt nghìn đồng'],
    [50000, 'Năm mươi nghìn đồng'],
    [100000, 'Một trăm nghìn đồng'],
    [105000, 'Một trăm linh năm nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [2_005_000, 'Hai triệu không trăm linh năm nghìn đồng'],
    [2_000_500, 'Hai triệu năm trăm đồng'],
    [2_040_000, 'Hai triệu không trăm bốn mươi nghìn đồng'],
    [10_000_000, 'Mười triệu đồng'],
    [999_999_999, 'Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [1_000_005_000, 'Một tỷ không trăm linh năm nghìn đồng'],
    [1_200_000_000, 'Một tỷ hai trăm triệu đồng'],
    [25_000_000_000, 'Hai mươi lăm tỷ đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [1_001_000_000_000, 'Một nghìn không trăm linh một tỷ đồng'],
  ])('%i → %s', (n, words) => expect(vndInWords(n)).toBe(words));

  it('reads back to the same number, for many amounts up to the largest safe integer', () => {
    const rnd = prng(20251203);
    const samples: number[] = [Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 3000; i++) {
      // Amounts of every magnitude, many with zero digits inside.
      const digits = 1 + Math.floor(rnd() * 16);
      let s = '';
      for (let d = 0; d < digits; d++) s += rnd() < 0.4 ? '0' : String(Math.floor(rnd() * 10));
      const n = Number(s);
      if (Number.isSafeInteger(n)) samples.push(n);
    }
    for (const n of samples) {
      const w = vndInWords(n);
      expect(parseWords(w), w).toBe(n);
      // Upper-case first letter only, no double spaces.
      expect(w.charAt(0)).toBe(w.charAt(0).toLocaleUpperCase('vi'));
      expect(w.slice(1)).toBe(w.slice(1).toLocaleLowerCase('vi'));
      expect(w).not.toMatch(/\s{2}/);
      // The reading rules.
      const t = w.toLocaleLowerCase('vi').split(' ');
      t.forEach((word, i) => {
        if (word === 'mốt') expect(t[i - 1], w).toBe('mươi');
        if (word === 'lăm') expect(['mười', 'mươi'], w).toContain(t[i - 1]);
        if (word === 'linh') expect(t[i - 1], w).toBe('trăm');
        if (word === 'mươi') expect(['hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'], w).toContain(t[i - 1]);
        // "mười" (ten) stands alone: never after a digit (that would be "… mươi").
        if (word === 'mười' && i > 0) expect(['trăm', 'nghìn', 'triệu', 'tỷ'], w).toContain(t[i - 1]);
      });
      if (n > 0) expect(w).not.toMatch(/^Không/);
    }
  });

  it('refuses negative, fractional and unsafe amounts', () => {
    for (const bad of [-1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, 1e20]) {
      expect(() => vndInWords(bad), String(bad)).toThrow(RangeError);
      expect(() => formatVnd(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => vndInWords('100' as unknown as number)).toThrow(RangeError);
  });
});

describe('formatVnd', () => {
  it.each([
    [0, '0 ₫'],
    [5, '5 ₫'],
    [999, '999 ₫'],
    [1000, '1.000 ₫'],
    [16000, '16.000 ₫'],
    [100000, '100.000 ₫'],
    [1_250_000, '1.250.000 ₫'],
    [1_000_000_000, '1.000.000.000 ₫'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991 ₫'],
  ])('%i → %s', (n, s) => expect(formatVnd(n)).toBe(s));

  it('puts a normal space before the sign and matches the grouped figures', () => {
    expect(formatVnd(1_250_000).charCodeAt('1.250.000'.length)).toBe(0x20);
    const rnd = prng(7);
    for (let i = 0; i < 500; i++) {
      const n = Math.floor(rnd() * 1e13);
      expect(groupThousands(n).replace(/\./g, '')).toBe(String(n));
      expect(groupThousands(n)).toMatch(/^\d{1,3}(\.\d{3})*$/);
      expect(formatVnd(n)).toBe(`${groupThousands(n)} ₫`);
    }
  });
});
