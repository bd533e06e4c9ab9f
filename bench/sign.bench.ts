/**
 * bench:sign — issued results rendered from the birth-certificate template and signed PAdES B-LT: layout with the
 * cached fonts, CAdES signature with the demo agency key (ECDSA P-256), RFC 3161 time-stamp from the local
 * (in-process) TSA, /DSS update, SHA-256 of the file. One after another on one core, as in the issuing transaction.
 * Then, in the same run, every signed file is checked by the verification module's verifier against the demo root
 * (integrity, CMS signature, chain, time-stamp, /DSS revocation data, B-LT profile); each must come out valid, and
 * its p99 is verify_p99_ms. Ends with one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Trust } from '../src/modules/result/pki/trust';
import { signPades } from '../src/modules/result/pki/pades';
import { preparePdf } from '../src/modules/result/render/pdf';
import { renderResult, templateFor } from '../src/modules/result/render/template';
import { PdfVerifier, parsePemBundle } from '../src/modules/verification';

const N = Number(process.env.BENCH_RESULTS ?? 600);
const WARMUP = 30;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-sign-'));
const trust = new Trust({ pkiDir: dir, demo: true, p12Dir: path.join(dir, 'agencies'), p12Password: null, tsaUrl: null, tsaTimeoutMs: 3000, trustAnchorsFile: path.join(dir, 'trust-anchors.pem') }, () => new Date());
trust.init();
const agency = { code: '000.00.21.H38', name: 'Ủy ban nhân dân phường Hồng Bàng' };
const signer = trust.signerFor(agency);
const template = templateFor('birth-certificate', 'Giấy khai sinh');
const names = ['Nguyễn Thị Ánh Dương', 'Trần Minh Khôi', 'Lê Hoàng Yến', 'Phạm Đức Anh', 'Võ Thị Thu Hằng'];

const signedFiles: Buffer[] = [];

async function one(i: number): Promise<Buffer> {
  const at = new Date();
  const code = `BENCH${String(i).padStart(15, '0')}`;
  const page = renderResult(template, {
    data: { childFullName: names[i % names.length], childSex: i % 2 ? 'male' : 'female', childDateOfBirth: '2026-10-30', childBirthFacility: 'Bệnh viện Phụ sản Hải Phòng', childEthnicity: 'Kinh', childNationality: 'Việt Nam', motherFullName: 'Trần Thị Mai', motherDateOfBirth: '1994-05-12', motherEthnicity: 'Kinh', motherResidence: 'Số 12 đường Lạch Tray, phường Hồng Bàng, thành phố Hải Phòng', fatherFullName: 'Nguyễn Văn Hùng', applicantFullName: 'Nguyễn Văn Hùng' },
    labels: {},
    dossier: { code: `000.00.21.H38-261202-${String(i).padStart(4, '0')}`, procedureName: 'Đăng ký khai sinh', subjectName: 'Nguyễn Văn Hùng' },
    agency: { name: agency.name, kind: 'commune-pc', parentName: 'Ủy ban nhân dân thành phố Hải Phòng', place: 'Hải Phòng' },
    number: `${i + 1}/2026/GKS`,
    issuedAt: at,
    verifyUrl: `http://localhost:3000/xac-thuc?ma=${code}`,
    verificationCode: code,
    demo: true,
  });
  const prepared = preparePdf(page, { title: 'Giấy khai sinh', author: agency.name, subject: `Giấy khai sinh số ${i + 1}/2026/GKS` }, { at, name: agency.name, reason: 'Cấp Giấy khai sinh', location: 'Hải Phòng' });
  const { pdf } = await signPades(prepared, signer, trust.tsa(), trust.validationData(signer));
  createHash('sha256').update(pdf).digest('hex');
  return pdf;
}

const tFonts = performance.now();
await one(-1);
console.error(`first result (fonts subset once): ${Math.round(performance.now() - tFonts)} ms`);
for (let i = 0; i < WARMUP; i++) await one(i);
const lat: number[] = [];
let bytes = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  const pdf = await one(i);
  lat.push(performance.now() - s);
  bytes += pdf.length;
  signedFiles.push(pdf);
}
const secs = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const p99 = lat[Math.min(lat.length - 1, Math.floor(0.99 * lat.length))];
console.error(`${N} results, ${Math.round(bytes / N / 1024)} KiB each, p50 ${lat[Math.floor(lat.length / 2)].toFixed(1)} ms`);

// Verification of the files just signed, by the verification module's verifier (as POST /api/verification runs it).
const verifier = new PdfVerifier(parsePemBundle(trust.trustAnchorsPem()).certs);
for (let i = 0; i < Math.min(WARMUP, signedFiles.length); i++) verifier.verify(signedFiles[i]);
const vlat: number[] = [];
const tv = performance.now();
for (const pdf of signedFiles) {
  const s = performance.now();
  const report = verifier.verify(pdf);
  vlat.push(performance.now() - s);
  const sig = report.signatures[0];
  if (report.signatures.length !== 1 || sig.verdict !== 'valid' || !sig.trusted || sig.profile.level !== 'B-LT') {
    throw new Error(`a signed result did not verify: ${JSON.stringify({ count: report.signatures.length, verdict: sig?.verdict, trusted: sig?.trusted, level: sig?.profile.level })}`);
  }
}
const vsecs = (performance.now() - tv) / 1000;
vlat.sort((a, b) => a - b);
const vp99 = vlat[Math.min(vlat.length - 1, Math.floor(0.99 * vlat.length))];
console.error(`${signedFiles.length} verified (all valid, trusted, B-LT), ${Math.round(signedFiles.length / vsecs)}/s, p50 ${vlat[Math.floor(vlat.length / 2)].toFixed(1)} ms`);
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'sign', signed_per_s: Math.round(N / secs), p99_ms: Math.round(p99 * 10) / 10, verified_per_s: Math.round(signedFiles.length / vsecs), verify_p99_ms: Math.round(vp99 * 10) / 10 }));
