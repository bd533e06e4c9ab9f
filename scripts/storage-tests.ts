/**
 * Lists the test files that touch storage: those whose (non-type) imports reach the database client, or a file that
 * chooses the database from MOTCUA_TEST_DB (the browser tests' server, the crash tests' child processes).
 * CI runs the whole suite on PGlite and only these files again on the PostgreSQL server: a test that never reaches
 * the database would run the same code twice.
 *
 * Browser tests (test/e2e/) are the exception: their storage is the same server code the API tests run on both
 * databases, and what only they check (the pages, axe, the keyboard) does not depend on the database, while each
 * costs a minute or more. So only those marked `@postgres-pass` in their source (the full journey) run twice.
 *
 *   node --import tsx scripts/storage-tests.ts          # one path per line
 *   node --import tsx scripts/storage-tests.ts --others # the rest (the pure tests)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DB_CLIENT = join(root, 'src/platform/db/client.ts');
/** The mark a browser test carries in a comment to run on the PostgreSQL pass too. */
const POSTGRES_PASS_MARK = '@postgres-pass';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Relative module specifiers of value imports, re-exports and dynamic imports (`import type` is left out). */
export function valueImports(source: string): string[] {
  const specs: string[] = [];
  const staticRe = /^\s*(import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;
  const dynamicRe = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(staticRe)) specs.push(m[2]!);
  for (const m of source.matchAll(dynamicRe)) specs.push(m[1]!);
  return specs;
}

function resolveSpec(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

const memo = new Map<string, boolean>();
function touchesStorage(file: string, seen = new Set<string>()): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  if (seen.has(file)) return false;
  seen.add(file);
  if (file === DB_CLIENT) return true;
  const source = readFileSync(file, 'utf8');
  let hit = /process\.env\.MOTCUA_TEST_DB\b/.test(source);
  for (const spec of valueImports(source)) {
    if (hit) break;
    const target = resolveSpec(file, spec);
    if (target && touchesStorage(target, seen)) hit = true;
  }
  // Only a positive answer is final: a negative one may come from a cycle cut short.
  if (hit) memo.set(file, true);
  return hit;
}

/** The test files, relative to the repository, split by whether they touch storage. */
export function splitTests(): { storage: string[]; others: string[] } {
  const tests = [...walk(join(root, 'src')), ...walk(join(root, 'test'))].sort();
  const storage: string[] = [];
  const others: string[] = [];
  for (const t of tests) {
    const browser = relative(root, t).startsWith('test/e2e/');
    const twice = browser ? readFileSync(t, 'utf8').includes(POSTGRES_PASS_MARK) : touchesStorage(t);
    (twice ? storage : others).push(relative(root, t));
  }
  return { storage, others };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { storage, others } = splitTests();
  const list = process.argv.includes('--others') ? others : storage;
  process.stdout.write(list.map((t) => `${t}\n`).join(''));
}
