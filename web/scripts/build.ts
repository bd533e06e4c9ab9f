/**
 * Builds the web app into web/dist when it is missing or older than its sources (web/src, web/index.html, the
 * Vite config and the shared code in src/shared that the browser imports). Used by `npm start` (prestart), by
 * `npm run build:web` (with --force) and by the browser tests. Takes a few milliseconds when nothing changed.
 */
import { mkdirSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = path.resolve(here, '..');
export const DIST_INDEX = path.join(WEB_ROOT, 'dist', 'index.html');
const SOURCES = [
  path.join(WEB_ROOT, 'src'),
  path.join(WEB_ROOT, 'public'),
  path.join(WEB_ROOT, 'index.html'),
  path.join(WEB_ROOT, 'vite.config.ts'),
  path.resolve(WEB_ROOT, '../src/shared'),
  path.resolve(WEB_ROOT, '../package-lock.json'),
];
/** One build at a time on this machine (npm start and a test run may both ask). */
const LOCK = path.resolve(WEB_ROOT, '../node_modules/.cache/motcua-web-build.lock');

function newestMtime(p: string): number {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const f of readdirSync(p)) {
    if (f.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(path.join(p, f)));
  }
  return max;
}

export function isWebBuildStale(): boolean {
  let built: number;
  try {
    built = statSync(DIST_INDEX).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((s) => newestMtime(s) > built);
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than 5 minutes belongs to a build that died.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmdirSync(LOCK);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 300_000) throw new Error(`web build lock ${LOCK} held for 5 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(LOCK);
  }
}

/** Assets of earlier builds are kept for a day (pages already open may still load their chunks), then removed. */
const KEEP_OLD_ASSETS_MS = 24 * 3600 * 1000;

function pruneOldAssets(buildStart: number) {
  const dir = path.join(WEB_ROOT, 'dist', 'assets');
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const f of files) {
    const p = path.join(dir, f);
    const m = statSync(p).mtimeMs;
    if (m < buildStart - 1000 && m < Date.now() - KEEP_OLD_ASSETS_MS) rmSync(p, { force: true });
  }
}

/** Builds if needed; returns whether a build ran. */
export async function ensureWebBuilt(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !isWebBuildStale()) return false;
  return withLock(async () => {
    if (!opts.force && !isWebBuildStale()) return false;
    const { build } = await import('vite');
    const t0 = Date.now();
    // Always a production build (React's production bundle), also when called from a test runner that sets
    // NODE_ENV=test: the result is what `npm start` serves.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), mode: 'production', logLevel: opts.quiet ? 'warn' : 'info' });
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
    pruneOldAssets(t0);
    if (!opts.quiet) process.stdout.write(`web app built in ${Date.now() - t0} ms\n`);
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  ensureWebBuilt({ force })
    .then((ran) => {
      if (!ran) process.stdout.write('web app is up to date (web/dist)\n');
    })
    .catch((err) => {
      process.stderr.write(`web build failed: ${err?.stack ?? err}\n`);
      process.exit(1);
    });
}
