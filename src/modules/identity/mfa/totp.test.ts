import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpAt, totpStep } from './totp';

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; 8-digit values. */
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: Array<[seconds: number, step: string, totp: string]> = [
  [59, '0000000000000001', '94287082'],
  [1111111109, '00000000023523EC', '07081804'],
  [1111111111, '00000000023523ED', '14050471'],
  [1234567890, '000000000273EF07', '89005924'],
  [2000000000, '0000000003F940AA', '69279037'],
  [20000000000, '0000000027BC86AA', '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s (step %s) gives %s', (seconds, step, expected) => {
    const at = new Date(seconds * 1000);
    expect(totpStep(at)).toBe(parseInt(step, 16));
    expect(hotp(SEED, totpStep(at), 8)).toBe(expected);
    expect(totpAt(base32Encode(SEED), at, 8)).toBe(expected);
    // The 6-digit code apps show is the same truncation, modulo 10^6.
    expect(totpAt(base32Encode(SEED), at)).toBe(expected.slice(2));
  });

  it('base32 (RFC 4648) round-trips and matches the known encoding of the seed', () => {
    expect(base32Encode(SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(SEED);
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
  });

  it('accepts the codes of one step either side and refuses older or newer ones', () => {
    const secret = base32Encode(SEED);
    const at = new Date(1234567890 * 1000);
    const step = totpStep(at);
    for (const d of [-1, 0, 1]) expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() + d * 30_000)), at)).toBe(step + d);
    for (const d of [-2, 2]) expect(matchTotp(secret, totpAt(secret, new Date(at.getTime() + d * 30_000)), at)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at)).toBeNull();
    expect(matchTotp(secret, '1234567', at)).toBeNull();
  });

  it('builds the otpauth:// URI with the issuer', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'MotCua', 'cán bộ');
    expect(uri.startsWith('otpauth://totp/MotCua:c%C3%A1n%20b%E1%BB%99?')).toBe(true);
    const q = new URL(uri).searchParams;
    expect([q.get('secret'), q.get('issuer'), q.get('digits'), q.get('period'), q.get('algorithm')]).toEqual(['JBSWY3DPEHPK3PXP', 'MotCua', '6', '30', 'SHA1']);
  });
});
