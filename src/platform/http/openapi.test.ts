import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';

/**
 * Schemas first: every operation of the API document says what it is (operationId, a description of what it does),
 * what it answers on success (a response schema) and which error codes it can answer (its config.errors).
 */
let p: TestPlatform;
let doc: any;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
  doc = (await p.anonymous().get('/api/openapi.json')).json();
});
afterAll(() => p.close());

const operations = () =>
  Object.entries<any>(doc.paths).flatMap(([path, ops]) => Object.entries<any>(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

it('gives every operation a unique camelCase operationId', () => {
  const missing = operations().filter(({ op }) => !/^[a-z][A-Za-z0-9]*$/.test(op.operationId ?? ''));
  expect(missing.map((o) => o.name)).toEqual([]);
  const ids = operations().map(({ op }) => op.operationId);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

it('describes what every operation does, beyond who may call it', () => {
  const bare = operations().filter(({ op }) => !String(op.description ?? '').replace(/\n*Access: [^\n]*\.$/, '').trim());
  expect(bare.map((o) => o.name)).toEqual([]);
});

it('declares a success response for every operation, with a schema unless it answers no content', () => {
  const missing = operations().filter(({ op }) => {
    const ok = Object.entries<any>(op.responses ?? {}).filter(([status]) => /^[23]\d\d$/.test(status));
    if (!ok.length) return true;
    return ok.some(([status, r]) => status !== '204' && !status.startsWith('3') && !Object.values<any>(r.content ?? {}).some((c) => c.schema));
  });
  expect(missing.map((o) => o.name)).toEqual([]);
});

it('lists the error codes every operation can answer (config.errors), each one declared', () => {
  const declared = new Set((doc['x-error-codes'] as { code: string }[]).map((e) => e.code));
  const missing = operations().filter(({ op }) => !Array.isArray(op['x-error-codes']));
  expect(missing.map((o) => o.name)).toEqual([]);
  const undeclared = operations().flatMap(({ name, op }) => ((op['x-error-codes'] ?? []) as string[]).filter((c) => !declared.has(c)).map((c) => `${name}: ${c}`));
  expect(undeclared).toEqual([]);
});
