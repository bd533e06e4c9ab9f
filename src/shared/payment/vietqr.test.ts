import { describe, expect, it } from 'vitest';
import { QRPay } from 'vietnam-qr-pay';
import { decodeVietQr, encodeVietQr, VietQrError } from './vietqr.js';

const SAMPLE = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
const x = { bankBin: '970415', accountNumber: '0011001932418', service: 'QRIBFTTA' as const, amountVnd: 120000, purpose: 'ung ho lu lut' };

describe('vietqr', () => {
  it('reproduces the standards §1 sample exactly', () => expect(encodeVietQr(x)).toBe(SAMPLE));
  it('round-trips', () => expect(decodeVietQr(encodeVietQr(x))).toEqual(x));
  it('folds diacritics', () => expect(decodeVietQr(encodeVietQr({ ...x, purpose: 'Đóng phí hồ sơ' })).purpose).toBe('Dong phi ho so'));
  it('refuses bad CRC and truncation', () => {
    expect(() => decodeVietQr(SAMPLE.slice(0, -1) + 'D')).toThrow(VietQrError);
    expect(() => decodeVietQr(SAMPLE.slice(0, 50) + '6304C15C')).toThrow(VietQrError);
  });
  it('cross-checks with vietnam-qr-pay', () => {
    const q = new QRPay(encodeVietQr(x));
    expect([q.isValid, q.consumer.bankBin, q.consumer.bankNumber, q.amount, q.additionalData.purpose]).toEqual([true, '970415', '0011001932418', '120000', 'ung ho lu lut']);
    const theirs = QRPay.initVietQR({ bankBin: '970415', bankNumber: '12345', amount: '5000', purpose: 'MC7K2P9X' }).build();
    expect(decodeVietQr(theirs)).toMatchObject({ bankBin: '970415', accountNumber: '12345', amountVnd: 5000, purpose: 'MC7K2P9X' });
  });
  it('validates inputs', () => {
    expect(() => encodeVietQr({ ...x, bankBin: '97041' })).toThrow(VietQrError);
    expect(() => encodeVietQr({ ...x, amountVnd: 1.5 })).toThrow(VietQrError);
    expect(() => encodeVietQr({ ...x, purpose: 'x'.repeat(26) })).toThrow(VietQrError);
  });
});
