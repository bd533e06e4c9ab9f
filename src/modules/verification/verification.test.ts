import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { createHttpServer, type App } from '../../platform/http/app';
import type { VerificationReportDto } from '../../shared/api/verification';
import { buildFixtures, type Fixtures } from './testing/fixtures';
import { PdfVerifier, parsePemBundle, registerVerification, type IssuedResultLookup, type IssuedResultStatus } from './index';

let fx: Fixtures;
let verifier: PdfVerifier;
let p: TestPlatform;

beforeAll(async () => {
  fx = await buildFixtures();
  verifier = new PdfVerifier(parsePemBundle(fx.rootPem).certs);
  writeFileSync(join(fx.dir, 'trust-anchors.pem'), fx.rootPem);
  p = await startTestPlatform({ demo: false, env: { TRUST_ANCHORS_FILE: join(fx.dir, 'trust-anchors.pem') } });
}, 120_000);

afterAll(async () => {
  await p?.close();
  fx?.cleanup();
});

const only = (b: Buffer) => {
  const r = verifier.verify(b);
  expect(r.signatures).toHaveLength(1);
  return r.signatures[0];
};

describe('the PAdES verifier', () => {
  it('verifies a B-LT file: intact, valid, trusted, time-stamped, not revoked, DSS update allowed', () => {
    const s = only(fx.blt);
    expect(s).toMatchObject({ subFilter: 'ETSI.CAdES.detached', rangeConsistent: true, appended: 'validation_data', digest: 'match', signatureValue: 'valid', trusted: true, certificateValidity: 'valid', revocation: 'good', verdict: 'valid' });
    expect(s.timestamp).toMatchObject({ valid: true, trusted: true, imprintMatches: true, tsa: 'MotCua Test TSA' });
    expect(s.profile).toEqual({ etsiSubFilter: true, signingCertificateV2: true, signingTimeAbsent: true, timestamp: true, dss: true, level: 'B-LT' });
    expect(s.signer).toEqual({ organisation: 'UBND Phường Bến Nghé', commonName: 'UBND Phường Bến Nghé', identifier: null });
    expect(s.chain.map((c) => c.commonName)).toEqual(['UBND Phường Bến Nghé', 'MotCua Test Root CA']);
  });

  it('reports B-T for a time-stamped signature without a DSS', () => {
    const s = only(fx.bt);
    expect(s).toMatchObject({ appended: 'none', verdict: 'valid', revocation: 'unknown' });
    expect(s.profile.level).toBe('B-T');
  });

  it('verifies a PDF signed by pdfsig (poppler/NSS, adbe.pkcs7.detached, BER-encoded CMS): valid, no PAdES level', () => {
    const s = only(fx.pdfsigSigned);
    expect(s).toMatchObject({ subFilter: 'adbe.pkcs7.detached', rangeConsistent: true, digest: 'match', signatureValue: 'valid', trusted: true, verdict: 'valid', timestamp: null });
    expect(s.profile.level).toBeNull();
  });

  it('detects one changed byte: digest mismatch', () => {
    const s = only(fx.oneByteChanged);
    expect(s).toMatchObject({ rangeConsistent: true, digest: 'mismatch', verdict: 'invalid' });
  });

  it('detects an incremental update that changes content after the signature', () => {
    const s = only(fx.contentAppended);
    expect(s).toMatchObject({ digest: 'match', signatureValue: 'valid', appended: 'content_changed', verdict: 'invalid' });
  });

  it('detects a signature copied onto another file: byte range inconsistent', () => {
    const s = only(fx.copied);
    expect(s.rangeConsistent).toBe(false);
    expect(s.verdict).toBe('invalid');
  });

  it('does not trust a signer chained to a root outside the trust list', () => {
    const s = only(fx.untrusted);
    expect(s).toMatchObject({ digest: 'match', signatureValue: 'valid', trusted: false, verdict: 'unknown_issuer' });
    expect(s.signer?.organisation).toBe('Công ty Lạ');
  });

  it('finds a signer certificate revoked before the time-stamp in the CRL of the DSS', () => {
    const s = only(fx.revoked);
    expect(s).toMatchObject({ digest: 'match', signatureValue: 'valid', trusted: true, revocation: 'revoked', verdict: 'revoked' });
    expect(new Date(s.revokedAt!).getTime()).toBeLessThanOrEqual(new Date(s.timestamp!.time!).getTime());
  });

  it('with an empty trust list, nothing is trusted', () => {
    const s = new PdfVerifier([]).verify(fx.blt).signatures[0];
    expect(s).toMatchObject({ digest: 'match', signatureValue: 'valid', trusted: false, verdict: 'unknown_issuer' });
  });

  it('an unsigned PDF has no signatures; other bytes are not a PDF', () => {
    expect(verifier.verify(fx.unsigned)).toMatchObject({ pdf: true, signatures: [] });
    expect(verifier.verify(Buffer.from('hello, not a pdf'))).toMatchObject({ pdf: false, signatures: [] });
  });

  it('a corrupted signature value is invalid, not a crash', () => {
    const b = Buffer.from(fx.bt);
    const at = b.indexOf('/Contents <') + '/Contents <'.length + 40;
    b.write('ff', at, 'latin1');
    expect(only(b).verdict).toBe('invalid');
  });
});

const post = (app: App, b: Buffer) => app.inject({ method: 'POST', url: '/api/verification', payload: b, headers: { 'content-type': 'application/pdf' } });

function multipartBody(b: Buffer, name = 'ket-qua.pdf') {
  const boundary = '----motcua-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    b,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/verification', () => {
  it('answers a valid B-LT file: verdict, facts and plain-language messages; not in the (empty) register', async () => {
    const res = await post(p.app, fx.blt);
    expect(res.statusCode).toBe(200);
    const r = res.json() as VerificationReportDto;
    expect(r).toMatchObject({ verdict: 'valid', integrity: 'validation_data_added', signature: 'valid', trusted: true, level: 'B-LT', signer: { organisation: 'UBND Phường Bến Nghé' }, result: null });
    expect(r.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const codes = r.messages.map((m) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['integrity.validation_data', 'signature.valid', 'chain.trusted', 'certificate.not_revoked', 'timestamp.valid', 'result.not_found']));
    expect(r.messages.find((m) => m.code === 'result.not_found')!.text.vi).toContain('không do hệ thống cấp');
  });

  it('takes a multipart upload too', async () => {
    const { body, headers } = multipartBody(fx.bt);
    const res = await p.app.inject({ method: 'POST', url: '/api/verification', payload: body, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ verdict: 'valid', level: 'B-T' });
  });

  it.each([
    ['oneByteChanged', 'modified', 'Tệp đã bị sửa sau khi ký'],
    ['contentAppended', 'content_added', 'Có nội dung được thêm vào sau chữ ký'],
    ['copied', 'not_this_file', 'Chữ ký không thuộc tệp này'],
  ] as const)('says so in plain Vietnamese for a tampered file (%s)', async (name, integrity, vi) => {
    const res = await post(p.app, fx[name]);
    expect(res.statusCode).toBe(200);
    const r = res.json() as VerificationReportDto;
    expect(r.verdict).toBe('invalid');
    expect(r.integrity).toBe(integrity);
    expect(r.messages.some((m) => m.severity === 'error' && m.text.vi.includes(vi))).toBe(true);
  });

  it('an untrusted root: unknown issuer', async () => {
    const r = (await post(p.app, fx.untrusted)).json() as VerificationReportDto;
    expect(r).toMatchObject({ verdict: 'unknown_issuer', trusted: false, signature: 'valid' });
    expect(r.messages.map((m) => m.code)).toContain('chain.untrusted');
  });

  it('a revoked signer certificate: revoked', async () => {
    const r = (await post(p.app, fx.revoked)).json() as VerificationReportDto;
    expect(r.verdict).toBe('revoked');
    expect(r.messages.find((m) => m.code === 'certificate.revoked')!.text.vi).toContain('đã bị thu hồi');
  });

  it('a PDF signed by pdfsig: valid, no level', async () => {
    const r = (await post(p.app, fx.pdfsigSigned)).json() as VerificationReportDto;
    expect(r).toMatchObject({ verdict: 'valid', level: null, integrity: 'intact' });
  });

  it('an unsigned PDF: the declared no-signature error', async () => {
    const res = await post(p.app, fx.unsigned);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'verification.no_signature', verdict: 'unsigned' });
  });

  it('not a PDF: the declared error; nothing sent: no file; JSON: unsupported media type', async () => {
    const res = await post(p.app, Buffer.from('GIF89a not a pdf'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('verification.not_pdf');
    const { body, headers } = multipartBody(Buffer.alloc(0));
    const empty = await p.app.inject({ method: 'POST', url: '/api/verification', payload: body, headers });
    expect(empty.json().code).toBe('verification.no_file');
    const json = await p.app.inject({ method: 'POST', url: '/api/verification', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('a file over 20 MB: too large', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024)]);
    const res = await post(p.app, big);
    expect(res.statusCode).toBe(413);
    const { body, headers } = multipartBody(big);
    const mp = await p.app.inject({ method: 'POST', url: '/api/verification', payload: body, headers });
    expect(mp.statusCode).toBe(413);
    expect(mp.json().code).toBe('verification.too_large');
  });

  it('GET /api/verification/results/:code: unknown code until the register is wired', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/verification/results/KQ-2026-000001' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('verification.result_not_found');
  });
});

describe('the register of issued results (through the lookup port)', () => {
  let app: App;
  const base = (status: IssuedResultStatus['status'], sha256: string, code: string): IssuedResultStatus => ({
    code,
    documentType: 'birth-certificate',
    title: 'Giấy khai sinh (bản điện tử)',
    issuer: 'UBND Phường Bến Nghé',
    number: '123/2026/KS',
    issuedAt: '2026-11-30T02:00:00.000Z',
    sha256,
    status,
    replacedBy: status === 'replaced' ? 'KQ-NEW-0001' : null,
    reason: status === 'valid' ? null : 'Sai ngày sinh',
  });
  let current: IssuedResultStatus['status'] = 'valid';
  let hash = '';

  beforeAll(async () => {
    hash = verifier.verify(fx.blt).sha256;
    const lookup: IssuedResultLookup = {
      byHash: async (h) => (h === hash ? base(current, hash, 'KQ-2026-000042') : undefined),
      byCode: async (c) => (c === 'KQ-2026-000042' ? base(current, hash, c) : undefined),
    };
    ({ app } = await createHttpServer(p.ctx, { logger: false }));
    registerVerification(app, p.ctx, { lookup });
    await app.ready();
  });
  afterAll(async () => app?.close());

  it.each([
    ['valid', 'valid', 'result.valid', 'đang còn hiệu lực'],
    ['revoked', 'revoked', 'result.revoked', 'đã bị thu hồi'],
    ['replaced', 'replaced', 'result.replaced', 'KQ-NEW-0001'],
  ] as const)('a %s result', async (status, verdict, code, vi) => {
    current = status;
    const r = (await post(app, fx.blt)).json() as VerificationReportDto;
    expect(r.verdict).toBe(verdict);
    expect(r.result).toMatchObject({ code: 'KQ-2026-000042', status, sha256: hash });
    expect(r.messages.find((m) => m.code === code)!.text.vi).toContain(vi);
    const byCode = await app.inject({ method: 'GET', url: '/api/verification/results/KQ-2026-000042' });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json()).toMatchObject({ result: { status, title: 'Giấy khai sinh (bản điện tử)' } });
  });

  it('a tampered copy of a registered result is not found by its hash and stays invalid', async () => {
    current = 'valid';
    const r = (await post(app, fx.oneByteChanged)).json() as VerificationReportDto;
    expect(r).toMatchObject({ verdict: 'invalid', result: null });
  });
});

describe('rate limit', () => {
  it('answers 429 with the platform problem past the per-minute limit', async () => {
    const ctx = { ...p.ctx, config: { ...p.ctx.config, verification: { ...p.ctx.config.verification, rateLimitPerMinute: 2 } } };
    const { app } = await createHttpServer(ctx, { logger: false });
    registerVerification(app, ctx);
    await app.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await post(app, fx.bt)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      expect((await post(app, fx.bt)).json().code).toBe('rate_limited');
    } finally {
      await app.close();
    }
  });
});

describe('the trust list file', () => {
  it('is read again when it changes; a missing file trusts nothing', async () => {
    const { TrustAnchors } = await import('./index');
    const file = join(fx.dir, 'anchors-reload.pem');
    const trust = new TrustAnchors(file, () => {}, 0);
    expect(trust.verifier().anchorCount).toBe(0);
    expect(trust.verifier().verify(fx.blt).signatures[0].trusted).toBe(false);
    writeFileSync(file, `not a certificate\n${fx.rootPem}`);
    expect(trust.verifier().anchorCount).toBe(1);
    expect(trust.verifier().verify(fx.blt).signatures[0].trusted).toBe(true);
  });
});
