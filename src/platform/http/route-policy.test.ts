import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
});
afterAll(() => p.close());

it('every registered route declares an access policy', () => {
  expect(p.routes.length).toBeGreaterThan(10);
  const missing = p.routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
  expect(missing).toEqual([]);
});

it('every API route is in the OpenAPI document, which is version 3.1', async () => {
  const doc = (await p.anonymous().get('/api/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries<any>(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  const apiRoutes = p.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
  for (const r of apiRoutes) for (const m of [r.method].flat()) if (m !== 'HEAD') expect(documented, `${m} ${r.url}`).toContain(`${m} ${r.url}`);
});

it('serves the docs page, health and readiness', async () => {
  const docs = await p.anonymous().get('/api/docs/');
  expect(docs.statusCode).toBe(200);
  expect(docs.body).toMatch(/swagger/i);
  expect((await p.anonymous().get('/healthz')).json()).toEqual({ status: 'ok' });
  expect((await p.anonymous().get('/readyz')).json().status).toBe('ready');
  p.ctx.startup.pending = 'loading demo data';
  const starting = await p.anonymous().get('/readyz');
  expect(starting.statusCode).toBe(503);
  expect(starting.json().code).toBe('not_ready');
  p.ctx.startup.pending = null;
});

it('sends security headers and echoes a request id', async () => {
  const res = await p.anonymous().get('/healthz', { 'x-request-id': 'test-request-0001' });
  expect(res.headers['x-request-id']).toBe('test-request-0001');
  expect(res.headers['content-security-policy']).toBeTruthy();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['strict-transport-security']).toBeTruthy();
});

it('asks browsers to upgrade to https only when the installation is served over https', async () => {
  const csp = String((await p.anonymous().get('/healthz')).headers['content-security-policy']);
  expect(p.config.publicUrl.startsWith('http:')).toBe(true);
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(csp).toContain("script-src 'self'");
});
