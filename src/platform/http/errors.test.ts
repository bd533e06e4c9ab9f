import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { AppError, declareError, declareErrorWith, errorRegistry, platformErrors } from './errors';

/** The error registry: every code declared once, with its status and vi/en title, and published in the API document. */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.dirname(SRC);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const errorsFiles = sourceFiles(SRC).filter((f) => f.endsWith('.errors.ts'));
const rel = (f: string) => path.relative(ROOT, f);

let p: TestPlatform;
beforeAll(async () => {
  // Loading every errors file declares every code; a code declared twice throws here.
  for (const f of errorsFiles) await import(pathToFileURL(f).href);
  p = await startTestPlatform({ demo: false });
});
afterAll(() => p?.close());

describe('error registry', () => {
  it('knows the codes of every errors file and of the platform, each once, as module.snake_case with an error status', () => {
    const codes = [...errorRegistry().keys()];
    expect(codes.length).toBeGreaterThan(50);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of errorRegistry().values()) {
      expect(e.code, e.code).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);
      expect(e.status, e.code).toBeGreaterThanOrEqual(400);
      expect(e.status, e.code).toBeLessThan(600);
    }
    for (const f of Object.values(platformErrors)) expect(errorRegistry().get(f.code)).toMatchObject({ status: f.status });
  });

  it('gives every code a Vietnamese and an English title', () => {
    for (const e of errorRegistry().values()) {
      expect(e.title.vi.trim(), e.code).not.toBe('');
      expect(e.title.en.trim(), e.code).not.toBe('');
      expect(e.title.vi, `${e.code}: the Vietnamese title is not the English one`).not.toBe(e.title.en);
    }
  });

  it('refuses a second declaration of a code, a malformed code and a non-error status', () => {
    expect(() => declareError('validation_failed', 400, { vi: 'a', en: 'b' })).toThrow(/declared twice/);
    expect(() => declareError('Bad Code', 400, { vi: 'a', en: 'b' })).toThrow(/lower_snake/);
    expect(() => declareErrorWith('test.ok_status', 200, { vi: 'a', en: 'b' }, () => ({}))).toThrow(/not an error status/);
  });

  it('builds errors from the declared factories, with their detail and extra members', () => {
    const factory = declareErrorWith('test.sample_with_detail', 409, { vi: 'Xung đột', en: 'Conflict' }, (n: number) => ({ detail: { vi: `số ${n}`, en: `number ${n}` }, extra: { n } }));
    const e = factory(7);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ status: 409, code: 'test.sample_with_detail', detail: { en: 'number 7' }, extra: { n: 7 } });
    expect({ code: factory.code, status: factory.status }).toEqual({ code: 'test.sample_with_detail', status: 409 });
  });

  it('publishes every declared code in the OpenAPI document, and each module code on an operation that can answer it', async () => {
    const doc = (await p.anonymous().get('/api/openapi.json')).json();
    const published = new Set((doc['x-error-codes'] as { code: string }[]).map((e) => e.code));
    for (const code of errorRegistry().keys()) if (!code.startsWith('test.')) expect(published, code).toContain(code);
    const onOperations = new Set<string>();
    for (const ops of Object.values<any>(doc.paths)) for (const op of Object.values<any>(ops)) for (const c of op['x-error-codes'] ?? []) onOperations.add(c);
    const platformCodes = new Set(Object.values(platformErrors).map((f) => f.code));
    // Never answered over HTTP: publishNotice is operator tooling (a new consent notice version), and every dossier
    // action has its own route, so the state machine's unknown_action is a 404 route, not this code.
    const offHttp = new Set(['consent.notice_exists', 'dossier.unknown_action']);
    const unlisted = [...errorRegistry().keys()].filter((c) => !c.startsWith('test.') && !platformCodes.has(c) && !offHttp.has(c) && !onOperations.has(c));
    expect(unlisted, 'declared codes that no operation lists in config.errors').toEqual([]);
  });
});

describe('every code thrown is declared', () => {
  const uses = (re: RegExp, allowed: (f: string) => boolean) =>
    sourceFiles(SRC)
      .filter((f) => !allowed(f))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => (re.test(line) ? `${rel(f)}:${i + 1}` : null)).filter((x): x is string => !!x));

  it('builds no AppError outside declareError (errors.ts): every error comes from a declared factory', () => {
    expect(uses(/new AppError\(/, (f) => f.endsWith(path.join('platform', 'http', 'errors.ts')))).toEqual([]);
  });

  it('uses none of the deprecated helpers that take an undeclared code', () => {
    expect(uses(/\berrors\.(badRequest|conflict|unprocessable)\(/, (f) => f.endsWith(path.join('platform', 'http', 'errors.ts')))).toEqual([]);
  });
});
