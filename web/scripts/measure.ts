/**
 * `npm run measure:web`: the JavaScript the citizen home page (/) loads — each file's size raw, gzipped (level 9)
 * and as sent (brotli from the precompressed twins) — and its first contentful paint in headless Chromium, median
 * of several cold loads against the real server with the demo data.
 */
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../test/e2e/support/browser';
import { startServer } from '../../test/e2e/support/server';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '../dist');
const RUNS = Number(process.env.MEASURE_RUNS ?? 7);
const BUDGET_GZIP_KB = 250;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const fcps: number[] = [];
    let scripts: { url: string; transfer: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new context each time: empty cache, a cold load as a first visitor gets it.
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      const m = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        scripts: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.initiatorType === 'script' || r.initiatorType === 'link' || r.name.endsWith('.js'))
          .filter((r) => new URL(r.name).pathname.endsWith('.js'))
          .map((r) => ({ url: new URL(r.name).pathname, transfer: r.encodedBodySize })),
      }));
      const entry = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname));
      for (const e of entry) if (!m.scripts.some((s) => s.url === e)) m.scripts.push({ url: e, transfer: NaN });
      fcps.push(m.fcp);
      if (i === 0) scripts = m.scripts;
      await ctx.close();
    }

    let raw = 0;
    let gz = 0;
    let sent = 0;
    const rows = scripts.map((s) => {
      const bytes = fs.readFileSync(path.join(DIST, s.url));
      const g = gzipSync(bytes, { level: 9 }).length;
      raw += bytes.length;
      gz += g;
      sent += Number.isFinite(s.transfer) ? s.transfer : 0;
      return `  ${s.url.padEnd(40)} ${kb(bytes.length).padStart(10)} raw ${kb(g).padStart(10)} gzip ${Number.isFinite(s.transfer) ? kb(s.transfer).padStart(10) : '       n/a'} sent (br)`;
    });
    const lazy = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => /^(OfficerApp|AdminApp)-.*\.js$/.test(f));
    const leaked = lazy.filter((f) => scripts.some((s) => s.url.endsWith(f)));
    process.stdout.write(
      [
        '',
        `Citizen home page ${server.url}/ — JavaScript loaded (${scripts.length} files):`,
        ...rows,
        `  ${'total'.padEnd(40)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip ${kb(sent).padStart(10)} sent (br)`,
        `  budget ${BUDGET_GZIP_KB} KB gzipped: ${gz / 1024 <= BUDGET_GZIP_KB ? 'within' : 'OVER'}; back office and administration chunks loaded: ${leaked.length ? leaked.join(', ') : 'none'}`,
        '',
        `First contentful paint (headless Chromium, ${RUNS} cold loads): median ${median(fcps).toFixed(0)} ms, min ${Math.min(...fcps).toFixed(0)} ms, max ${Math.max(...fcps).toFixed(0)} ms`,
        '',
      ].join('\n'),
    );
    if (gz / 1024 > BUDGET_GZIP_KB || leaked.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
