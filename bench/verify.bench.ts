/**
 * bench:verify — the PAdES verifier on the test fixtures (built on the spot with openssl: a B-LT file with a
 * time-stamp and a /DSS holding the chain and the CRL). Measures the full verification of one upload as the API does it
 * (structure, digest, CMS signature, chain, CRL, time-stamp, report) over BENCH_VERIFY (default 2,000) runs after a
 * warm-up, and the same for a pdfsig-signed file. Ends with one JSON line.
 */
import { PdfVerifier, buildReport, parsePemBundle } from '../src/modules/verification/index';
import { buildFixtures } from '../src/modules/verification/testing/fixtures';

const N = Number(process.env.BENCH_VERIFY ?? 2000);
const err = (s: string) => process.stderr.write(`${s}\n`);
const q = (times: number[], x: number) => Number([...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(3));

const fx = await buildFixtures();
try {
  const verifier = new PdfVerifier(parsePemBundle(fx.rootPem).certs);
  const run = (bytes: Buffer) => {
    const doc = verifier.verify(bytes);
    const report = buildReport(doc, undefined);
    if (report.verdict !== 'valid') throw new Error(`fixture verdict ${report.verdict}`);
  };
  const measure = (name: string, bytes: Buffer) => {
    for (let i = 0; i < Math.min(200, N); i++) run(bytes);
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const s = performance.now();
      run(bytes);
      times.push(performance.now() - s);
    }
    const total = performance.now() - t0;
    const out = { p50: q(times, 0.5), p99: q(times, 0.99), perSecond: Math.round((N * 1000) / total) };
    err(`${name} (${bytes.length} bytes): p50 ${out.p50} ms, p99 ${out.p99} ms, ${out.perSecond}/s`);
    return out;
  };
  const blt = measure('B-LT', fx.blt);
  const pdfsig = measure('pdfsig', fx.pdfsigSigned);
  console.log(JSON.stringify({ bench: 'verify', verify_p99_ms: blt.p99, verified_per_s: blt.perSecond, verify_p50_ms: blt.p50, runs: N, fixture_bytes: fx.blt.length, pdfsig_p99_ms: pdfsig.p99, pdfsig_bytes: fx.pdfsigSigned.length }));
} finally {
  fx.cleanup();
}
